import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import type { PlanIR } from '../../../dsl/ir/schema.js';
import type { Db } from '../../shared/db/pool.js';
import { PlanRepository } from '../../shared/repositories/plan.repository.js';
import { ReportRepository } from '../../shared/repositories/report.repository.js';
import { UnitRepository } from '../../shared/repositories/unit.repository.js';
import { buildReport } from '../../shared/reports/build-report.js';
import { CurrentUser } from '../auth/decorators.js';
import { canSeeUnit, type Principal } from '../auth/principal.js';
import { AppError } from '../common/problem.filter.js';
import { ZodPipe } from '../common/zod.pipe.js';
import { DB } from '../tokens.js';

const Query_ = z.object({ plan: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/) });

@ApiTags('dashboard')
@ApiBearerAuth()
@Controller('dashboard')
export class DashboardController {
  private readonly plans = new PlanRepository();
  private readonly reports = new ReportRepository();
  private readonly units = new UnitRepository();

  constructor(@Inject(DB) private readonly db: Db) {}

  /** The 1270 classes right now for the units the caller may see, per unit and per area, with the overdue list. */
  @Get()
  @ApiOperation({ summary: 'Số liệu các đơn vị tôi phụ trách / Figures of the units under me' })
  async figures(@CurrentUser() p: Principal, @Query(new ZodPipe(Query_)) q: z.infer<typeof Query_>) {
    const plan = await this.plans.findByCode(this.db, q.plan);
    if (!plan?.latestVersion || plan.issuerId !== p.issuerCode)
      throw new AppError(404, 'plan_not_found', `Không có kế hoạch "${q.plan}".`, `No plan "${q.plan}".`);
    const [ir, states, units] = await Promise.all([
      this.plans.getIr(this.db, plan.id, plan.latestVersion) as Promise<PlanIR>,
      this.reports.statesNow(this.db, plan.id),
      this.units.listByIssuer(this.db, p.issuerCode),
    ]);
    const idOf = new Map(units.map((u) => [u.code, u.id]));
    const visible = states.filter((s) => canSeeUnit(p, idOf.get(s.unitCode) ?? -1));
    const now = new Date().toISOString();
    const { byUnit, byArea, totals, overdue } = buildReport({
      ir,
      version: plan.latestVersion,
      report: { id: 'dashboard', title: 'Dashboard' },
      period: now.slice(0, 7),
      window: { from: `${ir.plan.year}-01-01`, to: now.slice(0, 10) },
      asOf: now,
      previous: null,
      states: visible,
      previousStates: null,
      evidence: [],
      indicatorValues: [],
      generatedAt: now,
    });
    return { plan: { code: ir.plan.code, title: ir.plan.title }, asOf: now, totals, byUnit, byArea, overdue };
  }
}
