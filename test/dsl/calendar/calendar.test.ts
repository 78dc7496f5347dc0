import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  buildCalendar,
  createWorkingCalendar,
  isWorkingDay,
  moveToWorkingDay,
  nextWorkingDay,
  nonWorkingDays,
  planYearWindow,
  previousWorkingDay,
  vietnamCalendar,
  workingDaysBetween,
} from '../../../dsl/calendar/calendar.js';
import { fromDayNumber, toDayNumber } from '../../../dsl/calendar/local-date.js';
import { parseCalendarOverrides, VIETNAM_OVERRIDES } from '../../../dsl/calendar/overrides.js';

const dateIn = (from: string, to: string): fc.Arbitrary<string> =>
  fc.integer({ min: toDayNumber(from), max: toDayNumber(to) }).map(fromDayNumber);
const workingDateIn = (from: string, to: string): fc.Arbitrary<string> =>
  dateIn(from, to).filter((d) => isWorkingDay(d));

describe('working days', () => {
  it('treats Saturday and Sunday as days off', () => {
    expect(isWorkingDay('2025-03-07')).toBe(true); // Friday
    expect(isWorkingDay('2025-03-08')).toBe(false);
    expect(isWorkingDay('2025-03-09')).toBe(false);
    expect(isWorkingDay('2025-03-10')).toBe(true);
  });

  it('follows the decreed Tết 2025 span (25/1–2/2) and Tết 2026 span (14/2–22/2)', () => {
    expect(isWorkingDay('2025-01-24')).toBe(true);
    for (let d = toDayNumber('2025-01-25'); d <= toDayNumber('2025-02-02'); d++) {
      expect(isWorkingDay(fromDayNumber(d)), fromDayNumber(d)).toBe(false);
    }
    expect(isWorkingDay('2025-02-03')).toBe(true);
    expect(nonWorkingDays('2026-02-13', '2026-02-23').map((d) => d.date)).toEqual([
      '2026-02-14',
      '2026-02-15',
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
      '2026-02-21',
      '2026-02-22',
    ]);
  });

  it('applies swapped days and make-up Saturdays (làm bù) from the data', () => {
    expect(isWorkingDay('2025-05-02')).toBe(false); // Friday swapped…
    expect(isWorkingDay('2025-04-26')).toBe(true); // …with Saturday 26/4
    expect(isWorkingDay('2024-04-29')).toBe(false);
    expect(isWorkingDay('2024-05-04')).toBe(true);
    expect(nextWorkingDay('2025-04-25')).toBe('2025-04-26');
  });

  it('adds Vietnamese Culture Day (24/11) from 2026', () => {
    expect(isWorkingDay('2025-11-24')).toBe(true);
    expect(isWorkingDay('2026-11-24')).toBe(false);
    expect(nonWorkingDays('2026-11-24', '2026-11-24')[0]).toMatchObject({
      kind: 'holiday',
      key: 'cultureDay',
      name: { vi: 'Ngày Văn hóa Việt Nam', en: 'Vietnamese Culture Day' },
    });
  });

  it('gives the reason of each non-working day', () => {
    const days = nonWorkingDays('2025-04-26', '2025-05-04');
    expect(days.map((d) => [d.date, d.kind, d.name.vi])).toEqual([
      ['2025-04-27', 'weekend', 'Chủ nhật'],
      ['2025-04-30', 'holiday', 'Ngày Giải phóng miền Nam, thống nhất đất nước'],
      ['2025-05-01', 'holiday', 'Ngày Quốc tế Lao động'],
      ['2025-05-02', 'override', 'Nghỉ hoán đổi (làm bù thứ Bảy 26/4/2025)'],
      ['2025-05-03', 'weekend', 'Thứ Bảy'],
      ['2025-05-04', 'weekend', 'Chủ nhật'],
    ]);
    expect(days[1]!.name.en).toBe('Reunification Day');
    expect(nonWorkingDays('2025-01-25', '2025-01-29').map((d) => [d.kind, d.key])).toEqual([
      ['override', 'tet'],
      ['override', 'tet'],
      ['holiday', 'tet'],
      ['holiday', 'tet'],
      ['holiday', 'tet'],
    ]);
    expect(nonWorkingDays('2022-01-03', '2022-01-03')[0]).toMatchObject({
      kind: 'compensatory',
      name: { vi: 'Nghỉ bù Tết Dương lịch', en: "Compensatory day off for New Year's Day" },
    });
  });

  it('moves a deadline on a day off to the next working day (Civil Code art. 148)', () => {
    expect(moveToWorkingDay('2025-01-25')).toBe('2025-02-03');
    expect(moveToWorkingDay('2025-09-01')).toBe('2025-09-03');
    expect(moveToWorkingDay('2025-03-07')).toBe('2025-03-07');
  });

  it('counts "n working days after" strictly after the date', () => {
    expect(addWorkingDays('2025-01-24', 1)).toBe('2025-02-03');
    expect(addWorkingDays('2025-01-23', 2)).toBe('2025-02-03');
    expect(addWorkingDays('2025-02-03', -1)).toBe('2025-01-24');
    expect(addWorkingDays('2025-01-26', 0)).toBe('2025-02-03');
    expect(addWorkingDays('2025-03-07', 0)).toBe('2025-03-07');
    expect(workingDaysBetween('2025-01-24', '2025-02-03')).toBe(1);
    expect(workingDaysBetween('2025-02-03', '2025-01-24')).toBe(-1);
    expect(previousWorkingDay('2025-02-03')).toBe('2025-01-24');
    expect(workingDaysBetween('2025-01-01', '2025-12-31')).toBe(365 - 104 - 12 + 1); // 104 weekend days, 12 weekdays off, 1 làm bù
  });

  it('refuses bad input', () => {
    expect(() => isWorkingDay('2025-02-30')).toThrow(RangeError);
    expect(() => isWorkingDay('2300-01-01')).toThrow(RangeError);
    expect(() => addWorkingDays('2025-01-01', 1.5)).toThrow(RangeError);
  });
});

