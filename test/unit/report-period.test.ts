import { describe, expect, it } from 'vitest';
import { endOfLocalDay } from '../../dsl/calendar/local-time.js';
import { pickOccurrence } from '../../apps/reports/compile-report.js';
import { buildReport } from '../../apps/reports/build-report.js';
import { figuresAt, interimOf } from '../../apps/reports/readings.js';
import { compilePlanFiles } from '../../apps/publishing/plan-files.js';
import { projectPath } from '../../apps/config/project.js';

// Monthly periods under the 15 → 14 convention.
const occurrences = ['2027-02', '2027-03', '2027-04'].map((period, i) => ({
  period,
  windowFrom: `2027-0${i + 1}-15`,
  windowTo: `2027-0${i + 2}-14`,
  cutOffAt: endOfLocalDay(`2027-0${i + 2}-14`),
  dueAt: endOfLocalDay(`2027-0${i + 2}-20`),
}));

describe('the period of an on-demand report', () => {
  it('reads "as of 14/03" (the midnight that ends it) as the end of the period ending that day', () => {
    expect(occurrences[pickOccurrence(occurrences, { asOf: endOfLocalDay('2027-03-14') })]!.period).toBe(
      '2027-03',
    );
    expect(occurrences[pickOccurrence(occurrences, { asOf: '2027-03-14T17:00:01.000Z' })]!.period).toBe(
      '2027-04',
    );
    expect(occurrences[pickOccurrence(occurrences, { asOf: '2027-03-14T09:00:00.000Z' })]!.period).toBe(
      '2027-03',
    );
    expect(pickOccurrence(occurrences, { period: '2027-04' })).toBe(2);
  });
});

describe('the figures of a report whose instant is still to come', () => {
  const { ir } = compilePlanFiles(projectPath('plans/xa-ea-kar-2027/ke-hoach.dondoc'));
  const a = ir!.assignments.find((x) => x.kind === 'deadline')!;
  const open = {
    assignmentId: a.id,
    taskId: a.taskId,
    occurrence: a.occurrence,
    kind: 'deadline' as const,
    unitCode: a.unit,
    unitName: a.unit,
    unitKind: 'xa',
    status: 'acknowledged',
    dueAt: a.dueAt,
    dueDate: a.dueDate,
    completedAt: null,
    completedLate: null,
    escalationLevel: 0,
  };
  const build = (asOf: string, generatedAt: string) =>
    buildReport({
      ir: ir!,
      version: 1,
      report: { id: 'bc', title: 'Báo cáo' },
      period: '2027',
      window: { from: '2027-01-01', to: '2027-12-31' },
      asOf,
      previous: null,
      states: [open],
      previousStates: null,
      evidence: [],
      indicatorValues: [],
      generatedAt,
    });
  const dayAfterDue = new Date(Date.parse(a.dueAt) + 86_400_000).toISOString();
  const weekBeforeDue = new Date(Date.parse(a.dueAt) - 7 * 86_400_000).toISOString();

  it('counts open work as overdue only once its deadline has passed by the time of computing', () => {
    const now = build(dayAfterDue, dayAfterDue);
    expect(now.totals.openOverdue).toBe(1);
    // Asked for the day after the deadline while the deadline is still a week away: nothing is overdue yet.
    const ahead = build(dayAfterDue, weekBeforeDue);
    expect(ahead.totals.openOverdue).toBe(0);
    expect(ahead.totals.openInTime).toBe(1);
    expect(figuresAt(ahead)).toBe(weekBeforeDue);
    expect(interimOf(ahead)?.until).toBe(weekBeforeDue);
  });
});
