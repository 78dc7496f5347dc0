import { describe, expect, it } from 'vitest';
import { endOfLocalDay } from '../../dsl/calendar/local-time.js';
import { pickOccurrence } from '../../apps/reports/compile-report.js';

// Monthly periods under the 15 → 14 convention.
const occurrences = ['2027-02', '2027-03', '2027-04'].map((period, i) => ({
  period,
  windowFrom: `2027-0${i + 1}-15`,
  windowTo: `2027-0${i + 2}-14`,
  cutOffAt: endOfLocalDay(`2027-0${i + 2}-14`),
  dueAt: endOfLocalDay(`2027-0${i + 2}-20`),
}));

describe('the period of an on-demand report', () => {
  it('reads "as of 14/03" (the midnight that ends it) as the end of the period ending that day', () => {
    expect(occurrences[pickOccurrence(occurrences, { asOf: endOfLocalDay('2027-03-14') })]!.period).toBe(
      '2027-03',
    );
    expect(occurrences[pickOccurrence(occurrences, { asOf: '2027-03-14T17:00:01.000Z' })]!.period).toBe(
      '2027-04',
    );
    expect(occurrences[pickOccurrence(occurrences, { asOf: '2027-03-14T09:00:00.000Z' })]!.period).toBe(
      '2027-03',
    );
    expect(pickOccurrence(occurrences, { period: '2027-04' })).toBe(2);
  });
});