describe('override data', () => {
  it('is valid data with a source for every entry', () => {
    expect(VIETNAM_OVERRIDES.length).toBeGreaterThan(0);
    for (const o of VIETNAM_OVERRIDES) expect(o.source, JSON.stringify(o)).toBeTruthy();
  });

  it('rejects malformed overrides with the field named', () => {
    expect(() =>
      parseCalendarOverrides([{ kind: 'dayOff', from: '2025-02-30', name: { vi: 'x', en: 'x' } }]),
    ).toThrow(/from/);
    expect(() =>
      parseCalendarOverrides([
        { kind: 'dayOff', from: '2025-02-03', to: '2025-02-01', name: { vi: 'x', en: 'x' } },
      ]),
    ).toThrow(/before/);
    expect(() => parseCalendarOverrides([{ kind: 'workday', date: '2025-02-01' }])).toThrow();
  });

  it('lets a decreed span replace the computed days of a holiday', () => {
    // A fictitious decree for 2027 that moves Tết two days later than the base rule.
    const calendar = createWorkingCalendar({
      overrides: parseCalendarOverrides([
        {
          kind: 'dayOff',
          from: '2027-02-06',
          to: '2027-02-14',
          replaces: 'tet',
          name: { vi: 'Nghỉ Tết Nguyên đán', en: 'Lunar New Year break' },
        },
      ]),
    });
    expect(vietnamCalendar.isWorkingDay('2027-02-04')).toBe(false); // base rule: 29 tháng Chạp
    expect(calendar.isWorkingDay('2027-02-04')).toBe(true);
    expect(calendar.isWorkingDay('2027-02-05')).toBe(true);
    expect(calendar.isWorkingDay('2027-02-12')).toBe(false);
    expect(calendar.isWorkingDay('2027-02-15')).toBe(true);
  });

  it('makes a working-day override win over a holiday', () => {
    const calendar = createWorkingCalendar({
      overrides: parseCalendarOverrides([{ kind: 'workingDay', date: '2027-09-03' }]),
    });
    expect(vietnamCalendar.isWorkingDay('2027-09-03')).toBe(false);
    expect(calendar.isWorkingDay('2027-09-03')).toBe(true);
  });
});

