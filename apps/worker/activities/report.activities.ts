import { withTransaction } from '../../database/pool.js';
import type { PlanIR } from '../../../dsl/ir/schema.js';
import { compileReportContent } from '../../reports/compile-report.js';
import type { ReportActivities } from '../../../workflows/activities.js';
import type { ActivityDeps } from './deps.js';

/**
 * The report of the period whose cut-off has just passed, computed from the event log as of the cut-off,
 * issued once per period (an immutable run) and queued for its recipients.
 */
export function createReportActivities({
  db,
  repositories,
  clock,
}: Pick<ActivityDeps, 'db' | 'repositories' | 'clock'>): ReportActivities {
  const { plans, reports, outbox } = repositories;
  return {
    async compileReport({ planCode, reportId, at }) {
      const plan = await plans.findByCode(db, planCode);
      if (!plan?.latestVersion) return { key: null };
      const ir = (await plans.getIr(db, plan.id, plan.latestVersion)) as PlanIR;
      const report = ir.reports.find((r) => r.id === reportId);
      if (!report) return { key: null };
      // A schedule fires at the cut-off; allow it to be a little late, never early.
      const occurrence = report.occurrences.filter((o) => o.cutOffAt <= at).at(-1);
      if (!occurrence) return { key: null };
      // Computed no earlier than the instant the workflow asked at (the schedule's firing), whatever this
      // machine's clock says: the figures of a closed period are final.
      const now = () => new Date(Math.max(clock().getTime(), Date.parse(at)));
      const content = await compileReportContent(
        db,
        { planCode, reportId, period: occurrence.period, now },
        repositories,
      );
      const key = `report/${planCode}/${report.id}/${occurrence.period}`;
      await withTransaction(db, async (tx) => {
        await reports.insertRun(tx, {
          key,
          planId: plan.id,
          reportId: report.id,
          period: occurrence.period,
          cutOffAt: occurrence.cutOffAt,
          content,
        });
        await outbox.enqueue(
          tx,
          report.recipients.map((r) => ({
            key: `${key}/${r.kind}:${r.id}`,
            kind: 'report',
            recipient: `${r.kind}:${r.id}`,
            recipientName: r.name,
            ...(r.email ? { recipientEmail: r.email } : {}),
            dueAt: occurrence.cutOffAt,
            payload: { reportKey: key, recipient: r, title: report.title, period: occurrence.period },
          })),
        );
      });
      return { key };
    },
  };
}
