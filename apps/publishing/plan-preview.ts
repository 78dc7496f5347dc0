// The dry run of a plan: every dated thing the system will do in the year, from the IR alone. The CLI prints it
// (apps/cli/preview.ts), the API answers it (plan preview), and the tests hold the engine to it.
import { localDateTimeToInstant } from '../../dsl/calendar/local-time.js';
import type { PlanIR } from '../../dsl/ir/schema.js';
import { formatDate, readDeadline, type ReadableDeadline } from '../presentation/index.js';
import { assignmentTimeline, type StepKind } from '../../workflows/assignment-timeline.js';

export type PlanEventKind =
  | 'assigned'
  | 'acknowledge_by'
  | 'reminder'
  | 'deadline'
  | 'escalation'
  | 'check_in'
  | 'digest'
  | 'report_cut_off'
  | 'report_due';

export interface PlanEvent {
  /** The instant the system acts; for a deadline, the instant it passes (24:00 of its last day, or its time). */
  at: string;
  kind: PlanEventKind;
  /**
   * For the kinds that are deadlines (an assignment's, a report's cut-off and due day): what people read of it,
   * its last day and the time when the plan gives one. Print this, not `at`.
   */
  deadline?: ReadableDeadline;
  unit?: string;
  assignmentId?: string;
  title: string;
  to: string[];
  detail?: string;
}

const EVENT_OF_STEP: Record<StepKind, PlanEventKind> = {
  assigned: 'assigned',
  ack: 'acknowledge_by',
  reminder: 'reminder',
  due: 'deadline',
  check_in: 'check_in',
  escalation: 'escalation',
};

export function planEvents(
  ir: PlanIR,
  filter: { unit?: string; from?: string; to?: string } = {},
): PlanEvent[] {
  const tasks = new Map(ir.tasks.map((t) => [t.id, t]));
  const units = new Map(ir.units.map((u) => [u.code, u]));
  const events: PlanEvent[] = [];
  for (const a of ir.assignments) {
    if (filter.unit && a.unit !== filter.unit) continue;
    const title =
      `${a.taskId}${a.occurrence ? ` (${a.occurrence})` : ''} ${tasks.get(a.taskId)?.title ?? ''}`.trim();
    const base = { unit: a.unit, assignmentId: a.id, title };
    const unitName = units.get(a.unit)?.name ?? a.unit;
    // The steps the assignment workflow will sleep to, from the engine's own timeline (the schedule as published).
    for (const step of assignmentTimeline(a, a)) {
      const event: PlanEvent = { ...base, at: step.at, kind: EVENT_OF_STEP[step.kind], to: [unitName] };
      if (step.kind === 'reminder') event.detail = a.reminders[step.index]!.label;
      if (step.kind === 'due') {
        event.deadline = readDeadline(step.at);
        if (a.movedFrom) event.detail = `dời từ / moved from ${formatDate(a.movedFrom)}`;
      }
      if (step.kind === 'escalation') {
        const e = a.escalations[step.index]!;
        event.to = e.recipients.map((r) => r.name);
        event.detail = `bậc/level ${e.level}`;
      }
      events.push(event);
    }
  }
  for (const d of ir.digests) {
    if (filter.unit && !(d.recipient.kind === 'unit' && d.recipient.id === filter.unit)) continue;
    for (const at of d.occurrences) {
      events.push({
        at,
        kind: 'digest',
        title: 'Bản tổng hợp nhiệm vụ quá hạn (nếu có) / digest of overdue work (if any)',
        to: [d.recipient.name],
      });
    }
  }
  for (const r of ir.reports) {
    if (filter.unit && r.preparedBy !== filter.unit) continue;
    for (const o of r.occurrences) {
      const title = `${r.title} (${o.period}, ${formatDate(o.windowFrom)} → ${formatDate(o.windowTo)})`;
      const to = r.recipients.map((x) => x.name);
      events.push({ at: o.cutOffAt, kind: 'report_cut_off', deadline: readDeadline(o.cutOffAt), title, to });
      events.push({ at: o.dueAt, kind: 'report_due', deadline: readDeadline(o.dueAt), title, to });
    }
  }
  const from = filter.from ? localDateTimeToInstant(filter.from, '00:00') : undefined;
  const to = filter.to ? localDateTimeToInstant(filter.to, '24:00') : undefined;
  return events
    .filter((e) => (!from || e.at >= from) && (!to || e.at < to))
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));
}

/** Vietnam local time of an instant, "YYYY-MM-DD HH:mm". */
export function localTime(instant: string): string {
  return new Date(Date.parse(instant) + 7 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}
