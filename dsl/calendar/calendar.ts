// The working-day calendar of public bodies in Vietnam: Monday to Friday, less statutory holidays
// and their compensatory days, corrected by per-year override data. Dates are Vietnam local dates.
// Pure: no I/O and no clock; year tables are computed on demand and memoised per calendar.

import { baseDaysOff, type HolidayKey, type HolidayName, type RecurringHoliday } from './holidays.js';
import {
  addDays,
  eachDate,
  formatLocalDate,
  fromDayNumber,
  isLocalDate,
  type LocalDate,
  toDayNumber,
  weekday,
} from './local-date.js';
import { TIME_ZONE, UTC_OFFSET } from './local-time.js';
import { type CalendarOverride, VIETNAM_OVERRIDES } from './overrides.js';
import { type SerializedCalendar } from './workdays.js';

/** Years the calendar computes (the lunar arithmetic is checked for 1990–2100). */
export const SUPPORTED_YEARS = { from: 1900, to: 2199 } as const;

export type NonWorkingKind = 'weekend' | 'holiday' | 'compensatory' | 'override';

export interface NonWorkingReason {
  readonly kind: NonWorkingKind;
  /** The holiday this day belongs to, for 'holiday', 'compensatory' and replacing overrides. */
  readonly key?: HolidayKey;
  readonly name: HolidayName;
  /** Where an override came from. */
  readonly source?: string;
}

export interface NonWorkingDay extends NonWorkingReason {
  readonly date: LocalDate;
}

export interface WorkingCalendar {
  readonly overrides: readonly CalendarOverride[];
  isWorkingDay(date: LocalDate): boolean;
  /** Why a date is not a working day, or undefined for a working day. */
  reasonOff(date: LocalDate): NonWorkingReason | undefined;
  /** The first working day strictly after `date`. */
  nextWorkingDay(date: LocalDate): LocalDate;
  /** The last working day strictly before `date`. */
  previousWorkingDay(date: LocalDate): LocalDate;
  /**
   * "n working days after date": the n-th working day strictly after `date` (n > 0), the |n|-th strictly
   * before it (n < 0), or `moveToWorkingDay(date)` for n = 0.
   */
  addWorkingDays(date: LocalDate, n: number): LocalDate;
  /** Working days in (from, to]; negative (minus those in (to, from]) when `to` is before `from`. */
  workingDaysBetween(from: LocalDate, to: LocalDate): number;
  /** `date` if it is a working day, else the next working day (Civil Code 2015, art. 148). */
  moveToWorkingDay(date: LocalDate): LocalDate;
  /** Non-working dates from `from` to `to`, both included, each with its reason. */
  nonWorkingDays(from: LocalDate, to: LocalDate): NonWorkingDay[];
}

const WEEKEND_NAMES: Record<0 | 6, HolidayName> = {
  0: { vi: 'Chủ nhật', en: 'Sunday' },
  6: { vi: 'Thứ Bảy', en: 'Saturday' },
};

const KIND_PRIORITY: Record<NonWorkingKind, number> = {
  holiday: 3,
  compensatory: 2,
  override: 1,
  weekend: 0,
};

interface YearTable {
  readonly daysOff: ReadonlyMap<LocalDate, NonWorkingReason>;
  readonly workingDays: ReadonlySet<LocalDate>;
}

function yearOf(date: LocalDate): number {
  return Number(date.slice(0, 4));
}

function checkDate(date: LocalDate): void {
  if (!isLocalDate(date)) throw new RangeError(`Not a date in the form YYYY-MM-DD: ${JSON.stringify(date)}`);
  const year = yearOf(date);
  if (year < SUPPORTED_YEARS.from || year > SUPPORTED_YEARS.to) {
    throw new RangeError(
      `${date} is outside the supported years ${SUPPORTED_YEARS.from}–${SUPPORTED_YEARS.to}`,
    );
  }
}

