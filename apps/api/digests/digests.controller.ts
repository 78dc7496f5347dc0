import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentUser } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { ZodPipe } from '../common/zod.pipe.js';
import { DigestsService } from './digests.service.js';

const Query_ = z.object({
  plan: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]*$/)
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

@ApiTags('digests')
@ApiBearerAuth()
@Controller('digests')
export class DigestsController {
  constructor(@Inject(DigestsService) private readonly digests: DigestsService) {}

  @Get()
  @ApiOperation({
    summary: 'Bản tổng hợp leo thang gửi tôi / Escalation digests addressed to me, newest first',
  })
  list(@CurrentUser() p: Principal, @Query(new ZodPipe(Query_)) q: z.infer<typeof Query_>) {
    return this.digests.list(p, q);
  }

  @Get('current')
  @ApiOperation({ summary: 'Bản tổng hợp mới nhất / The latest digest for each of my recipients' })
  current(@CurrentUser() p: Principal, @Query(new ZodPipe(Query_)) q: z.infer<typeof Query_>) {
    return this.digests.current(p, q);
  }
}
