// What people read of a deadline. The engine keeps a deadline as the instant it passes: the given time on the last
// day when the plan gives one, else the midnight that ends the last day (24:00, which is 00:00 of the next date).
// Every surface — web, e-mail, one-click pages, reports, iCal, the CLI — turns that instant into words here, so no
// two of them can show different days.
import { addDays, daysBetween, type LocalDate } from '../../dsl/calendar/local-date.js';
import {
  instantToEpochMs,
  instantToLocalDateTime,
  localDateOfInstant,
} from '../../dsl/calendar/local-time.js';
import { formatDate, type Lang } from './dates.js';

export interface ReadableDeadline {
  /** The last day on which the work is on time (Vietnam's calendar). */
  lastDay: LocalDate;
  /** HH:mm on the last day, only when the plan gives a time of day. */
  time?: string;
}

/** The last day (and time, when the plan gives one) of a deadline instant. */
export function readDeadline(dueAt: string): ReadableDeadline {
  const local = instantToLocalDateTime(dueAt);
  if (local.time === '00:00:00') return { lastDay: addDays(local.date, -1) };
  return { lastDay: local.date, time: local.time.slice(0, 5) };
}

/** "23/12/2027", or "15:05 ngày 23/12/2027" / "15:05, 23/12/2027" when the plan gives a time. */
export function formatDeadline(dueAt: string | null | undefined, lang: Lang = 'vi'): string {
  if (!dueAt) return '—';
  const { lastDay, time } = readDeadline(dueAt);
  const day = formatDate(lastDay);
  if (!time) return day;
  return lang === 'vi' ? `${time} ngày ${day}` : `${time}, ${day}`;
}

export type Urgency = 'upcoming' | 'due_today' | 'overdue';

export interface TimeLeft {
  urgency: Urgency;
  /** Calendar days from today to the last day (upcoming), or from the last day to today (overdue). */
  days: number;
  /** Whole hours left (due today) or past the deadline (overdue less than a day); otherwise 0. */
  hours: number;
  /** Whole minutes when less than an hour is left or past; otherwise 0. */
  minutes: number;
}

const HOUR = 3_600_000;
const MINUTE = 60_000;

/** Where a deadline stands at `now`: days while they count, hours and minutes inside the last day. */
export function timeLeft(dueAt: string, now: number | Date = Date.now()): TimeLeft {
  const nowMs = typeof now === 'number' ? now : now.getTime();
  const dueMs = instantToEpochMs(dueAt);
  const { lastDay } = readDeadline(dueAt);
  const today = localDateOfInstant(nowMs);
  const diff = dueMs - nowMs;
  if (diff > 0) {
    const days = daysBetween(today, lastDay);
    if (days > 0) return { urgency: 'upcoming', days, hours: 0, minutes: 0 };
    const hours = Math.floor(diff / HOUR);
    return { urgency: 'due_today', days: 0, hours, minutes: hours === 0 ? Math.ceil(diff / MINUTE) : 0 };
  }
  const past = -diff;
  if (past < 24 * HOUR) {
    const hours = Math.floor(past / HOUR);
    return {
      urgency: 'overdue',
      days: 0,
      hours,
      minutes: hours === 0 ? Math.max(1, Math.floor(past / MINUTE)) : 0,
    };
  }
  return { urgency: 'overdue', days: Math.max(1, daysBetween(lastDay, today)), hours: 0, minutes: 0 };
}

/** "Còn 3 ngày", "Hạn hôm nay, còn 5 giờ", "Quá hạn 40 phút", "Quá hạn 2 ngày" (or in English). */
export function formatTimeLeft(
  dueAt: string | null | undefined,
  now: number | Date = Date.now(),
  lang: Lang = 'vi',
): string {
  if (!dueAt) return '';
  const t = timeLeft(dueAt, now);
  const vi = lang === 'vi';
  const span =
    t.days > 0
      ? vi
        ? `${t.days} ngày`
        : `${t.days} ${t.days === 1 ? 'day' : 'days'}`
      : t.hours > 0
        ? vi
          ? `${t.hours} giờ`
          : `${t.hours} h`
        : vi
          ? `${t.minutes} phút`
          : `${t.minutes} min`;
  if (t.urgency === 'upcoming') return vi ? `Còn ${span}` : `${span} left`;
  if (t.urgency === 'due_today') return vi ? `Hạn hôm nay, còn ${span}` : `Due today, ${span} left`;
  return vi ? `Quá hạn ${span}` : `${span} overdue`;
}
