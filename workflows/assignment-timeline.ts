// The dated steps of one assignment: assigned, acknowledgement reminder, reminders, deadline, check-ins,
// escalation ladder. The assignment workflow sleeps from one step to the next; the dry run of a plan
// (apps/publishing/plan-preview.ts) lists the same steps for the year. Both call this function, so what the
// preview announces is what the engine does. Sandbox-safe and free of Temporal: it imports types only.
import type { AssignmentInput } from './contracts.js';

export type StepKind = 'assigned' | 'ack' | 'reminder' | 'due' | 'check_in' | 'escalation';

export interface Step {
  /**
   * Unique within the assignment and the same on every replay: the suffix of the step's event id and outbox
   * keys. Keys carry the schedule's generation, so the steps of a replaced schedule never collide with the old.
   */
  key: string;
  at: string;
  kind: StepKind;
  /** Position of the reminder, check-in or escalation in the schedule's list (0 for the others). */
  index: number;
}

/** What the timeline reads of a schedule: the workflow's `AssignmentSchedule` and the IR's assignment both fit. */
export interface TimelineSchedule {
  dueAt: string;
  acknowledgeBy?: string | undefined;
  reminders: readonly { at: string }[];
  escalations: readonly { level: number; at: string }[];
  checkIns: readonly string[];
}

/**
 * The steps of a schedule in a fixed order, which is also how steps at the same instant are ordered. Ongoing
 * ("thường xuyên") tasks have no deadline step. `assigned` happens once, whatever the generation: leave it out
 * once the assignment is active.
 */
export function assignmentTimeline(
  assignment: Pick<AssignmentInput, 'kind' | 'startsAt'>,
  schedule: TimelineSchedule,
  { generation = 0, assigned = true }: { generation?: number; assigned?: boolean } = {},
): Step[] {
  const g = `g${generation}`;
  const out: Step[] = [];
  if (assigned) out.push({ key: 'assigned', at: assignment.startsAt, kind: 'assigned', index: 0 });
  if (schedule.acknowledgeBy)
    out.push({ key: `${g}/ack`, at: schedule.acknowledgeBy, kind: 'ack', index: 0 });
  schedule.reminders.forEach((r, i) =>
    out.push({ key: `${g}/reminder/${i}`, at: r.at, kind: 'reminder', index: i }),
  );
  if (assignment.kind === 'deadline')
    out.push({ key: `${g}/due`, at: schedule.dueAt, kind: 'due', index: 0 });
  schedule.checkIns.forEach((at, i) =>
    out.push({ key: `${g}/check-in/${i}`, at, kind: 'check_in', index: i }),
  );
  schedule.escalations.forEach((e, i) =>
    out.push({ key: `${g}/escalation/${e.level}`, at: e.at, kind: 'escalation', index: i }),
  );
  return out;
}
