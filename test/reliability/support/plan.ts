// A province-sized plan whose instants fall within the next minute, and what a run of it must leave behind.
// The plan IR is data: a generated plan (apps/dev-stack/plan-builder.ts) is compiled once and its schedules are
// replaced by instants a second apart, in the order the compiler would put them (acknowledgement, reminder,
// deadline, escalation levels). The expectation is computed from that IR alone: the events each assignment
// workflow writes, its projection, and one outbox row (and one e-mail) per recipient of each step.
import { hashIr } from '../../../dsl/compile/hash.js';
import type { IrAssignment, PlanIR } from '../../../dsl/ir/schema.js';
import { recipientKey } from '../../../workflows/contracts.js';
import { buildPlan, compilePlanText } from '../../../apps/dev-stack/plan-builder.js';
import type { Db } from '../../../apps/database/pool.js';

export interface CompressedPlan {
  source: string;
  ir: PlanIR;
  /** Every timed step (not `assigned`) at or after this instant. */
  firstStepAt: number;
  lastStepAt: number;
  expected: Map<string, ExpectedAssignment>;
  /** Outbox rows in all (each one e-mail: every recipient of the generated plan has an address). */
  expectedMails: number;
}

export interface ExpectedStep {
  /** Event id suffix after `<assignment id>/`. */
  key: string;
  type: string;
  at: string;
  to: string[];
}

export interface ExpectedAssignment {
  steps: ExpectedStep[];
  projection: Projection;
}

export interface Projection {
  status: string;
  active: boolean;
  overdue: boolean;
  escalationLevel: number;
  dueAt: string;
}

const NOTIFICATION_KIND: Record<string, string> = {
  assigned: 'assigned',
  acknowledge_reminder: 'acknowledge_reminder',
  reminder: 'reminder',
  overdue: 'overdue',
  escalated: 'escalation',
};

/** The steps an untouched assignment takes until `horizon`, keyed as the assignment workflow keys its events. */
export function expectedSteps(a: IrAssignment, horizon = Infinity): ExpectedStep[] {
  const unit = [`unit:${a.unit}`];
  const steps: ExpectedStep[] = [{ key: 'assigned', type: 'assigned', at: a.startsAt, to: unit }];
  if (a.acknowledgeBy)
    steps.push({ key: 'g0/ack', type: 'acknowledge_reminder', at: a.acknowledgeBy, to: unit });
  a.reminders.forEach((r, i) =>
    steps.push({ key: `g0/reminder/${i}`, type: 'reminder', at: r.at, to: unit }),
  );
  if (Date.parse(a.dueAt) <= horizon) steps.push({ key: 'g0/due', type: 'overdue', at: a.dueAt, to: unit });
  for (const e of a.escalations)
    steps.push({
      key: `g0/escalation/${e.level}`,
      type: 'escalated',
      at: e.at,
      to: e.recipients.map(recipientKey),
    });
  return steps;
}

/**
 * `count` assignments (one task each, 120 units) whose timed steps fall on `slots` instants `stepMs` apart from
 * `t0`. Four shapes, in turn by blocks of `slots`: an acknowledgement reminder; a reminder; the deadline; the
 * deadline and escalation level 1, and for every other block level 2 (the chairperson) too. Deadlines of the
 * first two shapes lie a day later, outside the run. `assigned` is dated at `startsAt` (the build time, already
 * past when the workflows start), so each assignment writes it as soon as it starts.
 */
export function compressedPlan(o: {
  count: number;
  issuer: string;
  t0: number;
  slots?: number;
  stepMs?: number;
}): CompressedPlan {
  const slots = o.slots ?? 30;
  const stepMs = o.stepMs ?? 1_000;
  const { source, ir: base } = compilePlanText(buildPlan({ tasks: o.count, issuer: o.issuer }));
  const at = (slot: number) => new Date(o.t0 + slot * stepMs).toISOString();
  const later = new Date(o.t0 + 86_400_000).toISOString();
  const startsAt = new Date(Math.min(Date.now(), o.t0)).toISOString();
  const assignments = base.assignments.map((a, i): IrAssignment => {
    const s = i % slots;
    const block = Math.floor(i / slots);
    const [level1, level2] = a.escalations;
    const withoutAck = { ...a };
    delete withoutAck.acknowledgeBy;
    const common = { ...withoutAck, startsAt, dueAt: later, reminders: [], escalations: [] };
    switch (block % 4) {
      case 0:
        return { ...common, acknowledgeBy: at(s) };
      case 1:
        return { ...common, reminders: [{ ...a.reminders[0]!, at: at(s) }] };
      case 2:
        return { ...common, dueAt: at(s) };
      default:
        return {
          ...common,
          dueAt: at(s),
          escalations: [
            { ...level1!, at: at(s + 3) },
            ...(block % 8 === 3 ? [{ ...level2!, at: at(s + 6) }] : []),
          ],
        };
    }
  });
  const ir: PlanIR = { ...base, assignments };
  ir.hash = hashIr(ir);
  const expected = new Map<string, ExpectedAssignment>();
  let expectedMails = 0;
  const horizon = o.t0 + (slots + 6) * stepMs;
  for (const a of assignments) {
    const steps = expectedSteps(a, horizon);
    expectedMails += steps.reduce((n, s) => n + s.to.length, 0);
    expected.set(a.id, {
      steps,
      projection: {
        status: 'assigned',
        active: true,
        overdue: steps.some((x) => x.type === 'overdue'),
        escalationLevel: Math.max(0, ...a.escalations.map((e) => e.level)),
        dueAt: a.dueAt,
      },
    });
  }
  const timed = assignments.flatMap((a) =>
    expectedSteps(a, horizon)
      .filter((s) => s.type !== 'assigned')
      .map((s) => Date.parse(s.at)),
  );
  return {
    source,
    ir,
    firstStepAt: Math.min(...timed),
    lastStepAt: Math.max(...timed),
    expected,
    expectedMails,
  };
}

