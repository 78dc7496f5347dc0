import type { PlanIR } from '../../../dsl/ir/schema.js';
import type { Db } from '../db/pool.js';
import { IndicatorRepository } from '../repositories/indicator.repository.js';
import { PlanRepository } from '../repositories/plan.repository.js';
import { ReportRepository } from '../repositories/report.repository.js';
import { buildReport, localDateOf } from './build-report.js';
import type { ReportContent } from './report-model.js';

export class ReportNotFoundError extends Error {
  constructor(
    readonly what: 'plan' | 'report' | 'period',
    readonly id: string,
  ) {
    super(`${what} not found: ${id}`);
  }
}

type Occurrence = PlanIR['reports'][number]['occurrences'][number];

/**
 * The period a report is about: a named period, or the one whose data window holds the as-of date (an
 * on-demand report), falling back to the last period whose cut-off has passed.
 */
function pickOccurrence(
  occurrences: readonly Occurrence[],
  want: { period?: string; asOf?: string },
): number {
  if (want.period) return occurrences.findIndex((o) => o.period === want.period);
  const day = localDateOf(want.asOf!);
  const within = occurrences.findIndex((o) => o.windowFrom <= day && day <= o.windowTo);
  if (within >= 0) return within;
  return occurrences.findLastIndex((o) => o.cutOffAt <= want.asOf!);
}

/**
 * Computes a report from the event log: the state of every assignment as of the cut-off (or any instant),
 * and as of the previous period's cut-off for the change column. Reproducible: the same events give the same
 * figures whenever it is run.
 */
export async function compileReportContent(
  db: Db,
  q: { planCode: string; reportId: string; period?: string; asOf?: string; now?: () => Date },
): Promise<ReportContent> {
  const plans = new PlanRepository();
  const reports = new ReportRepository();
  const indicators = new IndicatorRepository();
  const plan = await plans.findByCode(db, q.planCode);
  if (!plan?.latestVersion) throw new ReportNotFoundError('plan', q.planCode);
  const ir = (await plans.getIr(db, plan.id, plan.latestVersion)) as PlanIR;
  const report = ir.reports.find((r) => r.id === q.reportId);
  if (!report) throw new ReportNotFoundError('report', q.reportId);
  const n = pickOccurrence(report.occurrences, q);
  if (n < 0) throw new ReportNotFoundError('period', q.period ?? q.asOf ?? '');
  const occurrence = report.occurrences[n]!;
  const asOf = q.period || !q.asOf ? occurrence.cutOffAt : q.asOf;
  const before = n > 0 ? report.occurrences[n - 1]! : undefined;
  const previous = before ? { period: before.period, asOf: before.cutOffAt } : null;
  // Independent reads on separate connections of the pool.
  const [states, previousStates, evidence, indicatorValues] = await Promise.all([
    reports.statesAt(db, plan.id, asOf),
    previous ? reports.statesAt(db, plan.id, previous.asOf) : Promise.resolve(null),
    reports.evidenceAt(db, plan.id, asOf),
    indicators.valuesFor(db, plan.id, occurrence.period),
  ]);
  return buildReport({
    ir,
    version: plan.latestVersion,
    report,
    period: occurrence.period,
    window: { from: occurrence.windowFrom, to: occurrence.windowTo },
    asOf,
    previous,
    states,
    previousStates,
    evidence,
    indicatorValues,
    generatedAt: (q.now?.() ?? new Date()).toISOString(),
  });
}
