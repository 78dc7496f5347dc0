import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCalendar, vietnamCalendar } from '../../../dsl/calendar/calendar.js';
import { fromDayNumber, toDayNumber } from '../../../dsl/calendar/local-date.js';
import { serializedCalendarSchema } from '../../../dsl/calendar/serialized.js';
import * as workdays from '../../../dsl/calendar/workdays.js';

const window = { from: '2024-11-01', to: '2027-04-30' };
const serialized = buildCalendar(window);
// Leave room so that arithmetic from any date in the inner range stays inside the window.
const inner = fc
  .integer({ min: toDayNumber('2025-01-01'), max: toDayNumber('2026-12-31') })
  .map((d) => fromDayNumber(d));

describe('workdays over a serialised calendar (workflow sandbox)', () => {
  it('agrees with the full calendar on every day of the window', () => {
    for (let d = toDayNumber(window.from); d <= toDayNumber(window.to); d++) {
      const date = fromDayNumber(d);
      expect(workdays.isWorkingDay(serialized, date), date).toBe(vietnamCalendar.isWorkingDay(date));
    }
  });

  it('agrees with the full calendar on arithmetic (property)', () => {
    fc.assert(
      fc.property(inner, inner, fc.integer({ min: -40, max: 40 }), (date, other, n) => {
        expect(workdays.addWorkingDays(serialized, date, n)).toBe(vietnamCalendar.addWorkingDays(date, n));
        expect(workdays.nextWorkingDay(serialized, date)).toBe(vietnamCalendar.nextWorkingDay(date));
        expect(workdays.previousWorkingDay(serialized, date)).toBe(vietnamCalendar.previousWorkingDay(date));
        expect(workdays.moveToWorkingDay(serialized, date)).toBe(vietnamCalendar.moveToWorkingDay(date));
        expect(workdays.workingDaysBetween(serialized, date, other)).toBe(
          vietnamCalendar.workingDaysBetween(date, other),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('survives a JSON round trip and validates with the schema', () => {
    const stored = JSON.parse(JSON.stringify(serialized)) as unknown;
    const parsed = serializedCalendarSchema.parse(stored);
    expect(workdays.addWorkingDays(parsed, '2025-01-24', 1)).toBe('2025-02-03');
    expect(() =>
      serializedCalendarSchema.parse({ ...serialized, nonWorking: ['2025-02-01', '2025-01-01'] }),
    ).toThrow(/sorted/);
    expect(() => serializedCalendarSchema.parse({ ...serialized, timeZone: 'Asia/Bangkok' })).toThrow();
  });

  it('refuses dates outside the window instead of guessing', () => {
    expect(() => workdays.isWorkingDay(serialized, '2027-05-01')).toThrow(
      workdays.OutsideCalendarWindowError,
    );
    expect(() => workdays.nextWorkingDay(serialized, '2027-04-30')).toThrow(
      /outside the plan calendar window/,
    );
    expect(() => workdays.addWorkingDays(serialized, '2024-11-04', -5)).toThrow(RangeError);
  });

  it('imports nothing but relative modules and uses no clock, randomness or host API', () => {
    const source = readFileSync(new URL('../../../dsl/calendar/workdays.ts', import.meta.url), 'utf8');
    const imports = [...source.matchAll(/from '([^']+)'/g)].map((m) => m[1]);
    expect(imports.every((i) => i?.startsWith('./'))).toBe(true);
    const dependency = readFileSync(new URL('../../../dsl/calendar/local-date.ts', import.meta.url), 'utf8');
    for (const text of [source, dependency]) {
      expect(text).not.toMatch(/Date\.now|new Date|Math\.random|process\.|Intl\.|require\(/);
      expect([...text.matchAll(/from '([^']+)'/g)].every((m) => m[1]?.startsWith('./'))).toBe(true);
    }
  });
});
