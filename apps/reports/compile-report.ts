import type { PlanIR } from '../../dsl/ir/schema.js';
import type { Db } from '../database/pool.js';
import { createRepositories, type Repositories } from '../database/repositories/index.js';
import { readDeadline } from '../presentation/index.js';
import { buildReport } from './build-report.js';
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
 * on-demand report), falling back to the last period whose cut-off has passed. The midnight that ends a day
 * (a date given as the as-of, a cut-off) is that day's: "as of 14/03" is the end of the window 15/02–14/03.
 */
export function pickOccurrence(
  occurrences: readonly Occurrence[],
  want: { period?: string; asOf?: string },
): number {
  if (want.period) return occurrences.findIndex((o) => o.period === want.period);
  const day = readDeadline(want.asOf!).lastDay;
  const within = occurrences.findIndex((o) => o.windowFrom <= day && day <= o.windowTo);
  if (within >= 0) return within;
  return occurrences.findLastIndex((o) => o.cutOffAt <= want.asOf!);
}

/** The months (YYYY-MM) a window of local dates touches. */
function monthsOf(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  const end = to.slice(0, 7);
  for (let i = 0; i < 60; i++) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    out.push(month);
    if (month >= end) break;
    if (m === 12) {
      y += 1;
      m = 1;
    } else m += 1;
  }
  return out;
}

/**
 * Computes a report from the event log: the state of every assignment as of the cut-off (or any instant),
 * and as of the previous period's cut-off for the change column. Reproducible: the same events give the same
 * figures whenever it is run. Repositories hold no state: a caller without a set of its own may leave them out.
 */
export async function compileReportContent(
  db: Db,
  q: { planCode: string; reportId: string; period?: string; asOf?: string; now?: () => Date },
  {
    plans,
    reports,
    indicators,
    files,
  }: Pick<Repositories, 'plans' | 'reports' | 'indicators'> &
    Partial<Pick<Repositories, 'files'>> = createRepositories(),
): Promise<ReportContent> {
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
  const after = report.occurrences[n + 1];
  const next = after
    ? { period: after.period, window: { from: after.windowFrom, to: after.windowTo } }
    : null;
  // Independent reads on separate connections of the pool.
  const [states, previousStates, evidence, indicatorValues] = await Promise.all([
    reports.statesAt(db, plan.id, asOf),
    previous ? reports.statesAt(db, plan.id, previous.asOf) : Promise.resolve(null),
    reports.evidenceAt(db, plan.id, asOf),
    indicators.valuesFor(db, plan.id),
  ]);
  // Indicators have their own cadence: the report shows, per unit, the value of its own period, or else the
  // latest month inside its window.
  const months = new Set(monthsOf(occurrence.windowFrom, occurrence.windowTo));
  const latest = new Map<string, (typeof indicatorValues)[number]>();
  for (const v of indicatorValues) {
    if (v.period !== occurrence.period && !months.has(v.period)) continue;
    const k = `${v.indicatorId}|${v.unitCode}`;
    const seen = latest.get(k);
    if (
      !seen ||
      (seen.period !== occurrence.period && (v.period === occurrence.period || v.period > seen.period))
    )
      latest.set(k, v);
  }
  const content = buildReport({
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
    indicatorValues: [...latest.values()],
    generatedAt: (q.now?.() ?? new Date()).toISOString(),
    next,
  });
  // The evidence files of each completion, as uploaded by the report's instant.
  if (files) {
    const ids = content.criteria.flatMap((c) => c.evidence.map((e) => e.assignmentId));
    const byAssignment = new Map<string, { id: string; name: string; sha256: string }[]>();
    for (const f of await files.listByAssignments(db, ids, asOf))
      byAssignment.set(f.assignmentId, [
        ...(byAssignment.get(f.assignmentId) ?? []),
        { id: f.id, name: f.name, sha256: f.sha256 },
      ]);
    for (const c of content.criteria)
      for (const e of c.evidence) {
        const attached = byAssignment.get(e.assignmentId);
        if (attached) e.files = attached;
      }
  }
  return content;
}
