// Statutory public holidays of Vietnam (Labour Code 2019, art. 112) and the weekend compensation
// rule (art. 111(3)): the base calendar that per-year override data then corrects. Pure.

import {
  addDays,
  civilToDayNumber,
  formatLocalDate,
  fromDayNumber,
  type LocalDate,
  toDayNumber,
  weekdayOfDayNumber,
} from './local-date.js';
import { lunarNewYearDayNumber, lunarToSolar } from './lunar.js';

/** Names of a day off in Vietnamese (NFC) and English. */
export interface HolidayName {
  readonly vi: string;
  readonly en: string;
}

/** Stable identifiers of the statutory holidays; override data may add its own (e.g. 'cultureDay'). */
export type HolidayKey =
  'newYear' | 'tet' | 'hungKings' | 'reunification' | 'labour' | 'nationalDay' | (string & {});

export const HOLIDAY_NAMES = {
  newYear: { vi: 'Tết Dương lịch', en: "New Year's Day" },
  tet: { vi: 'Tết Nguyên đán', en: 'Lunar New Year (Tết)' },
  hungKings: { vi: 'Giỗ Tổ Hùng Vương', en: "Hùng Kings' Commemoration Day" },
  reunification: { vi: 'Ngày Giải phóng miền Nam, thống nhất đất nước', en: 'Reunification Day' },
  labour: { vi: 'Ngày Quốc tế Lao động', en: 'International Labour Day' },
  nationalDay: { vi: 'Quốc khánh', en: 'National Day' },
} as const satisfies Record<string, HolidayName>;

const NATIONAL_DAY_ADJACENT: HolidayName = {
  vi: 'Quốc khánh (ngày liền kề)',
  en: 'National Day (adjacent day)',
};

export function compensatoryName(name: HolidayName): HolidayName {
  return { vi: `Nghỉ bù ${name.vi}`, en: `Compensatory day off for ${name.en}` };
}

/** A holiday on a fixed Gregorian day, every year within a range (used for holidays added by law). */
export interface RecurringHoliday {
  readonly key: HolidayKey;
  readonly month: number;
  readonly day: number;
  readonly fromYear: number;
  readonly toYear?: number;
  readonly name: HolidayName;
  /** Whether a weekend occurrence gives a compensatory day off on the next working day. */
  readonly compensate: boolean;
}

export interface StatutoryHoliday {
  readonly date: LocalDate;
  readonly key: HolidayKey;
  readonly name: HolidayName;
  readonly compensate: boolean;
}

/**
 * The day next to 2/9 (art. 112: "01 ngày liền kề trước hoặc sau", chosen each year by the Prime
 * Minister). Base rule: the side that joins a weekend, else the day after; it reproduces 2021–2025.
 * Indexed by the weekday of 2/9 (0 = Sunday).
 */
const NATIONAL_DAY_ADJACENT_OFFSET = [1, 1, -1, 1, 1, -1, -1] as const;

/** The statutory holidays of a Gregorian year, in date order (before compensation). */
export function statutoryHolidays(
  year: number,
  recurring: readonly RecurringHoliday[] = [],
): StatutoryHoliday[] {
  const fixed = (month: number, day: number): LocalDate => formatLocalDate(year, month, day);
  const holidays: StatutoryHoliday[] = [];
  const add = (date: LocalDate, key: HolidayKey, name: HolidayName): void => {
    holidays.push({ date, key, name, compensate: true });
  };

  add(fixed(1, 1), 'newYear', HOLIDAY_NAMES.newYear);

  // Tết: 5 days. Base rule: the last two days of the lunar year and the first three of the new one,
  // which matches the spans decreed for 2021–2026 once weekend compensation is applied.
  const tet = lunarNewYearDayNumber(year);
  for (let offset = -2; offset <= 2; offset++) add(fromDayNumber(tet + offset), 'tet', HOLIDAY_NAMES.tet);

  add(lunarToSolar({ year, month: 3, day: 10, leap: false }), 'hungKings', HOLIDAY_NAMES.hungKings);
  add(fixed(4, 30), 'reunification', HOLIDAY_NAMES.reunification);
  add(fixed(5, 1), 'labour', HOLIDAY_NAMES.labour);

  const nationalDay = fixed(9, 2);
  add(nationalDay, 'nationalDay', HOLIDAY_NAMES.nationalDay);
  const nationalDayWeekday = weekdayOfDayNumber(civilToDayNumber(year, 9, 2));
  add(
    addDays(nationalDay, NATIONAL_DAY_ADJACENT_OFFSET[nationalDayWeekday]),
    'nationalDay',
    NATIONAL_DAY_ADJACENT,
  );

  for (const r of recurring) {
    if (year < r.fromYear || (r.toYear !== undefined && year > r.toYear)) continue;
    holidays.push({ date: fixed(r.month, r.day), key: r.key, name: r.name, compensate: r.compensate });
  }
  return holidays.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

export interface BaseDayOff {
  readonly date: LocalDate;
  readonly kind: 'holiday' | 'compensatory';
  readonly key: HolidayKey;
  readonly name: HolidayName;
}

function isWeekendDayNumber(dayNumber: number): boolean {
  const w = weekdayOfDayNumber(dayNumber);
  return w === 0 || w === 6;
}

/**
 * Holidays plus compensatory days: a holiday on a Saturday or Sunday (the weekly rest days of public
 * bodies) gives a day off on the next day that is neither a weekend, a holiday nor already given.
 */
export function baseDaysOff(year: number, recurring: readonly RecurringHoliday[] = []): BaseDayOff[] {
  const taken = new Set<number>();
  const days: BaseDayOff[] = [];
  const toCompensate: Array<{ dayNumber: number; holiday: StatutoryHoliday }> = [];
  for (const h of statutoryHolidays(year, recurring)) {
    const dayNumber = toDayNumber(h.date);
    if (taken.has(dayNumber)) continue; // two holidays on one date give one day off
    taken.add(dayNumber);
    days.push({ date: h.date, kind: 'holiday', key: h.key, name: h.name });
    if (h.compensate && isWeekendDayNumber(dayNumber)) toCompensate.push({ dayNumber, holiday: h });
  }
  for (const { dayNumber, holiday } of toCompensate) {
    let candidate = dayNumber + 1;
    while (isWeekendDayNumber(candidate) || taken.has(candidate)) candidate++;
    taken.add(candidate);
    days.push({
      date: fromDayNumber(candidate),
      kind: 'compensatory',
      key: holiday.key,
      name: compensatoryName(holiday.name),
    });
  }
  return days.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
