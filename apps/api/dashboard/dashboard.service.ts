import { Inject, Injectable } from '@nestjs/common';
import type { PlanIR } from '../../../dsl/ir/schema.js';
import type { Db } from '../../database/pool.js';
import { PlanRepository } from '../../database/repositories/plan.repository.js';
import { ReportRepository, type AssignmentStateAt } from '../../database/repositories/report.repository.js';
import { UnitRepository } from '../../database/repositories/unit.repository.js';
import { buildReport } from '../../reports/build-report.js';
import { canSeeUnit, type Principal } from '../auth/principal.js';
import { AppError } from '../common/problem.filter.js';
import { DB } from '../tokens.js';

/** Month ends are taken in Vietnam's time (UTC+7, no daylight saving). */
const VN_OFFSET_MS = 7 * 3_600_000;

export interface MonthPoint {
  /** yyyy-mm */
  month: string;
  /** The instant the month's figures are taken at: the month's last moment, or now for the current month. */
  asOf: string;
  completionRate: number | null;
  done: number;
  openOverdue: number;
}

@Injectable()
export class DashboardService {
  constructor(
    @Inject(DB) private readonly db: Db,
    @Inject(PlanRepository) private readonly plans: PlanRepository,
    @Inject(ReportRepository) private readonly reports: ReportRepository,
    @Inject(UnitRepository) private readonly units: UnitRepository,
  ) {}

  /**
   * The 1270 classes now for the units the caller may see (per unit, per area, overdue list), and, from the
   * event log, the completion rate of each month of the plan year so far and the overdue count per unit and
   * month (the heat-map).
   */
  async figures(p: Principal, planCode: string, now = new Date()) {
    const plan = await this.plans.findByCode(this.db, planCode);
    if (!plan?.latestVersion || plan.issuerId !== p.issuerCode)
      throw new AppError(404, 'plan_not_found', `Không có kế hoạch "${planCode}".`, `No plan "${planCode}".`);
    const [ir, states, units] = await Promise.all([
      this.plans.getIr(this.db, plan.id, plan.latestVersion) as Promise<PlanIR>,
      this.reports.statesNow(this.db, plan.id),
      this.units.listByIssuer(this.db, p.issuerCode),
    ]);
    const idOf = new Map(units.map((u) => [u.code, u.id]));
    const visible = (list: AssignmentStateAt[]) =>
      list.filter((s) => canSeeUnit(p, idOf.get(s.unitCode) ?? -1));
    const figuresAt = (asOf: string, list: AssignmentStateAt[]) =>
      buildReport({
        ir,
        version: plan.latestVersion!,
        report: { id: 'dashboard', title: 'Dashboard' },
        period: asOf.slice(0, 7),
        window: { from: `${ir.plan.year}-01-01`, to: asOf.slice(0, 10) },
        asOf,
        previous: null,
        states: visible(list),
        previousStates: null,
        evidence: [],
        indicatorValues: [],
        generatedAt: now.toISOString(),
      });

    const current = figuresAt(now.toISOString(), states);
    const trend: MonthPoint[] = [];
    const heatmap: { unit: string; month: string; overdue: number }[] = [];
    for (const { month, asOf } of monthEnds(ir.plan.year, now)) {
      const at = figuresAt(asOf, await this.reports.statesAt(this.db, plan.id, asOf));
      trend.push({
        month,
        asOf,
        completionRate: at.totals.completionRate,
        done: at.totals.doneOnTime + at.totals.doneLate,
        openOverdue: at.totals.openOverdue,
      });
      for (const u of at.byUnit) heatmap.push({ unit: u.unit.code, month, overdue: u.openOverdue });
    }
    const { byUnit, byArea, totals, overdue, onTimeThreshold } = current;
    const dueAtOf = new Map(states.map((s) => [s.assignmentId, s.dueAt]));
    // Rates (completionRate, ytdOnTimeRate, onTimeThreshold, the trend) are percentages 0–100, as in the reports.
    return {
      plan: { code: ir.plan.code, title: ir.plan.title, year: ir.plan.year },
      asOf: current.asOf,
      onTimeThreshold,
      totals,
      byUnit,
      byArea,
      // The deadline's instant beside its day, so that pages say how long ago it passed (hours on the first day).
      overdue: overdue.map((o) => ({ ...o, dueAt: dueAtOf.get(o.assignmentId) ?? null })),
      belowThreshold: byUnit.filter((u) => u.belowThreshold).map((u) => u.unit),
      trend,
      heatmap,
    };
  }
}

/** The months of the plan year that have begun by `now`, each with the instant its figures are taken at. */
export function monthEnds(year: number, now: Date): { month: string; asOf: string }[] {
  const out: { month: string; asOf: string }[] = [];
  for (let m = 1; m <= 12; m++) {
    const start = Date.UTC(year, m - 1, 1) - VN_OFFSET_MS;
    if (start > now.getTime()) break;
    const end = Date.UTC(year, m, 1) - VN_OFFSET_MS - 1;
    out.push({
      month: `${year}-${String(m).padStart(2, '0')}`,
      asOf: new Date(Math.min(end, now.getTime())).toISOString(),
    });
  }
  return out;
}