function buildYearTable(year: number, overrides: readonly CalendarOverride[]): YearTable {
  const recurring: RecurringHoliday[] = [];
  for (const o of overrides) {
    if (o.kind === 'holiday') recurring.push({ ...o, compensate: o.compensate ?? true });
  }
  const daysOff = new Map<LocalDate, NonWorkingReason>();
  const first = formatLocalDate(year, 1, 1);
  const last = formatLocalDate(year, 12, 31);

  const replacing = overrides.filter(
    (o): o is Extract<CalendarOverride, { kind: 'dayOff' }> =>
      o.kind === 'dayOff' && o.replaces !== undefined && yearOf(o.from) === year,
  );
  for (const day of baseDaysOff(year, recurring)) {
    const replaced = replacing.some(
      (o) => o.replaces === day.key && !(day.date >= o.from && day.date <= (o.to ?? o.from)),
    );
    if (!replaced) daysOff.set(day.date, { kind: day.kind, key: day.key, name: day.name });
  }

  const workingDays = new Set<LocalDate>();
  for (const o of overrides) {
    if (o.kind === 'dayOff') {
      const from = o.from < first ? first : o.from;
      const to = (o.to ?? o.from) > last ? last : (o.to ?? o.from);
      if (from > to) continue;
      const reason: NonWorkingReason = {
        kind: 'override',
        name: o.name,
        ...(o.replaces !== undefined ? { key: o.replaces } : {}),
        ...(o.source !== undefined ? { source: o.source } : {}),
      };
      for (const date of eachDate(from, to)) {
        const existing = daysOff.get(date);
        if (!existing || KIND_PRIORITY[existing.kind] < KIND_PRIORITY.override) daysOff.set(date, reason);
      }
    } else if (o.kind === 'workingDay' && yearOf(o.date) === year) {
      workingDays.add(o.date);
    }
  }
  for (const date of workingDays) daysOff.delete(date);
  return { daysOff, workingDays };
}

/** A working calendar over the given overrides (default: the bundled Vietnamese data). */
export function createWorkingCalendar(
  options: { overrides?: readonly CalendarOverride[] } = {},
): WorkingCalendar {
  const overrides = Object.freeze([...(options.overrides ?? VIETNAM_OVERRIDES)]);
  const tables = new Map<number, YearTable>();
  const tableFor = (date: LocalDate): YearTable => {
    checkDate(date);
    const year = yearOf(date);
    let table = tables.get(year);
    if (!table) {
      table = buildYearTable(year, overrides);
      tables.set(year, table);
    }
    return table;
  };

  const reasonOff = (date: LocalDate): NonWorkingReason | undefined => {
    const table = tableFor(date);
    if (table.workingDays.has(date)) return undefined;
    const listed = table.daysOff.get(date);
    if (listed) return listed;
    const w = weekday(date);
    return w === 0 || w === 6 ? { kind: 'weekend', name: WEEKEND_NAMES[w] } : undefined;
  };
  // A compile asks the same few hundred dates thousands of times: answers are memoised by date and by day
  // number (day-number steps need no string formatting). Dates that throw (outside the supported years) are
  // never memoised, so they throw every time.
  const workingByDate = new Map<LocalDate, boolean>();
  const workingByDayNumber = new Map<number, boolean>();
  const isWorkingDay = (date: LocalDate): boolean => {
    let working = workingByDate.get(date);
    if (working === undefined) {
      working = reasonOff(date) === undefined;
      workingByDate.set(date, working);
    }
    return working;
  };
  const isWorkingDayNumber = (dayNumber: number): boolean => {
    let working = workingByDayNumber.get(dayNumber);
    if (working === undefined) {
      working = isWorkingDay(fromDayNumber(dayNumber));
      workingByDayNumber.set(dayNumber, working);
    }
    return working;
  };
  const stepNumber = (dayNumber: number, direction: 1 | -1): number => {
    let d = dayNumber + direction;
    while (!isWorkingDayNumber(d)) d += direction;
    return d;
  };
  const step = (date: LocalDate, direction: 1 | -1): LocalDate =>
    fromDayNumber(stepNumber(toDayNumber(date), direction));
  const moveToWorkingDay = (date: LocalDate): LocalDate => (isWorkingDay(date) ? date : step(date, 1));

  return {
    overrides,
    isWorkingDay,
    reasonOff,
    nextWorkingDay: (date) => step(date, 1),
    previousWorkingDay: (date) => step(date, -1),
    moveToWorkingDay,
    addWorkingDays(date, n) {
      if (!Number.isSafeInteger(n)) throw new RangeError(`Not an integer number of working days: ${n}`);
      if (n === 0) return moveToWorkingDay(date);
      const direction = n > 0 ? 1 : -1;
      let d = toDayNumber(date);
      for (let i = 0; i < Math.abs(n); i++) d = stepNumber(d, direction);
      return fromDayNumber(d);
    },
    workingDaysBetween(from, to) {
      const start = toDayNumber(from);
      const end = toDayNumber(to);
      const [low, high, sign] = start <= end ? [start, end, 1] : [end, start, -1];
      let count = 0;
      for (let d = low + 1; d <= high; d++) if (isWorkingDayNumber(d)) count++;
      return count === 0 ? 0 : sign * count; // never -0
    },
    nonWorkingDays(from, to) {
      checkDate(from);
      checkDate(to);
      const days: NonWorkingDay[] = [];
      for (const date of eachDate(from, to)) {
        const reason = reasonOff(date);
        if (reason) days.push({ date, ...reason });
      }
      return days;
    },
  };
}

