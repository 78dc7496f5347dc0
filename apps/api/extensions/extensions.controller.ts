import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentUser, Roles } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { Declare } from '../common/openapi.js';
import { planCode } from '../common/schemas.js';
import { ExtensionsService } from './extensions.service.js';

const PendingQuery = z.object({ plan: planCode.optional() }).strict();

@ApiTags('extensions')
@Controller('extension-requests')
@Roles('admin', 'home_affairs')
export class ExtensionsController {
  constructor(@Inject(ExtensionsService) private readonly extensions: ExtensionsService) {}

  @Declare({
    operationId: 'pendingExtensions',
    summary: 'Đề nghị gia hạn chờ quyết định / Extension requests waiting for a decision',
    query: PendingQuery,
    responses: { 200: z.array(z.looseObject({})) },
  })
  @Get()
  pending(@CurrentUser() p: Principal, @Query() q: z.output<typeof PendingQuery>) {
    return this.extensions.pending(p, q.plan);
  }
}
