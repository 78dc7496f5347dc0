import { describe, expect, it } from 'vitest';
import { createWorkingCalendar } from '../../../dsl/calendar/calendar.js';
import { baseDaysOff, HOLIDAY_NAMES, statutoryHolidays } from '../../../dsl/calendar/holidays.js';

// Weekday days off of a year under the computed rule alone (no override data).
const baseCalendar = createWorkingCalendar({ overrides: [] });
const weekdaysOff = (year: number): string[] =>
  baseCalendar
    .nonWorkingDays(`${year}-01-01`, `${year}-12-31`)
    .filter((d) => d.kind !== 'weekend' && d.kind !== 'override')
    .filter((d) => ![0, 6].includes(new Date(`${d.date}T00:00:00Z`).getUTCDay()))
    .map((d) => d.date.slice(5));

describe('statutory holidays (Labour Code 2019, art. 112)', () => {
  it('lists each holiday of 2025 with its date', () => {
    const holidays = statutoryHolidays(2025).map((h) => [h.date, h.key]);
    expect(holidays).toEqual([
      ['2025-01-01', 'newYear'],
      ['2025-01-27', 'tet'],
      ['2025-01-28', 'tet'],
      ['2025-01-29', 'tet'],
      ['2025-01-30', 'tet'],
      ['2025-01-31', 'tet'],
      ['2025-04-07', 'hungKings'],
      ['2025-04-30', 'reunification'],
      ['2025-05-01', 'labour'],
      ['2025-09-01', 'nationalDay'],
      ['2025-09-02', 'nationalDay'],
    ]);
  });

  it('gives Tết five days: the last two of the lunar year and the first three of the new one', () => {
    for (const year of [2024, 2026, 2030]) {
      expect(statutoryHolidays(year).filter((h) => h.key === 'tet')).toHaveLength(5);
    }
    expect(
      statutoryHolidays(2030)
        .filter((h) => h.key === 'tet')
        .map((h) => h.date),
    ).toEqual(['2030-01-31', '2030-02-01', '2030-02-02', '2030-02-03', '2030-02-04']);
  });

  it.each([
    [2021, '09-03'], // Thursday → Friday
    [2022, '09-01'], // Friday → Thursday
    [2023, '09-01'], // Saturday → Friday
    [2024, '09-03'], // Monday → Tuesday
    [2025, '09-01'], // Tuesday → Monday
  ])('adds a day next to National Day in %i: %s', (year, adjacent) => {
    const nationalDay = statutoryHolidays(year)
      .filter((h) => h.key === 'nationalDay')
      .map((h) => h.date.slice(5));
    expect(nationalDay).toEqual([adjacent, '09-02'].sort());
  });

  it('names every holiday in Vietnamese (NFC) and English', () => {
    for (const h of statutoryHolidays(2026)) {
      expect(h.name.vi).toBe(h.name.vi.normalize('NFC'));
      expect(h.name.vi.length).toBeGreaterThan(0);
      expect(h.name.en).toMatch(/^[\x20-\x7EÀ-ỹ]+$/u);
    }
    expect(HOLIDAY_NAMES.hungKings.vi).toBe('Giỗ Tổ Hùng Vương');
    expect(HOLIDAY_NAMES.tet.vi).toBe('Tết Nguyên đán');
  });
});

describe('compensatory days (Labour Code 2019, art. 111(3))', () => {
  it('moves a weekend holiday to the next free weekday', () => {
    const compensatory = baseDaysOff(2023)
      .filter((d) => d.kind === 'compensatory')
      .map((d) => [d.date, d.key]);
    expect(compensatory).toEqual([
      ['2023-01-02', 'newYear'], // 1/1 on Sunday
      ['2023-01-25', 'tet'], // Tết spans Saturday 21 and Sunday 22 January
      ['2023-01-26', 'tet'],
      ['2023-05-02', 'hungKings'], // Giỗ Tổ on Saturday 29/4, 30/4 on Sunday, 1/5 on Monday
      ['2023-05-03', 'reunification'],
      ['2023-09-04', 'nationalDay'], // 2/9 on Saturday
    ]);
    expect(baseDaysOff(2023).find((d) => d.date === '2023-01-02')?.name.vi).toBe('Nghỉ bù Tết Dương lịch');
  });

  // The computed rule alone reproduces the holidays that were announced for these years.
  it.each([
    [2021, '01-01 02-10 02-11 02-12 02-15 02-16 04-21 04-30 05-03 09-02 09-03'],
    [2022, '01-03 01-31 02-01 02-02 02-03 02-04 04-11 05-02 05-03 09-01 09-02'],
    [2023, '01-02 01-20 01-23 01-24 01-25 01-26 05-01 05-02 05-03 09-01 09-04'],
    [2024, '01-01 02-08 02-09 02-12 02-13 02-14 04-18 04-30 05-01 09-02 09-03'],
    [2025, '01-01 01-27 01-28 01-29 01-30 01-31 04-07 04-30 05-01 09-01 09-02'],
  ])('weekdays off in %i under the base rule', (year, expected) => {
    expect(weekdaysOff(year).join(' ')).toBe(expected);
  });
});
