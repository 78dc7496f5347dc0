import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentUser, Roles } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { ZodPipe } from '../common/zod.pipe.js';
import { ExtensionsService } from './extensions.service.js';

const Query_ = z.object({
  plan: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]*$/)
    .optional(),
});

@ApiTags('extensions')
@ApiBearerAuth()
@Controller('extension-requests')
@Roles('admin', 'home_affairs')
export class ExtensionsController {
  constructor(@Inject(ExtensionsService) private readonly extensions: ExtensionsService) {}

  @Get()
  @ApiOperation({ summary: 'Đề nghị gia hạn chờ quyết định / Extension requests waiting for a decision' })
  pending(@CurrentUser() p: Principal, @Query(new ZodPipe(Query_)) q: z.infer<typeof Query_>) {
    return this.extensions.pending(p, q.plan);
  }
}
