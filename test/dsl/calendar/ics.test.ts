import { describe, expect, it } from 'vitest';
import { buildCalendar, createWorkingCalendar } from '../../../dsl/calendar/calendar.js';
import { IcsImportError, overridesToIcs, parseIcsOverrides } from '../../../dsl/calendar/ics.js';
import { VIETNAM_OVERRIDES } from '../../../dsl/calendar/overrides.js';

const crlf = (lines: string[]): string => `${lines.join('\r\n')}\r\n`;

const ANNOUNCEMENT_2027 = crlf([
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//UBND tinh//Lich nghi//VI',
  'BEGIN:VTIMEZONE',
  'TZID:Asia/Ho_Chi_Minh',
  'BEGIN:STANDARD',
  'DTSTART:19700101T000000',
  'TZOFFSETFROM:+0700',
  'TZOFFSETTO:+0700',
  'END:STANDARD',
  'END:VTIMEZONE',
  'BEGIN:VEVENT',
  'UID:tet-2027@example.vn',
  'DTSTAMP:20261101T000000Z',
  'DTSTART;VALUE=DATE:20270205',
  'DTEND;VALUE=DATE:20270215',
  'SUMMARY:Nghỉ Tết Nguyên đán Đinh Mùi',
  'X-DONDOC-NAME-EN:Lunar New Year break',
  'X-DONDOC-REPLACES:tet',
  'CATEGORIES:DAY-OFF',
  // A folded line: the continuation starts with one space, which is dropped.
  'DESCRIPTION:Thông báo nghỉ Tết năm 2027\\, áp dụng cho cán bộ\\, công chức',
  '  và viên chức.',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:lam-bu-2027@example.vn',
  'DTSTAMP:20261101T000000Z',
  'DTSTART;VALUE=DATE:20270220',
  'SUMMARY:Làm bù cho ngày 05/02/2027',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:swap-2027@example.vn',
  'DTSTAMP:20261101T000000Z',
  'DTSTART;VALUE=DATE:20270503',
  'DURATION:P1D',
  'SUMMARY:Nghỉ hoán đổi',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:family-day@example.vn',
  'DTSTAMP:20261101T000000Z',
  'DTSTART;VALUE=DATE:20270628',
  'DTEND;VALUE=DATE:20270629',
  'RRULE:FREQ=YEARLY;UNTIL=20290628',
  'CATEGORIES:HOLIDAY,DAY-OFF',
  'SUMMARY:Ngày nghỉ thử nghiệm',
  'X-DONDOC-KEY:trialDay',
  'X-DONDOC-COMPENSATE:FALSE',
  'END:VEVENT',
  'END:VCALENDAR',
]);

describe('ICS import', () => {
  it('reads days off, working days, spans and yearly holidays', () => {
    expect(parseIcsOverrides(ANNOUNCEMENT_2027)).toEqual([
      {
        kind: 'dayOff',
        from: '2027-02-05',
        to: '2027-02-14',
        replaces: 'tet',
        name: { vi: 'Nghỉ Tết Nguyên đán Đinh Mùi', en: 'Lunar New Year break' },
        source: 'Thông báo nghỉ Tết năm 2027, áp dụng cho cán bộ, công chức và viên chức.',
      },
      {
        kind: 'workingDay',
        date: '2027-02-20',
        name: { vi: 'Làm bù cho ngày 05/02/2027', en: 'Làm bù cho ngày 05/02/2027' },
      },
      {
        kind: 'dayOff',
        from: '2027-05-03',
        name: { vi: 'Nghỉ hoán đổi', en: 'Nghỉ hoán đổi' },
      },
      {
        kind: 'holiday',
        key: 'trialDay',
        month: 6,
        day: 28,
        fromYear: 2027,
        toYear: 2029,
        compensate: false,
        name: { vi: 'Ngày nghỉ thử nghiệm', en: 'Ngày nghỉ thử nghiệm' },
      },
    ]);
  });

  it('feeds the calendar', () => {
    const overrides = parseIcsOverrides(ANNOUNCEMENT_2027);
    const calendar = buildCalendar({ from: '2027-01-01', to: '2030-12-31', overrides });
    expect(calendar.nonWorking.filter((d) => d.startsWith('2027-02'))).toEqual([
      '2027-02-05',
      '2027-02-08',
      '2027-02-09',
      '2027-02-10',
      '2027-02-11',
      '2027-02-12',
    ]);
    expect(calendar.workingSaturdays).toEqual(['2027-02-20']);
    expect(calendar.nonWorking).toContain('2027-05-03');
    expect(calendar.nonWorking).toContain('2028-06-28');
    expect(calendar.nonWorking).not.toContain('2030-06-28');
  });

  it('normalises Vietnamese text to NFC', () => {
    const decomposed = 'Nghỉ Tết'.normalize('NFD');
    const ics = crlf([
      'BEGIN:VCALENDAR',
      'BEGIN:VEVENT',
      'DTSTART;VALUE=DATE:20270101',
      `SUMMARY:${decomposed}`,
      'END:VEVENT',
      'END:VCALENDAR',
    ]);
    const [override] = parseIcsOverrides(ics);
    expect(override).toMatchObject({ name: { vi: 'Nghỉ Tết'.normalize('NFC') } });
  });

  it('round-trips the bundled override data', () => {
    const ics = overridesToIcs(VIETNAM_OVERRIDES);
    for (const line of ics.split('\r\n'))
      expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(parseIcsOverrides(ics)).toEqual(VIETNAM_OVERRIDES);
    const viaIcs = createWorkingCalendar({ overrides: parseIcsOverrides(ics) });
    const direct = createWorkingCalendar();
    expect(viaIcs.nonWorkingDays('2024-01-01', '2027-12-31')).toEqual(
      direct.nonWorkingDays('2024-01-01', '2027-12-31'),
    );
  });

  it('reports every problem with its line', () => {
    const bad = crlf([
      'BEGIN:VCALENDAR',
      'BEGIN:VEVENT',
      'DTSTART:20270205T080000Z',
      'SUMMARY:Họp',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'DTSTART;VALUE=DATE:20270205',
      'DTEND;VALUE=DATE:20270205',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'DTSTART;VALUE=DATE:20270205',
      'RRULE:FREQ=MONTHLY',
      'END:VEVENT',
      'END:VCALENDAR',
    ]);
    let error: unknown;
    try {
      parseIcsOverrides(bad);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(IcsImportError);
    expect((error as IcsImportError).issues.map((i) => i.line)).toEqual([3, 8, 12]);
    expect((error as IcsImportError).message).toMatch(/all-day/);
    expect(() => parseIcsOverrides('hello')).toThrow(IcsImportError);
  });
});