describe('working-day arithmetic (properties)', () => {
  const from = '2020-01-01';
  const to = '2030-12-31';

  it('always lands on a working day', () => {
    fc.assert(
      fc.property(dateIn(from, to), fc.integer({ min: -60, max: 60 }), (date, n) => {
        expect(isWorkingDay(addWorkingDays(date, n))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('returns to the start when going n working days forward then back', () => {
    fc.assert(
      fc.property(dateIn(from, to), fc.integer({ min: -60, max: 60 }), (date, n) => {
        const start = moveToWorkingDay(date);
        expect(addWorkingDays(addWorkingDays(start, n), -n)).toBe(start);
      }),
      { numRuns: 300 },
    );
  });

  it('counts back the n it added: workingDaysBetween(d, addWorkingDays(d, n)) = n', () => {
    fc.assert(
      fc.property(workingDateIn(from, to), fc.integer({ min: -60, max: 60 }), (date, n) => {
        expect(workingDaysBetween(date, addWorkingDays(date, n))).toBe(n);
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(dateIn(from, to), fc.integer({ min: 1, max: 60 }), (date, n) => {
        expect(workingDaysBetween(date, addWorkingDays(date, n))).toBe(n);
      }),
      { numRuns: 300 },
    );
  });

  it('is antisymmetric and additive in workingDaysBetween', () => {
    fc.assert(
      fc.property(dateIn(from, to), dateIn(from, to), dateIn(from, to), (a, b, c) => {
        expect(workingDaysBetween(a, b) + workingDaysBetween(b, a)).toBe(0); // toBe(-x) would trip on -0
        expect(workingDaysBetween(a, b) + workingDaysBetween(b, c)).toBe(workingDaysBetween(a, c));
      }),
      { numRuns: 40 },
    );
  });

  it('moves a date no later than its next working day, and not at all when it is one', () => {
    fc.assert(
      fc.property(dateIn(from, to), (date) => {
        const moved = moveToWorkingDay(date);
        expect(moved >= date).toBe(true);
        expect(moved === date).toBe(isWorkingDay(date));
        expect(nonWorkingDays(date, moved).length).toBe(toDayNumber(moved) - toDayNumber(date));
      }),
      { numRuns: 300 },
    );
  });
});

describe('buildCalendar', () => {
  it('serialises a plan year compactly and as plain JSON', () => {
    const calendar = buildCalendar({ from: '2025-01-01', to: '2025-12-31' });
    expect(calendar).toEqual({
      version: 1,
      timeZone: 'Asia/Ho_Chi_Minh',
      utcOffset: '+07:00',
      from: '2025-01-01',
      to: '2025-12-31',
      nonWorking: [
        '2025-01-01',
        '2025-01-27',
        '2025-01-28',
        '2025-01-29',
        '2025-01-30',
        '2025-01-31',
        '2025-04-07',
        '2025-04-30',
        '2025-05-01',
        '2025-05-02',
        '2025-09-01',
        '2025-09-02',
      ],
      workingSaturdays: ['2025-04-26'],
    });
    expect(JSON.parse(JSON.stringify(calendar))).toEqual(calendar);
  });

  it('takes extra overrides, and can leave out the bundled ones', () => {
    const extra = parseCalendarOverrides([
      { kind: 'dayOff', from: '2025-03-03', name: { vi: 'Nghỉ', en: 'Off' } },
    ]);
    expect(buildCalendar({ from: '2025-03-01', to: '2025-03-31', overrides: extra }).nonWorking).toEqual([
      '2025-03-03',
    ]);
    const bare = buildCalendar({ from: '2025-04-01', to: '2025-05-31', includeBundledOverrides: false });
    expect(bare.nonWorking).toEqual(['2025-04-07', '2025-04-30', '2025-05-01']);
    expect(bare.workingSaturdays).toBeUndefined();
  });

  it('builds a window around a plan year', () => {
    expect(planYearWindow(2026)).toEqual({ from: '2025-11-02', to: '2027-04-30' });
    expect(() => buildCalendar({ from: '2026-01-01', to: '2025-01-01' })).toThrow(RangeError);
  });
});
