// A province-year of engine output, generated in PostgreSQL: a plan version whose IR carries what a report
// needs (a small compiled plan with its units and tasks scaled up), its assignments, and an event log whose
// payloads carry the state after each step, as the assignment workflow's activity writes them.
import type { Db } from '../../apps/database/pool.js';
import { storePlanVersion } from '../../apps/publishing/plan-publisher.js';
import { AREAS } from '../../apps/reports/build-report.js';
import { projectPath } from '../../apps/config/project.js';
import type { PlanIR } from '../../dsl/ir/schema.js';
import { compileFile, repositories } from './stack.js';

/** A small real plan with a quarterly report (bc_quy); its units and tasks are replaced by generated ones. */
const BASE_PLAN = 'test/fixtures/engine/ke-hoach-phuong.dondoc';
export const REPORT_ID = 'bc_quy';

export interface ReportDataOptions {
  assignments: number;
  units: number;
  /** Events over all assignments; each assignment gets between 1 and 2 × average − 1 of them. */
  events: number;
  /**
   * Store every assignment's schedule in the IR too (as a compiled plan does; docs/benchmarks.md gives its size);
   * otherwise the IR holds only what a report reads.
   */
  fullIr?: boolean;
}

export interface ReportData {
  planId: string;
  planCode: string;
  ir: PlanIR;
  irBytes: number;
  counts: { units: number; tasks: number; assignments: number; events: number; eventsBytes: number };
}

/**
 * Assignment g (0-based) is task ⌊g / units⌋ for unit g mod units: every unit has every task, as provincial
 * plans give each commune the same work. A twentieth of the tasks are ongoing ("thường xuyên"); a tenth start
 * later in the year (not yet started at earlier cut-offs). Each assignment's events run from its start:
 * assigned, acknowledged, then reminders / progress / overdue / escalations; for six in ten the last is a
 * completion (four in five of them before the deadline), for about one in a hundred a cancellation; the others
 * are still open 40 days past their deadline.
 */
