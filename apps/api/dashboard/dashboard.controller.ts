import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentUser } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { ZodPipe } from '../common/zod.pipe.js';
import { DashboardService } from './dashboard.service.js';

const Query_ = z.object({ plan: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/) });

@ApiTags('dashboard')
@ApiBearerAuth()
@Controller('dashboard')
export class DashboardController {
  constructor(@Inject(DashboardService) private readonly dashboard: DashboardService) {}

  /** Figures of the units the caller may see: now, and month by month through the plan year. */
  @Get()
  @ApiOperation({ summary: 'Số liệu các đơn vị tôi phụ trách / Figures of the units under me' })
  figures(@CurrentUser() p: Principal, @Query(new ZodPipe(Query_)) q: z.infer<typeof Query_>) {
    return this.dashboard.figures(p, q.plan);
  }
}
