import { describe, expect, it } from 'vitest';
import { monthEnds } from '../../apps/api/dashboard/dashboard.service.js';

describe('the dashboard months (figures as of each month end in Vietnam, UTC+7)', () => {
  it('takes a past month at its last moment in Vietnam and the current month now', () => {
    const now = new Date('2027-03-10T05:00:00.000Z');
    expect(monthEnds(2027, now)).toEqual([
      { month: '2027-01', asOf: '2027-01-31T16:59:59.999Z' },
      { month: '2027-02', asOf: '2027-02-28T16:59:59.999Z' },
      { month: '2027-03', asOf: '2027-03-10T05:00:00.000Z' },
    ]);
  });

  it('counts a month as begun from its first midnight in Vietnam, which is the evening before in UTC', () => {
    expect(monthEnds(2027, new Date('2027-03-31T17:00:00.000Z')).map((m) => m.month)).toContain('2027-04');
    expect(monthEnds(2027, new Date('2027-03-31T16:59:59.999Z')).map((m) => m.month)).not.toContain(
      '2027-04',
    );
  });

  it('has no month before the plan year and twelve after it', () => {
    expect(monthEnds(2027, new Date('2026-11-22T00:00:00.000Z'))).toEqual([]);
    const after = monthEnds(2027, new Date('2028-06-01T00:00:00.000Z'));
    expect(after).toHaveLength(12);
    expect(after.at(-1)).toEqual({ month: '2027-12', asOf: '2027-12-31T16:59:59.999Z' });
  });
});
