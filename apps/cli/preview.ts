// The dry run of a plan as the CLI prints it: a table for the terminal, an iCalendar file.
import { writeIcs } from '../../dsl/calendar/ics-writer.js';
import { localDateTimeToInstant } from '../../dsl/calendar/local-time.js';
import type { PlanIR } from '../../dsl/ir/schema.js';
import { formatDateTime, formatDeadline } from '../presentation/index.js';
import type { PlanEvent, PlanEventKind } from '../publishing/plan-preview.js';

const KIND_LABEL: Record<PlanEventKind, string> = {
  assigned: 'giao việc / assigned',
  acknowledge_by: 'hạn tiếp nhận / acknowledge by',
  reminder: 'nhắc hạn / reminder',
  deadline: 'đến hạn / deadline',
  escalation: 'leo thang / escalation',
  check_in: 'rà soát / check-in',
  digest: 'bản tổng hợp / digest',
  report_cut_off: 'chốt số liệu / cut-off',
  report_due: 'hạn báo cáo / report due',
};

/**
 * When an event happens as people read it: a deadline by its last day ("31/07/2023", "17:00 ngày 31/07/2023"),
 * never the midnight that ends it; anything else at its time ("08:00 ngày 07/03/2023").
 */
export function eventWhen(e: PlanEvent): string {
  if (!e.deadline) return formatDateTime(e.at);
  return e.deadline.time ? formatDeadline(e.at) : `hết ngày ${formatDeadline(e.at)}`;
}

export function eventsToTable(events: PlanEvent[]): string {
  const rows = events.map((e) => [
    eventWhen(e),
    KIND_LABEL[e.kind],
    e.unit ?? '',
    e.title,
    e.to.join(', '),
    e.detail ?? '',
  ]);
  const header = ['thời điểm / when', 'việc / what', 'đơn vị / unit', 'nhiệm vụ / task', 'gửi / to', ''];
  const widths = header.map((h, i) => Math.min(60, Math.max(h.length, ...rows.map((r) => r[i]!.length))));
  const cut = (s: string, w: number) => (s.length > w ? `${s.slice(0, w - 1)}…` : s.padEnd(w));
  const line = (r: string[]) =>
    r
      .map((c, i) => cut(c, widths[i]!))
      .join('  ')
      .trimEnd();
  return [
    line(header),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...rows.map(line),
    `${events.length} sự kiện / events`,
    '',
  ].join('\n');
}

export function eventsToIcs(ir: PlanIR, events: PlanEvent[]): string {
  // Stamped with the publication day, not the clock, so the same plan gives the same file.
  const stamp = localDateTimeToInstant(ir.plan.publishedOn, '00:00');
  return writeIcs({
    prodId: { company: 'Dondoc', product: 'Plan calendar', language: 'VI' },
    name: ir.plan.title,
    events: events.map((e) => ({
      uid: `${e.kind}/${e.assignmentId ?? e.title}/${e.at}/${e.to.join('+')}@dondoc`,
      stamp,
      // A deadline without a time of day is its last day, all day; one with a time is at that time.
      when: e.deadline && !e.deadline.time ? { date: e.deadline.lastDay } : { instant: e.at },
      summary: `[${KIND_LABEL[e.kind]}] ${e.title}`,
      description: [`Gửi / to: ${e.to.join(', ')}`, e.detail ?? ''].filter(Boolean).join('\n'),
    })),
  });
}
