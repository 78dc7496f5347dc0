import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compileDemo,
  DEFAULT_DEMO_MINUTES,
  DEMO_CALENDAR_FILE,
  DEMO_CHAIRPERSON,
  DEMO_TASKS,
  demoPlan,
} from '../../apps/dev-stack/demo-plan.js';
import { isWorkingDay } from '../../dsl/calendar/calendar.js';
import { epochMsToLocalDateTime, localDateTimeToEpochMs } from '../../dsl/calendar/local-time.js';

const MINUTE = 60_000;
const vn = (date: string, time: string) => localDateTimeToEpochMs(date, time);
const localTime = (ms: number) => epochMsToLocalDateTime(ms).time.slice(0, 5);
const localDate = (ms: number) => epochMsToLocalDateTime(ms).date;

/** Everything the demo promises for a start at `now`; returns the plan for further checks. */
function checkDemo(now: number) {
  const demo = demoPlan(now);
  const { ir, diagnostics } = compileDemo(demo);
  // Clean: no error, no warning (a week-long deadline on a day off may move: info DD4012).
  expect(diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  expect(diagnostics.every((d) => d.code === 'DD4012')).toBe(true);
  expect(ir).toBeDefined();
  const plan = ir!;
  expect(plan.plan.code).toBe(demo.planCode);
  const of = (t: { task: string; unit: string }) =>
    plan.assignments.find((a) => a.taskId === t.task && a.unit === t.unit)!;

  // The story starts at the first whole minute a minute away, unless it would cross into a new year.
  const { start } = demo.at;
  const crossesYear = localDate(now).slice(0, 4) !== localDate(start).slice(0, 4);
  if (!crossesYear) {
    expect(start).toBeGreaterThanOrEqual(now + 60_000);
    expect(start).toBeLessThan(now + 120_000);
  } else expect(localTime(start)).toBe('00:01');

  // Every assignment is active at once: the plan day starts no later than now.
  for (const a of plan.assignments) expect(Date.parse(a.startsAt)).toBeLessThanOrEqual(now);

  // The quick deadlines are minutes away, written to the minute, on a working day of the plan's calendar.
  for (const t of [DEMO_TASKS.onTime, DEMO_TASKS.overdue, DEMO_TASKS.late]) {
    expect(Date.parse(of(t).dueAt)).toBe(demo.at.due);
    expect(of(t).movedFrom).toBeUndefined();
  }
  expect(demo.at.due - start).toBe(DEFAULT_DEMO_MINUTES.due * MINUTE);
  const overdue = of(DEMO_TASKS.overdue);
  // Reminded on the day a few minutes before (unless midnight falls in between), escalated at the deadline or,
  // at night, at 08:00 of its day, to the unit and the chairperson.
  if (localDate(demo.at.reminder) === localDate(demo.at.due))
    expect(overdue.reminders.map((r) => Date.parse(r.at))).toEqual([demo.at.reminder]);
  const level1 = overdue.escalations[0]!;
  expect(level1.level).toBe(1);
  expect(Date.parse(level1.at)).toBe(Math.max(demo.at.due, vn(localDate(demo.at.due), '08:00')));
  expect(level1.recipients.map((r) => r.id)).toContain(DEMO_CHAIRPERSON);
  if (localTime(demo.at.due) >= '08:00') expect(Date.parse(level1.at)).toBe(demo.at.due);

  // The chairperson's digest goes out after that escalation, the same day.
  const digest = plan.digests.find((d) => d.recipient.id === DEMO_CHAIRPERSON)!;
  expect(digest.occurrences.map(Date.parse)).toContain(demo.at.digest);
  expect(demo.at.digest).toBeGreaterThan(Date.parse(level1.at));
  expect(localDate(demo.at.digest)).toBe(localDate(demo.at.due));

  // The task in progress is due after the digest, still within the hour (or the morning, at night).
  const later = Date.parse(of(DEMO_TASKS.inProgress).dueAt);
  expect(later).toBeGreaterThan(demo.at.digest);
  if (localTime(demo.at.due) >= '08:00') expect(later - now).toBeLessThan(30 * MINUTE);

  // The week-long task: every office, due after the story, within the plan's calendar.
  const week = plan.assignments.filter((a) => a.taskId === DEMO_TASKS.week.task);
  expect(week.length).toBeGreaterThanOrEqual(4);
  for (const a of week) expect(Date.parse(a.dueAt)).toBeGreaterThan(later);

  // A day off in the story becomes a working day of the demo's own calendar (an ICS file beside the plan).
  for (const t of [demo.at.due, demo.at.digest, later]) {
    const d = localDate(t);
    expect(isWorkingDay(d) || demo.workingDaysAdded.includes(d)).toBe(true);
  }
  expect(DEMO_CALENDAR_FILE in demo.files).toBe(demo.workingDaysAdded.length > 0);
  return demo;
}

describe('the demo plan of npm start', () => {
  it('on a working afternoon: the story happens in the next minutes, dated today, in the vn calendar', () => {
    const now = vn('2026-12-02', '14:30') + 12_345;
    const demo = checkDemo(now);
    expect(localTime(demo.at.start)).toBe('14:32');
    expect(localTime(demo.at.due)).toBe('14:36');
    expect(demo.publishedOn).toBe('2026-12-02');
    expect(demo.workingDaysAdded).toEqual([]);
    expect(demo.files['ke-hoach.dondoc']).toContain('thời hạn: ngày 02/12/2026 lúc 14:36');
    expect(demo.files['ke-hoach.dondoc']).toContain('tổng hợp: hằng tuần vào thứ tư lúc 14:38');
  });

  it('near midnight: deadlines on the next day, escalations and digest at its office start', () => {
    const demo = checkDemo(vn('2026-12-02', '23:58'));
    expect(demo.publishedOn).toBe('2026-12-02');
    expect(localDate(demo.at.due)).toBe('2026-12-03');
    expect(localTime(demo.at.digest)).toBe('08:02');
  });

  it('before 08:00 the plan is dated the day before, so its work is active at once', () => {
    const demo = checkDemo(vn('2026-12-03', '06:30'));
    expect(demo.publishedOn).toBe('2026-12-02');
    expect(localTime(demo.at.due)).toBe('06:35');
  });

  it('on a weekend and on public holidays, the demo declares its day a working day', () => {
    for (const [date, why] of [
      ['2026-12-05', 'Saturday'],
      ['2027-04-30', 'Reunification Day'],
      ['2027-09-02', 'National Day'],
      ['2027-02-08', 'Tết'],
    ] as const) {
      const demo = checkDemo(vn(date, '10:00'));
      expect(demo.workingDaysAdded, why).toEqual([date]);
      expect(demo.files['ke-hoach.dondoc']).toContain(`lịch: "${DEMO_CALENDAR_FILE}"`);
      expect(demo.files[DEMO_CALENDAR_FILE]).toContain('WORKING-DAY');
    }
  });

  it('on New Year’s Eve the story waits for 00:01 so that it stays in one plan year', () => {
    const demo = checkDemo(vn('2026-12-31', '23:55'));
    expect(demo.year).toBe(2027);
    expect(localDate(demo.at.start)).toBe('2027-01-01');
    expect(demo.workingDaysAdded).toContain('2027-01-01');
  });

  it('compiles cleanly and keeps its promises at any instant (2025–2030)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse('2025-01-01T00:00:00Z'), max: Date.parse('2030-12-31T16:00:00Z') }),
        (now) => {
          checkDemo(now);
        },
      ),
      { numRuns: 60 },
    );
  });
});
