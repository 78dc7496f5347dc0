// The days a written deadline names, shared by the checker and the compiler so both read a plan the same way.
import type { DayPoint, Deadline, DeadlineForm } from '../ast/nodes.js';
import { planYearWindow } from '../calendar/calendar.js';
import { daysInMonth, formatLocalDate, type LocalDate } from '../calendar/local-date.js';

/** How far past 31/12 a plan's deadlines may fall. */
export const NEXT_YEAR_REACH_DAYS = 60;

/**
 * The last day a plan's deadlines reach: year-end tasks are due in the next January or February (the annual
 * report, the next year's plan), so deadlines may fall up to 60 days after 31/12 (1 March); the compiled
 * calendar runs 120 days past it, so reminders and escalation of such a deadline still have working days.
 */
export function planWindowEnd(year: number): LocalDate {
  return planYearWindow(year, 0, NEXT_YEAR_REACH_DAYS).to;
}

/** The day of a month that "đầu / giữa / cuối tháng" names (Civil Code 2015 art. 146: 1st, 15th, last). */
export function monthPointDay(year: number, month: number, point: DayPoint | undefined): LocalDate {
  const day = point === 'start' ? 1 : point === 'mid' ? 15 : daysInMonth(year, month);
  return formatLocalDate(year, month, day);
}

/** The day of a year that "đầu / giữa / cuối năm" names (art. 146: 1 January, 30 June, 31 December). */
export function yearPointDay(year: number, point: DayPoint): LocalDate {
  return point === 'start'
    ? formatLocalDate(year, 1, 1)
    : point === 'mid'
      ? formatLocalDate(year, 6, 30)
      : formatLocalDate(year, 12, 31);
}

/**
 * A day written without a year (dd/mm) is in the plan year, unless that day is already past (before publication,
 * or before the window's start) while the same day of the next year is still within the plan's reach: then it is
 * the next year's ("báo cáo tổng kết trước ngày 10/01" in a plan published on 15/01 means next January).
 * `make(y)` builds the day for year y; undefined when the day does not exist.
 */
export function rollIntoWindow(
  make: (y: number) => LocalDate | undefined,
  year: number,
  notBefore: LocalDate | undefined,
): LocalDate | undefined {
  const here = make(year);
  if (here === undefined || notBefore === undefined || here >= notBefore) return here;
  const next = make(year + 1);
  return next !== undefined && next >= notBefore && next <= planWindowEnd(year) ? next : here;
}

function dayOf(y: number, month: number, day: number): LocalDate | undefined {
  return day <= daysInMonth(y, month) ? formatLocalDate(y, month, day) : undefined;
}

/**
 * The day a one-off deadline names, as YYYY-MM-DD (before "trước" and day-off adjustments); undefined for
 * recurring, relative and untimed forms and for impossible dates. `notBefore` is the publication day (or the
 * window's first day) that a day written without a year must not precede, when it can move to the next year.
 */
export function writtenDay(form: DeadlineForm, year: number, notBefore?: LocalDate): LocalDate | undefined {
  switch (form.kind) {
    case 'date': {
      const { day, month } = form.date;
      if (form.date.year !== undefined) return dayOf(form.date.year, month, day);
      return rollIntoWindow((y) => dayOf(y, month, day), year, notBefore);
    }
    // A month or a point of the year is not moved: "tháng 1" past at publication is an error to see (DD4005),
    // and next January is written "tháng 1/2028".
    case 'month':
      return monthPointDay(form.year ?? year, form.month, form.point);
    case 'quarter': {
      const y = form.year ?? year;
      const m = form.quarter * 3;
      return formatLocalDate(y, m, daysInMonth(y, m));
    }
    case 'half':
      return form.half === 1 ? formatLocalDate(year, 6, 30) : formatLocalDate(year, 12, 31);
    case 'yearPoint':
      return yearPointDay(form.year ?? year, form.point);
    default:
      return undefined;
  }
}

/** The window's first day, in the plan year (a window's start is written without a year, or with one). */
export function startDay(d: Deadline, year: number): LocalDate | undefined {
  const s = d.start;
  return s ? dayOf(s.year ?? year, s.month, s.day) : undefined;
}

/**
 * Whether the header's `tính cả ngày hạn` applies: only "trước" before a form that names a day does; "chậm nhất"
 * always allows the day, and so does a bare day ("ngày 30/6": due that day). A month, quarter or half-year
 * ends with its last day whatever the word.
 */
export function boundBefore(d: Deadline): boolean {
  if (d.bound !== 'before') return false;
  const f = d.form;
  switch (f.kind) {
    case 'date':
    case 'yearPoint':
      return true;
    case 'month':
      return f.point !== undefined;
    case 'recurring':
      return f.recurrence.kind !== 'dailyWorking' && f.recurrence.kind !== 'weekly';
    default:
      return false;
  }
}