/** The Vietnamese calendar with the bundled override data. */
export const vietnamCalendar: WorkingCalendar = createWorkingCalendar();

export function isWorkingDay(date: LocalDate, calendar: WorkingCalendar = vietnamCalendar): boolean {
  return calendar.isWorkingDay(date);
}

export function nextWorkingDay(date: LocalDate, calendar: WorkingCalendar = vietnamCalendar): LocalDate {
  return calendar.nextWorkingDay(date);
}

export function previousWorkingDay(date: LocalDate, calendar: WorkingCalendar = vietnamCalendar): LocalDate {
  return calendar.previousWorkingDay(date);
}

export function addWorkingDays(
  date: LocalDate,
  n: number,
  calendar: WorkingCalendar = vietnamCalendar,
): LocalDate {
  return calendar.addWorkingDays(date, n);
}

export function workingDaysBetween(
  from: LocalDate,
  to: LocalDate,
  calendar: WorkingCalendar = vietnamCalendar,
): number {
  return calendar.workingDaysBetween(from, to);
}

export function moveToWorkingDay(date: LocalDate, calendar: WorkingCalendar = vietnamCalendar): LocalDate {
  return calendar.moveToWorkingDay(date);
}

export function nonWorkingDays(
  from: LocalDate,
  to: LocalDate,
  calendar: WorkingCalendar = vietnamCalendar,
): NonWorkingDay[] {
  return calendar.nonWorkingDays(from, to);
}

export interface BuildCalendarOptions {
  readonly from: LocalDate;
  readonly to: LocalDate;
  /** Extra overrides (e.g. imported from an ICS file), applied after the bundled ones. */
  readonly overrides?: readonly CalendarOverride[];
  /** Start from the bundled Vietnamese override data (default true). */
  readonly includeBundledOverrides?: boolean;
}

/** Longest window buildCalendar accepts: a plan year with generous margins, not a century. */
const MAX_WINDOW_DAYS = 366 * 20;

/**
 * A compact, JSON-serialisable calendar for a window, to travel inside the plan IR and be read by
 * workdays.ts in workflow code. Weekends are implicit; `nonWorking` lists the weekdays off and
 * `workingSaturdays` the weekend days that are working days.
 */
export function buildCalendar(options: BuildCalendarOptions): SerializedCalendar {
  const { from, to } = options;
  checkDate(from);
  checkDate(to);
  if (to < from) throw new RangeError(`Calendar window ends (${to}) before it starts (${from})`);
  if (toDayNumber(to) - toDayNumber(from) > MAX_WINDOW_DAYS)
    throw new RangeError(`Calendar window ${from}..${to} is too long`);
  const calendar = createWorkingCalendar({
    overrides: [
      ...(options.includeBundledOverrides === false ? [] : VIETNAM_OVERRIDES),
      ...(options.overrides ?? []),
    ],
  });
  const nonWorking: LocalDate[] = [];
  const workingSaturdays: LocalDate[] = [];
  for (const date of eachDate(from, to)) {
    const w = weekday(date);
    const weekend = w === 0 || w === 6;
    const working = calendar.isWorkingDay(date);
    if (!weekend && !working) nonWorking.push(date);
    if (weekend && working) workingSaturdays.push(date);
  }
  return {
    version: 1,
    timeZone: TIME_ZONE,
    utcOffset: UTC_OFFSET,
    from,
    to,
    nonWorking,
    ...(workingSaturdays.length > 0 ? { workingSaturdays } : {}),
  };
}

/** A window covering a plan year with a margin on both sides (default 60 days before, 120 after). */
export function planYearWindow(
  year: number,
  marginBeforeDays = 60,
  marginAfterDays = 120,
): { from: LocalDate; to: LocalDate } {
  const start = formatLocalDate(year, 1, 1);
  const end = formatLocalDate(year, 12, 31);
  return { from: addDays(start, -marginBeforeDays), to: addDays(end, marginAfterDays) };
}