export async function generateReportData(db: Db, o: ReportDataOptions): Promise<ReportData> {
  const perAssignment = Math.round(o.events / o.assignments);
  if (perAssignment < 2) throw new Error('at least 2 events per assignment on average');
  const taskCount = Math.ceil(o.assignments / o.units);
  const { source, ir: base } = compileFile(projectPath(BASE_PLAN));
  const root = base.units.find((u) => !u.parent)!;
  const units: PlanIR['units'] = [root];
  for (let i = 0; i < o.units; i++) {
    const commune = i >= 30;
    units.push({
      code: commune ? `xa_${i - 29}` : `phong_${i + 1}`,
      name: commune ? `UBND xã số ${i - 29}` : `Phòng chuyên môn số ${i + 1}`,
      kind: commune ? 'xã' : 'phòng',
      parent: root.code,
      source: root.source,
    });
  }
  const tasks: PlanIR['tasks'] = [];
  for (let t = 0; t < taskCount; t++) {
    tasks.push({
      id: `NV.${String(t + 1).padStart(3, '0')}`,
      title: `Nhiệm vụ số ${t + 1}: rà soát, đơn giản hóa thủ tục hành chính, số hóa hồ sơ`,
      area: AREAS[t % AREAS.length]!.id,
      lead: [],
      coordinators: [],
      deadline: 'generated',
      output: 'Báo cáo kết quả',
      criterion: `${1 + (t % 8)}.${1 + (t % 5)}`,
      dependsOn: [],
      source: root.source,
    });
  }
  // The report needs the plan, tasks, units, indicators and reports; the per-assignment schedules are left out
  // unless asked for (then the fixture's first assignment stands for each, renamed).
  const template = base.assignments[0]!;
  const assignments: PlanIR['assignments'] = o.fullIr
    ? Array.from({ length: o.assignments }, (_, g) => {
        const task = tasks[Math.floor(g / o.units)]!.id;
        const unit = units[1 + (g % o.units)]!.code;
        return { ...template, id: `${base.plan.code}/${task}/${unit}`, taskId: task, unit };
      })
    : [];
  const ir: PlanIR = { ...base, units, tasks, assignments, digests: [] };
  ir.hash = `${'0'.repeat(56)}${(o.assignments + o.events).toString(16).padStart(8, '0')}`.slice(-64);
  const stored = await storePlanVersion(db, { source, ir, author: 'bench' }, repositories);
  await repositories.plans.markPublished(db, stored.planId, stored.version);
  const unitCodes = units.slice(1).map((u) => u.code);
  const taskIds = tasks.map((t) => t.id);

  await db.query(
    `CREATE UNLOGGED TABLE bench_assignments AS
     SELECT g, $2::text || '/' || t.id || '/' || u.code AS id, t.id AS task_id, t.area, t.title, un.id AS unit_id,
            CASE WHEN t.n % 20 = 19 THEN 'ongoing' ELSE 'deadline' END AS kind,
            least(timestamptz '2027-01-11 01:00Z' + CASE WHEN t.n % 10 = 3 THEN (g * 13 % 250) * interval '1 day'
                                                        ELSE interval '0' END,
                  due - interval '15 days') AS starts_at,
            due AS due_at,
            -- Pairs of assignments share 2 × average events: the total is exact, the spread 1 … 2 × average − 1.
            CASE WHEN g % 2 = 0 THEN 1 + ((g / 2) * 7919 % ($5::int * 2 - 1))
                 ELSE $5::int * 2 - 1 - ((g / 2) * 7919 % ($5::int * 2 - 1)) END AS n,
            CASE WHEN g % 97 = 5 THEN 'cancelled' WHEN g % 10 < 6 THEN 'done' ELSE 'open' END AS fate,
            -- Steps run until 40 days past the deadline, or for four in five completions until just before it.
            CASE WHEN g % 97 <> 5 AND g % 10 < 6 AND g % 5 <> 0 THEN due - interval '2 days'
                 ELSE due + interval '40 days' END AS ends_at
     FROM generate_series(0, $1::int - 1) g
     CROSS JOIN LATERAL (SELECT timestamptz '2027-02-01 17:00Z' + (g * 37 % 320) * interval '1 day' AS due) d
     JOIN unnest($3::text[]) WITH ORDINALITY AS u(code, n) ON u.n = g % $4::int + 1
     JOIN (SELECT id, n - 1 AS n, area, 'Nhiệm vụ ' || id AS title
           FROM unnest($6::text[], $7::text[]) WITH ORDINALITY AS x(id, area, n)) t ON t.n = g / $4::int
     JOIN units un ON un.code = u.code AND un.issuer_id = $8`,
    [
      o.assignments,
      ir.plan.code,
      unitCodes,
      o.units,
      perAssignment,
      taskIds,
      tasks.map((t) => t.area),
      ir.plan.issuer.code,
    ],
  );
  // The events, in the order the engine appends them (by time), each with the state after it.
  await db.query(
    `CREATE UNLOGGED TABLE bench_events AS
     SELECT b.id AS assignment_id, k, b.kind, b.due_at, at,
            CASE WHEN k = 0 THEN 'assigned'
                 WHEN k = b.n - 1 AND b.fate = 'done' AND b.n >= 3 THEN 'done'
                 WHEN k = b.n - 1 AND b.fate = 'cancelled' AND b.n >= 2 THEN 'cancelled'
                 WHEN k = 1 THEN 'acknowledged' ELSE 'in_progress' END AS status,
            b.starts_at + (b.ends_at - b.starts_at) / b.n AS acknowledged_at
     FROM bench_assignments b
     CROSS JOIN LATERAL generate_series(0, b.n - 1) k
     CROSS JOIN LATERAL (SELECT date_trunc('second', b.starts_at + (b.ends_at - b.starts_at) * k / b.n)
                           + (b.g % 1000) * interval '1 millisecond' AS at) t`,
  );
  await db.query(
    `INSERT INTO assignments (id, plan_id, plan_version, task_id, occurrence, unit_id, title, area, due_at, status,
                              kind, starts_at, due_date, active, overdue, completed_late)
     SELECT b.id, $1, 1, b.task_id, '', b.unit_id, b.title, b.area, b.due_at, last.status, b.kind, b.starts_at,
            ((b.due_at AT TIME ZONE 'Asia/Ho_Chi_Minh') - interval '1 second')::date, true,
            b.kind = 'deadline' AND last.status NOT IN ('done', 'cancelled') AND last.at > b.due_at,
            CASE WHEN last.status = 'done' THEN last.at > b.due_at END
     FROM bench_assignments b JOIN bench_events last ON last.assignment_id = b.id AND last.k = b.n - 1`,
    [stored.planId],
  );
  const iso = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  await db.query(
    `INSERT INTO events (id, assignment_id, plan_id, type, actor, request_id, occurred_at, payload)
     SELECT e.assignment_id || '/' || CASE WHEN e.k = 0 THEN 'assigned' ELSE 'g1/step/' || e.k END,
            e.assignment_id, $1, x.type,
            CASE WHEN x.human THEN 'can-bo.xa' ELSE 'system' END,
            CASE WHEN x.human THEN 'req-' || e.k END,
            e.at,
            x.extra || jsonb_build_object('state', jsonb_strip_nulls(jsonb_build_object(
              'planVersion', 1,
              'status', e.status,
              'overdue', x.overdue,
              'progressPercent', CASE WHEN e.status = 'done' THEN 100 ELSE least(90, e.k * 10) END,
              'escalationLevel', x.level,
              'dueAt', ${iso('e.due_at')},
              'dueDate', to_char((e.due_at AT TIME ZONE 'Asia/Ho_Chi_Minh') - interval '1 second', 'YYYY-MM-DD'),
              'active', true,
              'acknowledgedAt', CASE WHEN e.k >= 1 THEN ${iso('e.acknowledged_at')} END,
              'completedAt', CASE WHEN e.status = 'done' THEN ${iso('e.at')} END,
              'completedLate', CASE WHEN e.status = 'done' THEN e.at > e.due_at END)))
     FROM bench_events e
     CROSS JOIN LATERAL (SELECT e.kind = 'deadline' AND e.status NOT IN ('done', 'cancelled') AND e.at > e.due_at
                                AS overdue) o
     CROSS JOIN LATERAL (
       SELECT CASE WHEN e.k = 0 THEN 'assigned'
                   WHEN e.status = 'done' THEN 'completed'
                   WHEN e.status = 'cancelled' THEN 'cancelled'
                   WHEN e.k = 1 THEN 'acknowledged'
                   WHEN o.overdue THEN CASE WHEN e.k % 2 = 0 THEN 'overdue' ELSE 'escalated' END
                   ELSE CASE WHEN e.k % 2 = 0 THEN 'progress_reported' ELSE 'reminder' END END AS type,
              o.overdue,
              CASE WHEN e.k = 0 OR NOT o.overdue THEN 0
                   WHEN e.at > e.due_at + interval '7 days' THEN 2
                   WHEN e.at > e.due_at + interval '2 days' THEN 1 ELSE 0 END AS level,
              e.status IN ('acknowledged', 'done', 'cancelled') OR (e.k >= 2 AND e.k % 2 = 0 AND NOT o.overdue)
                AS human,
              CASE WHEN e.status = 'done' THEN jsonb_build_object(
                     'evidence', jsonb_build_object('documentNumber', e.k || '/BC-UBND',
                                                    'documentDate', to_char(e.at, 'YYYY-MM-DD'),
                                                    'link', 'https://tinh.gov.vn/bc/' || e.k),
                     'late', e.at > e.due_at)
                   WHEN e.status = 'cancelled' THEN jsonb_build_object('reason', 'Nhiệm vụ không còn phù hợp')
                   WHEN e.k >= 2 AND e.k % 2 = 0 AND NOT o.overdue
                     THEN jsonb_build_object('percent', least(90, e.k * 10), 'note', 'Đang triển khai')
                   ELSE '{}'::jsonb END AS extra) x
     ORDER BY e.at, e.assignment_id, e.k`,
    [stored.planId],
  );
  await db.query('DROP TABLE bench_events');
  await db.query('DROP TABLE bench_assignments');
  await db.query('VACUUM ANALYZE assignments');
  await db.query('VACUUM ANALYZE events');
  const { rows } = await db.query<{ assignments: number; events: number; eventsBytes: number }>(
    `SELECT (SELECT count(*)::int FROM assignments WHERE plan_id = $1) AS assignments,
            (SELECT count(*)::int FROM events WHERE plan_id = $1) AS events,
            pg_total_relation_size('events')::bigint AS "eventsBytes"`,
    [stored.planId],
  );
  return {
    planId: stored.planId,
    planCode: ir.plan.code,
    ir,
    irBytes: Buffer.byteLength(JSON.stringify(ir)),
    counts: { units: o.units, tasks: taskCount, ...rows[0]! },
  };
}
