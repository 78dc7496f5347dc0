// The dated steps of one assignment (reminders, escalation ladder), from its deadline and its policy.
// One implementation for the compiler (which fills the IR, and so `dondoc calendar`) and for the assignment
// workflow (which recomputes the steps when an extension moves the deadline), so the preview and the engine
// cannot drift apart. Sandbox-safe: pure functions over a day calendar, no clock, no host APIs.

import { addDays, type LocalDate } from '../calendar/local-date.js';
import { localDateTimeToInstant } from '../calendar/local-time.js';
import {
  addWorkingDays,
  isWorkingDay,
  moveToWorkingDay,
  nextWorkingDay,
  previousWorkingDay,
  type SerializedCalendar,
} from '../calendar/workdays.js';

/** Notifications go out at the start of the office day unless the plan says otherwise. */
export const DEFAULT_NOTIFY_TIME = '08:00';

/** The day arithmetic a schedule needs; the compiler's working calendar and a serialised one both give it. */
export interface DayCalendar {
  isWorkingDay(date: LocalDate): boolean;
  nextWorkingDay(date: LocalDate): LocalDate;
  previousWorkingDay(date: LocalDate): LocalDate;
  moveToWorkingDay(date: LocalDate): LocalDate;
  addWorkingDays(date: LocalDate, n: number): LocalDate;
}

export interface ScheduleDuration {
  amount: number;
  unit: 'day' | 'workingDay';
}

export interface ReminderRule {
  when: 'before' | 'on' | 'after';
  offset?: ScheduleDuration;
  /** 'HH:mm'; DEFAULT_NOTIFY_TIME when absent. */
  time?: string;
}

export interface EscalationRule {
  level: number;
  after: ScheduleDuration;
}

export interface ScheduledReminder {
  at: string;
  when: 'before' | 'on' | 'after';
  label: string;
}

export interface ScheduledEscalation {
  level: number;
  at: string;
}

/** Day arithmetic over the calendar carried in the IR (inside workflows). */
export function serializedDayCalendar(calendar: SerializedCalendar): DayCalendar {
  return {
    isWorkingDay: (d) => isWorkingDay(calendar, d),
    nextWorkingDay: (d) => nextWorkingDay(calendar, d),
    previousWorkingDay: (d) => previousWorkingDay(calendar, d),
    moveToWorkingDay: (d) => moveToWorkingDay(calendar, d),
    addWorkingDays: (d, n) => addWorkingDays(calendar, d, n),
  };
}

export function shiftDate(
  calendar: DayCalendar,
  date: LocalDate,
  d: ScheduleDuration,
  sign: 1 | -1,
): LocalDate {
  return d.unit === 'workingDay'
    ? calendar.addWorkingDays(date, sign * d.amount)
    : addDays(date, sign * d.amount);
}

export function reminderLabel(when: ReminderRule['when'], offset: ScheduleDuration | undefined): string {
  if (when === 'on' || !offset) return 'đúng hạn / on the deadline';
  const vi = offset.unit === 'workingDay' ? 'ngày làm việc' : 'ngày';
  const en = offset.unit === 'workingDay' ? 'working day' : 'day';
  const plural = offset.amount === 1 ? '' : 's';
  return when === 'before'
    ? `trước ${offset.amount} ${vi} / ${offset.amount} ${en}${plural} before`
    : `sau ${offset.amount} ${vi} / ${offset.amount} ${en}${plural} after`;
}

/**
 * Reminders of a deadline, sorted. A calendar-day reminder on a day off goes out on the nearest working day
 * on the right side of the deadline; reminders before the assignment starts are dropped, as are "before/on"
 * reminders not strictly before the due instant and "after" reminders not strictly after it.
 */
export function scheduleReminders(
  calendar: DayCalendar,
  due: { date: LocalDate; at: string },
  startsAt: string,
  rules: readonly ReminderRule[],
): ScheduledReminder[] {
  const out: ScheduledReminder[] = [];
  for (const r of rules) {
    let date = due.date;
    if (r.when !== 'on' && r.offset)
      date = shiftDate(calendar, due.date, r.offset, r.when === 'before' ? -1 : 1);
    if (!calendar.isWorkingDay(date))
      date = r.when === 'after' ? calendar.nextWorkingDay(date) : calendar.previousWorkingDay(date);
    const at = localDateTimeToInstant(date, r.time ?? DEFAULT_NOTIFY_TIME);
    if (at < startsAt) continue;
    if (r.when !== 'after' && at >= due.at) continue;
    if (r.when === 'after' && at <= due.at) continue;
    out.push({ at, when: r.when, label: reminderLabel(r.when, r.offset) });
  }
  return out.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

/** The escalation ladder after a deadline: each level on a working day, never before the due instant. */
export function scheduleEscalations(
  calendar: DayCalendar,
  due: { date: LocalDate; at: string },
  rules: readonly EscalationRule[],
): ScheduledEscalation[] {
  return rules.map((e) => {
    const date =
      e.after.unit === 'workingDay'
        ? calendar.addWorkingDays(due.date, e.after.amount)
        : calendar.moveToWorkingDay(addDays(due.date, e.after.amount));
    const planned = localDateTimeToInstant(date, DEFAULT_NOTIFY_TIME);
    return { level: e.level, at: planned > due.at ? planned : due.at };
  });
}
