import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysBetween,
  eachDate,
  fromDayNumber,
  isLocalDate,
  parseLocalDate,
  toDayNumber,
  weekday,
} from '../../../dsl/calendar/local-date.js';
import {
  endOfLocalDay,
  epochMsToLocalDateTime,
  instantToLocalDateTime,
  localDateOfInstant,
  localDateTimeToEpochMs,
  localDateTimeToInstant,
} from '../../../dsl/calendar/local-time.js';

describe('local dates', () => {
  it('agrees with Date.UTC on day numbers and weekdays (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -200_000, max: 200_000 }), (dayNumber) => {
        const iso = new Date(dayNumber * 86_400_000).toISOString().slice(0, 10);
        expect(fromDayNumber(dayNumber)).toBe(iso);
        expect(toDayNumber(iso)).toBe(dayNumber);
        expect(weekday(iso)).toBe(new Date(dayNumber * 86_400_000).getUTCDay());
      }),
    );
  });

  it('validates dates', () => {
    expect(isLocalDate('2024-02-29')).toBe(true);
    expect(isLocalDate('2025-02-29')).toBe(false);
    expect(isLocalDate('2100-02-29')).toBe(false);
    expect(isLocalDate('2025-1-5')).toBe(false);
    expect(isLocalDate(20250105)).toBe(false);
    expect(() => parseLocalDate('2025-13-01')).toThrow(RangeError);
  });

  it('adds and counts days', () => {
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(daysBetween('2025-01-01', '2025-12-31')).toBe(364);
    expect(eachDate('2025-01-30', '2025-02-02')).toEqual([
      '2025-01-30',
      '2025-01-31',
      '2025-02-01',
      '2025-02-02',
    ]);
  });
});

describe('Vietnam local time (UTC+7, no DST)', () => {
  it('converts a local date and time to a UTC instant and back', () => {
    expect(localDateTimeToInstant('2025-01-25', '08:30')).toBe('2025-01-25T01:30:00.000Z');
    expect(localDateTimeToInstant('2025-01-25')).toBe('2025-01-24T17:00:00.000Z');
    expect(instantToLocalDateTime('2025-01-24T17:00:00Z')).toEqual({ date: '2025-01-25', time: '00:00:00' });
    expect(instantToLocalDateTime('2025-06-30T23:59:59.500+07:00')).toEqual({
      date: '2025-06-30',
      time: '23:59:59.500',
    });
    expect(instantToLocalDateTime('2025-06-30T10:00:00-05:00')).toEqual({
      date: '2025-06-30',
      time: '22:00:00',
    });
  });

  it('ends a day at 24:00 local time (Civil Code art. 148)', () => {
    expect(endOfLocalDay('2025-12-31')).toBe('2025-12-31T17:00:00.000Z');
    expect(localDateOfInstant(endOfLocalDay('2025-12-31'))).toBe('2026-01-01');
    expect(localDateOfInstant(localDateTimeToEpochMs('2025-12-31', '24:00') - 1)).toBe('2025-12-31');
  });

  it('refuses instants without an offset and malformed times', () => {
    expect(() => instantToLocalDateTime('2025-01-01T00:00:00')).toThrow(RangeError);
    expect(() => localDateTimeToInstant('2025-01-01', '24:01')).toThrow(RangeError);
    expect(() => localDateTimeToInstant('2025-01-01', '7:00')).toThrow(RangeError);
  });

  it('agrees with Date for random instants (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_102_444_800_000 }), (epochMs) => {
        const { date, time } = epochMsToLocalDateTime(epochMs);
        const shifted = new Date(epochMs + 7 * 3_600_000).toISOString();
        expect(date).toBe(shifted.slice(0, 10));
        expect(time.slice(0, 8)).toBe(shifted.slice(11, 19));
        expect(localDateTimeToEpochMs(date, time)).toBe(epochMs);
        expect(localDateTimeToInstant(date, time)).toBe(new Date(epochMs).toISOString());
      }),
    );
  });
});
