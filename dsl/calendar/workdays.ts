// Working-day arithmetic over a serialised calendar (built by buildCalendar and carried in the plan
// IR). Runs inside the Temporal workflow sandbox: imports only relative pure modules, reads no clock,
// no randomness, no host APIs. Dates outside the calendar's window are refused rather than guessed.

import { fromDayNumber, type LocalDate, toDayNumber, weekdayOfDayNumber } from './local-date.js';

export interface SerializedCalendar {
  readonly version: 1;
  readonly timeZone: 'Asia/Ho_Chi_Minh';
  readonly utcOffset: '+07:00';
  /** First date of the window, included. */
  readonly from: LocalDate;
  /** Last date of the window, included. */
  readonly to: LocalDate;
  /** Monday–Friday dates that are not working days (holidays, compensatory and decreed days), sorted. */
  readonly nonWorking: readonly LocalDate[];
  /** Saturdays (or, rarely, Sundays) that are working days (làm bù), sorted. */
  readonly workingSaturdays?: readonly LocalDate[];
}

export class OutsideCalendarWindowError extends RangeError {
  constructor(
    readonly date: LocalDate,
    readonly calendar: Pick<SerializedCalendar, 'from' | 'to'>,
  ) {
    super(`${date} is outside the plan calendar window ${calendar.from}..${calendar.to}`);
    this.name = 'OutsideCalendarWindowError';
  }
}

function includes(sorted: readonly LocalDate[] | undefined, date: LocalDate): boolean {
  if (!sorted) return false;
  let low = 0;
  let high = sorted.length - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const value = sorted[mid]!;
    if (value === date) return true;
    if (value < date) low = mid + 1;
    else high = mid - 1;
  }
  return false;
}

function checkInWindow(calendar: SerializedCalendar, date: LocalDate): void {
  if (date < calendar.from || date > calendar.to) throw new OutsideCalendarWindowError(date, calendar);
}

function isWorkingDayNumber(calendar: SerializedCalendar, dayNumber: number): boolean {
  const date = fromDayNumber(dayNumber);
  checkInWindow(calendar, date);
  const w = weekdayOfDayNumber(dayNumber);
  if (w === 0 || w === 6) return includes(calendar.workingSaturdays, date);
  return !includes(calendar.nonWorking, date);
}

function step(calendar: SerializedCalendar, dayNumber: number, direction: 1 | -1): number {
  let d = dayNumber + direction;
  while (!isWorkingDayNumber(calendar, d)) d += direction;
  return d;
}

export function isWorkingDay(calendar: SerializedCalendar, date: LocalDate): boolean {
  return isWorkingDayNumber(calendar, toDayNumber(date));
}

/** The first working day strictly after `date`. */
export function nextWorkingDay(calendar: SerializedCalendar, date: LocalDate): LocalDate {
  return fromDayNumber(step(calendar, toDayNumber(date), 1));
}

/** The last working day strictly before `date`. */
export function previousWorkingDay(calendar: SerializedCalendar, date: LocalDate): LocalDate {
  return fromDayNumber(step(calendar, toDayNumber(date), -1));
}

/** `date` if it is a working day, else the next working day (Civil Code 2015, art. 148). */
export function moveToWorkingDay(calendar: SerializedCalendar, date: LocalDate): LocalDate {
  return isWorkingDay(calendar, date) ? date : nextWorkingDay(calendar, date);
}

/**
 * "n working days after date": the n-th working day strictly after `date` (n > 0), the |n|-th
 * strictly before it (n < 0), or moveToWorkingDay(date) for n = 0.
 */
export function addWorkingDays(calendar: SerializedCalendar, date: LocalDate, n: number): LocalDate {
  if (!Number.isSafeInteger(n)) throw new RangeError(`Not an integer number of working days: ${n}`);
  if (n === 0) return moveToWorkingDay(calendar, date);
  const direction = n > 0 ? 1 : -1;
  let d = toDayNumber(date);
  for (let i = 0; i < Math.abs(n); i++) d = step(calendar, d, direction);
  return fromDayNumber(d);
}

/** Working days in (from, to]; negative (minus those in (to, from]) when `to` is before `from`. */
export function workingDaysBetween(calendar: SerializedCalendar, from: LocalDate, to: LocalDate): number {
  const start = toDayNumber(from);
  const end = toDayNumber(to);
  const [low, high, sign] = start <= end ? [start, end, 1] : [end, start, -1];
  let count = 0;
  for (let d = low + 1; d <= high; d++) if (isWorkingDayNumber(calendar, d)) count++;
  return count === 0 ? 0 : sign * count; // never -0
}
