// Per-year corrections to the computed calendar, kept as data (dsl/calendar/data/*.json or an ICS
// file): decreed Tết spans, swapped days off and make-up Saturdays (làm bù), holidays added by law.

import { z } from 'zod';
import bundled from './data/vn-overrides.json' with { type: 'json' };
import { type HolidayKey, type HolidayName, type RecurringHoliday } from './holidays.js';
import { isLocalDate, type LocalDate } from './local-date.js';

/** Every date from `from` to `to` (default: `from` alone) is a day off. */
export interface DayOffOverride {
  readonly kind: 'dayOff';
  readonly from: LocalDate;
  readonly to?: LocalDate;
  readonly name: HolidayName;
  /**
   * A decreed span that replaces the computed days of one holiday (with their compensatory days)
   * in the year of `from`: computed days of that holiday outside the span stop being days off.
   */
  readonly replaces?: HolidayKey;
  readonly source?: string;
}

/** A day that is a working day whatever the computed calendar says (a make-up Saturday, làm bù). */
export interface WorkingDayOverride {
  readonly kind: 'workingDay';
  readonly date: LocalDate;
  readonly name?: HolidayName;
  readonly source?: string;
}

/** A holiday on a fixed Gregorian day every year from `fromYear` (a holiday added by law). */
export interface RecurringHolidayOverride extends Omit<RecurringHoliday, 'compensate'> {
  readonly kind: 'holiday';
  /** A weekend occurrence gives a compensatory day off (Labour Code art. 111(3)); default true. */
  readonly compensate?: boolean;
  readonly source?: string;
}

export type CalendarOverride = DayOffOverride | WorkingDayOverride | RecurringHolidayOverride;

const localDate = z.string().refine(isLocalDate, { message: 'expected a date YYYY-MM-DD' });
const text = z
  .string()
  .trim()
  .min(1)
  .transform((s) => s.normalize('NFC'));
const holidayName = z.object({ vi: text, en: text });
const year = z.number().int().min(1900).max(2199);

export const calendarOverrideSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('dayOff'),
      from: localDate,
      to: localDate.optional(),
      name: holidayName,
      replaces: z.string().min(1).optional(),
      source: z.string().optional(),
    })
    .refine((o) => o.to === undefined || o.to >= o.from, { message: '`to` is before `from`', path: ['to'] }),
  z.object({
    kind: z.literal('workingDay'),
    date: localDate,
    name: holidayName.optional(),
    source: z.string().optional(),
  }),
  z
    .object({
      kind: z.literal('holiday'),
      key: z.string().min(1),
      month: z.number().int().min(1).max(12),
      day: z.number().int().min(1).max(31),
      fromYear: year,
      toYear: year.optional(),
      name: holidayName,
      compensate: z.boolean().optional(),
      source: z.string().optional(),
    })
    .refine(
      (o) => isLocalDate(`2000-${String(o.month).padStart(2, '0')}-${String(o.day).padStart(2, '0')}`),
      {
        message: 'no such day of the month',
        path: ['day'],
      },
    ),
]);

export const calendarOverridesFileSchema = z.object({
  description: z.string().optional(),
  overrides: z.array(calendarOverrideSchema),
});

/** Validates override data (from JSON or any other source); throws a ZodError that names the bad field. */
export function parseCalendarOverrides(data: unknown): CalendarOverride[] {
  const parsed = Array.isArray(data)
    ? z.array(calendarOverrideSchema).parse(data)
    : calendarOverridesFileSchema.parse(data).overrides;
  return parsed as CalendarOverride[];
}

/** The overrides shipped with the product (dsl/calendar/data/vn-overrides.json). */
export const VIETNAM_OVERRIDES: readonly CalendarOverride[] = Object.freeze(parseCalendarOverrides(bundled));