export interface Progress {
  events: number;
  outbox: number;
  sent: number;
  /** Outbox rows not sent (pending, sending, failed, skipped). */
  unsent: number;
}

export async function progress(db: Db): Promise<Progress> {
  const { rows } = await db.query<Progress>(
    `SELECT (SELECT count(*)::int FROM events WHERE assignment_id IS NOT NULL) AS events,
            (SELECT count(*)::int FROM outbox) AS outbox,
            (SELECT count(*)::int FROM outbox WHERE status = 'sent') AS sent,
            (SELECT count(*)::int FROM outbox WHERE status <> 'sent') AS unsent`,
  );
  return rows[0]!;
}

export const expectedEventCount = (plan: CompressedPlan): number =>
  [...plan.expected.values()].reduce((n, a) => n + a.steps.length, 0);

export interface Comparison {
  /** Assignments whose events (ids and types, in the order written) differ from the expectation. */
  historyMismatches: string[];
  projectionMismatches: string[];
  outboxMismatches: string[];
  /** Event ids written twice can't exist (primary key); events under ids the expectation does not know. */
  unexpectedEvents: number;
  /** Outbox rows not sent, by status. */
  unsentByStatus: Record<string, number>;
  /** Outbox rows whose delivery took more than one attempt (a dispatcher cut off, a database outage). */
  retriedDeliveries: number;
}

/** Compares what PostgreSQL holds with the expectation, assignment by assignment. */
export async function compare(db: Db, plan: CompressedPlan): Promise<Comparison> {
  const { rows: events } = await db.query<{ id: string; assignmentId: string; type: string }>(
    `SELECT id, assignment_id AS "assignmentId", type FROM events WHERE assignment_id IS NOT NULL ORDER BY seq`,
  );
  const { rows: projections } = await db.query<Projection & { id: string; dueAt: Date }>(
    `SELECT id, status, active, overdue, escalation_level AS "escalationLevel", due_at AS "dueAt" FROM assignments`,
  );
  const { rows: outbox } = await db.query<{
    assignmentId: string;
    kind: string;
    recipient: string;
    dueAt: Date;
  }>(`SELECT assignment_id AS "assignmentId", kind, recipient, due_at AS "dueAt" FROM outbox`);
  const { rows: unsent } = await db.query<{ status: string; n: number }>(
    `SELECT status, count(*)::int AS n FROM outbox WHERE status <> 'sent' GROUP BY status`,
  );
  const { rows: retried } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM outbox WHERE attempts > 1`,
  );

  const byAssignment = new Map<string, string[]>();
  let unexpectedEvents = 0;
  for (const e of events) {
    if (!plan.expected.has(e.assignmentId) || !e.id.startsWith(`${e.assignmentId}/`)) {
      unexpectedEvents++;
      continue;
    }
    const list = byAssignment.get(e.assignmentId) ?? [];
    list.push(`${e.id.slice(e.assignmentId.length + 1)}:${e.type}`);
    byAssignment.set(e.assignmentId, list);
  }
  const outboxBy = new Map<string, string[]>();
  for (const o of outbox) {
    const list = outboxBy.get(o.assignmentId) ?? [];
    list.push(`${o.kind}→${o.recipient}@${o.dueAt.toISOString()}`);
    outboxBy.set(o.assignmentId, list);
  }
  const projectionBy = new Map(projections.map((p) => [p.id, p]));

  const historyMismatches: string[] = [];
  const projectionMismatches: string[] = [];
  const outboxMismatches: string[] = [];
  for (const [id, want] of plan.expected) {
    const history = (byAssignment.get(id) ?? []).join(' ');
    const wantHistory = want.steps.map((s) => `${s.key}:${s.type}`).join(' ');
    if (history !== wantHistory) historyMismatches.push(`${id}: [${history}] ≠ [${wantHistory}]`);
    const p = projectionBy.get(id);
    const got = p && {
      status: p.status,
      active: p.active,
      overdue: p.overdue,
      escalationLevel: p.escalationLevel,
      dueAt: p.dueAt.toISOString(),
    };
    if (JSON.stringify(got) !== JSON.stringify(want.projection))
      projectionMismatches.push(`${id}: ${JSON.stringify(got)} ≠ ${JSON.stringify(want.projection)}`);
    const rows = (outboxBy.get(id) ?? []).sort().join(' ');
    const wantRows = want.steps
      .flatMap((s) => s.to.map((r) => `${NOTIFICATION_KIND[s.type]}→${r}@${s.at}`))
      .sort()
      .join(' ');
    if (rows !== wantRows) outboxMismatches.push(`${id}: [${rows}] ≠ [${wantRows}]`);
  }
  return {
    historyMismatches,
    projectionMismatches,
    outboxMismatches,
    unexpectedEvents,
    unsentByStatus: Object.fromEntries(unsent.map((r) => [r.status, r.n])),
    retriedDeliveries: retried[0]!.n,
  };
}
