import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentUser } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { Declare } from '../common/openapi.js';
import { planCode } from '../common/schemas.js';
import { DashboardService } from './dashboard.service.js';

const DashboardQuery = z.object({ plan: planCode }).strict();

@ApiTags('dashboard')
@Controller('dashboard')
export class DashboardController {
  constructor(@Inject(DashboardService) private readonly dashboard: DashboardService) {}

  /** Figures of the units the caller may see: now, and month by month through the plan year. */
  @Declare({
    operationId: 'dashboard',
    summary: 'Số liệu các đơn vị tôi phụ trách / Figures of the units under me',
    query: DashboardQuery,
    responses: { 200: z.looseObject({}) },
    errors: [404],
  })
  @Get()
  figures(@CurrentUser() p: Principal, @Query() q: z.output<typeof DashboardQuery>) {
    return this.dashboard.figures(p, q.plan);
  }
}
