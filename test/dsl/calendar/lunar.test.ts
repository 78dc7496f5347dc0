import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromDayNumber, toDayNumber } from '../../../dsl/calendar/local-date.js';
import {
  lunarNewYear,
  lunarNewYearDayNumber,
  lunarToSolar,
  lunarYearMonths,
  newMoonJde,
  solarToLunar,
} from '../../../dsl/calendar/lunar.js';

// Month-day of Tết and of Giỗ Tổ (10/3 lunar) for 1990–2100, ten years a row, as computed for UTC+7.
// Cross-checked against the date-holidays package (3.37), which agrees on every Tết and on every
// Giỗ Tổ except 2050 and 2083, where it gives the day before; the new moons starting those months
// fall at 07:40 and 09:09 Vietnam time, far from midnight, so the dates below are not in doubt.
const TET_1990_2100 = [
  '0127 0215 0204 0123 0210 0131 0219 0207 0128 0216',
  '0205 0124 0212 0201 0122 0209 0129 0217 0207 0126',
  '0214 0203 0123 0210 0131 0219 0208 0128 0216 0205',
  '0125 0212 0201 0122 0210 0129 0217 0206 0126 0213',
  '0202 0123 0211 0131 0219 0208 0128 0215 0204 0124',
  '0212 0201 0122 0210 0130 0217 0206 0126 0214 0202',
  '0123 0211 0201 0218 0208 0128 0215 0204 0124 0212',
  '0202 0121 0209 0129 0217 0205 0126 0214 0203 0123',
  '0211 0131 0219 0207 0127 0215 0205 0124 0212 0202',
  '0122 0209 0129 0217 0206 0126 0214 0203 0124 0210',
  '0130 0218 0207 0127 0215 0205 0125 0212 0201 0121',
  '0209',
]
  .join(' ')
  .split(' ');
const HUNG_KINGS_1990_2100 = [
  '0405 0424 0412 0401 0420 0409 0427 0416 0406 0425',
  '0414 0403 0422 0411 0428 0418 0407 0426 0415 0404',
  '0423 0412 0331 0419 0409 0428 0416 0406 0425 0414',
  '0402 0421 0410 0429 0418 0407 0426 0416 0404 0423',
  '0412 0401 0419 0409 0428 0417 0406 0424 0413 0403',
  '0420 0410 0429 0419 0407 0426 0415 0404 0422 0411',
  '0401 0420 0409 0428 0417 0406 0424 0413 0402 0421',
  '0410 0331 0419 0408 0426 0415 0404 0423 0411 0401',
  '0420 0409 0427 0416 0405 0424 0413 0402 0421 0411',
  '0330 0418 0407 0426 0414 0403 0422 0412 0401 0420',
  '0409 0428 0416 0405 0424 0413 0402 0421 0411 0429',
  '0418',
]
  .join(' ')
  .split(' ');

const asDate = (year: number, monthDay: string): string =>
  `${year}-${monthDay.slice(0, 2)}-${monthDay.slice(2)}`;

describe('lunar calendar (Vietnam, UTC+7)', () => {
  it('computes the new moon of Meeus example 49.a (1977 Feb 18)', () => {
    expect(newMoonJde(-283)).toBeCloseTo(2443192.65118, 4);
  });

  it.each([
    [2024, '2024-02-10'],
    [2025, '2025-01-29'],
    [2026, '2026-02-17'],
    [2027, '2027-02-06'],
    [2028, '2028-01-26'],
    [2030, '2030-02-02'],
    [2007, '2007-02-17'],
  ])('Tết %i is %s', (year, date) => {
    expect(lunarNewYear(year)).toBe(date);
  });

  it.each([
    [2025, '2025-04-07'],
    [2026, '2026-04-26'],
    [2023, '2023-04-29'],
    [2024, '2024-04-18'],
  ])('Giỗ Tổ Hùng Vương %i is %s', (year, date) => {
    expect(lunarToSolar({ year, month: 3, day: 10, leap: false })).toBe(date);
  });

  it('differs from the Chinese calendar (UTC+8) where the new moon falls between 23:00 and 24:00 Vietnam time', () => {
    const chinese = (year: number): string => fromDayNumber(lunarNewYearDayNumber(year, 8));
    expect(chinese(2030)).toBe('2030-02-03');
    expect(chinese(2007)).toBe('2007-02-18');
    expect(chinese(2027)).toBe('2027-02-06');
  });

  it('matches the reference Tết and Giỗ Tổ dates for 1990–2100', () => {
    for (let year = 1990; year <= 2100; year++) {
      expect(lunarNewYear(year), `Tết ${year}`).toBe(asDate(year, TET_1990_2100[year - 1990]!));
      expect(lunarToSolar({ year, month: 3, day: 10, leap: false }), `Giỗ Tổ ${year}`).toBe(
        asDate(year, HUNG_KINGS_1990_2100[year - 1990]!),
      );
    }
  });

  it('puts Tết between 21 January and 20 February for 1990–2100', () => {
    for (let year = 1990; year <= 2100; year++) {
      const tet = lunarNewYear(year);
      expect(tet >= `${year}-01-21` && tet <= `${year}-02-20`, `Tết ${year} = ${tet}`).toBe(true);
    }
  });

  it.each([
    [2023, 2],
    [2025, 6],
    [2028, 5],
    [2031, 3],
    [2033, 11],
  ])('lunar year %i has leap month %i', (year, leapMonth) => {
    const leaps = lunarYearMonths(year).filter((m) => m.leap);
    expect(leaps.map((m) => m.month)).toEqual([leapMonth]);
  });

  it('has 12 or 13 months of 29 or 30 days, contiguous, from Tết to the next Tết', () => {
    for (let year = 1990; year <= 2100; year++) {
      const months = lunarYearMonths(year);
      expect([12, 13]).toContain(months.length);
      expect(months.filter((m) => m.leap).length).toBe(months.length - 12);
      expect(months[0]!.startDayNumber).toBe(lunarNewYearDayNumber(year));
      months.forEach((m, i) => {
        expect([29, 30]).toContain(m.length);
        const next = months[i + 1]?.startDayNumber ?? lunarNewYearDayNumber(year + 1);
        expect(m.startDayNumber + m.length).toBe(next);
      });
    }
  });

  it('converts solar → lunar → solar exactly (property)', () => {
    const first = toDayNumber('1990-01-01');
    const last = toDayNumber('2100-12-31');
    fc.assert(
      fc.property(fc.integer({ min: first, max: last }), (dayNumber) => {
        const date = fromDayNumber(dayNumber);
        const lunar = solarToLunar(date);
        expect(lunar.day).toBeGreaterThanOrEqual(1);
        expect(lunar.day).toBeLessThanOrEqual(30);
        expect(lunarToSolar(lunar)).toBe(date);
      }),
      { numRuns: 500 },
    );
  });

  it('names the lunar year by the Gregorian year of its Tết', () => {
    expect(solarToLunar('2025-01-28')).toEqual({ year: 2024, month: 12, day: 29, leap: false });
    expect(solarToLunar('2025-01-29')).toEqual({ year: 2025, month: 1, day: 1, leap: false });
    expect(solarToLunar('2025-08-22')).toMatchObject({ year: 2025, month: 6, leap: true });
  });

  it('refuses lunar dates that do not exist', () => {
    expect(() => lunarToSolar({ year: 2024, month: 6, day: 1, leap: true })).toThrow(RangeError);
    expect(() => lunarToSolar({ year: 2025, month: 1, day: 31, leap: false })).toThrow(RangeError);
  });
});
