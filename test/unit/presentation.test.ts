import { describe, expect, it } from 'vitest';
import {
  formatDate,
  formatDateInText,
  formatDateTime,
  formatDateTimeInText,
  formatDeadline,
  formatPercent,
  formatPeriod,
  formatPeriodLabel,
  formatReportPeriod,
  formatTimeLeft,
  parseDate,
  readDeadline,
  timeLeft,
} from '../../apps/presentation/index.js';

// Vietnam is UTC+7 all year: 2027-12-24T00:00+07:00 is 2027-12-23T17:00Z.
const at = (local: string) => Date.parse(`${local}+07:00`);

describe('a deadline as people read it', () => {
  it('is the last day, not the midnight that ends it', () => {
    expect(readDeadline('2027-12-23T17:00:00.000Z')).toEqual({ lastDay: '2027-12-23' });
    expect(formatDeadline('2027-12-23T17:00:00.000Z')).toBe('23/12/2027');
    // New year's eve: the midnight after 31/12 is in the next year.
    expect(formatDeadline('2027-12-31T17:00:00.000Z')).toBe('31/12/2027');
  });

  it('keeps the time of day the plan gives', () => {
    expect(readDeadline('2027-12-23T08:05:00.000Z')).toEqual({ lastDay: '2027-12-23', time: '15:05' });
    expect(formatDeadline('2027-12-23T08:05:00.000Z')).toBe('15:05 ngày 23/12/2027');
    expect(formatDeadline('2027-12-23T08:05:00.000Z', 'en')).toBe('15:05, 23/12/2027');
    expect(formatDeadline(null)).toBe('—');
  });
});

describe('how long is left', () => {
  const due = '2027-03-20T17:00:00.000Z'; // the end of 20/03/2027

  it('counts calendar days up to the last day', () => {
    expect(timeLeft(due, at('2027-03-17T09:00:00'))).toMatchObject({ urgency: 'upcoming', days: 3 });
    expect(formatTimeLeft(due, at('2027-03-19T23:30:00'))).toBe('Còn 1 ngày');
  });

  it('speaks in hours and minutes on the last day', () => {
    expect(formatTimeLeft(due, at('2027-03-20T09:00:00'))).toBe('Hạn hôm nay, còn 15 giờ');
    expect(formatTimeLeft(due, at('2027-03-20T23:20:00'))).toBe('Hạn hôm nay, còn 40 phút');
    // Due today at 15:05: at 14:00 it is not "1 day left", at 16:10 it is not "0 days overdue".
    const at1505 = '2027-03-20T08:05:00.000Z';
    expect(formatTimeLeft(at1505, at('2027-03-20T14:00:00'))).toBe('Hạn hôm nay, còn 1 giờ');
    expect(formatTimeLeft(at1505, at('2027-03-20T16:10:00'))).toBe('Quá hạn 1 giờ');
    expect(formatTimeLeft(at1505, at('2027-03-20T15:30:00'), 'en')).toBe('25 min overdue');
  });

  it('never says overdue by 0 days', () => {
    expect(formatTimeLeft(due, at('2027-03-21T00:00:00'))).toBe('Quá hạn 1 phút');
    expect(formatTimeLeft(due, at('2027-03-21T10:00:00'))).toBe('Quá hạn 10 giờ');
    expect(formatTimeLeft(due, at('2027-03-22T00:30:00'))).toBe('Quá hạn 2 ngày');
    expect(formatTimeLeft(due, at('2027-03-25T12:00:00'), 'en')).toBe('5 days overdue');
  });
});

describe('dates and numbers', () => {
  it('writes dd/mm/yyyy in Vietnam time whatever the language', () => {
    expect(formatDate('2027-03-05')).toBe('05/03/2027');
    expect(formatDate('2027-03-04T18:00:00.000Z')).toBe('05/03/2027');
    expect(formatDateTime('2027-03-04T18:00:00.000Z')).toBe('01:00 ngày 05/03/2027');
    expect(formatDateTime('2027-03-04T18:00:00.000Z', 'en')).toBe('01:00, 05/03/2027');
    expect(formatPeriod('2027-02-15', '2027-03-14')).toBe('15/02 – 14/03/2027');
    expect(formatPeriod('2027-12-15', '2028-01-14')).toBe('15/12/2027 – 14/01/2028');
  });

  it('writes a percentage once, with a decimal comma in Vietnamese', () => {
    expect(formatPercent(85.5)).toBe('85,5 %');
    expect(formatPercent(100)).toBe('100 %');
    expect(formatPercent(85.5, 'en')).toBe('85.5 %');
    expect(formatPercent(null)).toBe('—');
  });
});

describe('report periods', () => {
  it('names a period as officials do, with the days its figures cover', () => {
    expect(formatPeriodLabel('2027-03')).toBe('Tháng 3/2027');
    expect(formatPeriodLabel('2027-Q1')).toBe('Quý I/2027');
    expect(formatPeriodLabel('2027-Q4')).toBe('Quý IV/2027');
    expect(formatPeriodLabel('2027-H1')).toBe('6 tháng đầu năm 2027');
    expect(formatPeriodLabel('2027-H2')).toBe('6 tháng cuối năm 2027');
    expect(formatPeriodLabel('2027')).toBe('Năm 2027');
    expect(formatPeriodLabel('2027-Q2', 'en')).toBe('Q2 2027');
    expect(formatPeriodLabel('2027-W05')).toBe('2027-W05');
    expect(formatReportPeriod('2027-03', '2027-02-15', '2027-03-14')).toBe(
      'Tháng 3/2027 (15/02 – 14/03/2027)',
    );
    expect(formatReportPeriod('2027-Q1', '2026-12-15', '2027-03-14')).toBe(
      'Quý I/2027 (15/12/2026 – 14/03/2027)',
    );
  });
});

describe('a date typed by a person', () => {
  it('reads day first, whatever the separator, and writes yyyy-mm-dd', () => {
    expect(parseDate('05/03/2027')).toBe('2027-03-05');
    expect(parseDate('5/3/2027')).toBe('2027-03-05');
    expect(parseDate(' 31-12-2027 ')).toBe('2027-12-31');
    expect(parseDate('29.02.2028')).toBe('2028-02-29');
    expect(formatDate(parseDate('05/03/2027'))).toBe('05/03/2027');
  });

  it('refuses what is not a day of the calendar, and the month-first order', () => {
    for (const t of [
      '',
      '2027-03-05',
      '03/31/2027',
      '29/02/2027',
      '00/01/2027',
      '5/13/2027',
      '05/03/27',
      'hôm nay',
    ])
      expect(parseDate(t), t).toBeNull();
  });
});

describe('dates inside a sentence', () => {
  it('are dd/mm/yyyy in Vietnamese and "3 December 2026" in English, in Vietnam\'s time', () => {
    expect(formatDateInText('2026-12-03')).toBe('03/12/2026');
    expect(formatDateInText('2026-12-03', 'en')).toBe('3 December 2026');
    expect(formatDateInText('2027-02-28T17:30:00Z', 'en')).toBe('1 March 2027');
    expect(formatDateInText(null, 'en')).toBe('—');
    expect(formatDateTimeInText('2027-03-08T01:00:00Z')).toBe('08:00 ngày 08/03/2027');
    expect(formatDateTimeInText('2027-03-08T01:00:00Z', 'en')).toBe('08:00 on 8 March 2027');
  });
});
