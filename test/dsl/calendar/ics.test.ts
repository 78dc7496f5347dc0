import { describe, expect, it } from 'vitest';
import { buildCalendar, createWorkingCalendar } from '../../../dsl/calendar/calendar.js';
import { IcsImportError, overridesToIcs, parseIcsOverrides } from '../../../dsl/calendar/ics.js';
import { writeIcs } from '../../../dsl/calendar/ics-writer.js';
import { parseCalendarOverrides, VIETNAM_OVERRIDES } from '../../../dsl/calendar/overrides.js';

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

  const issuesOf = (ics: string): string[] => {
    try {
      parseIcsOverrides(ics);
    } catch (e) {
      if (e instanceof IcsImportError) return e.issues.map((i) => `${i.line}: ${i.message}`);
      throw e;
    }
    return [];
  };

  it('gives the line of a content line the reader cannot read, and of components that do not nest', () => {
    expect(
      issuesOf(
        crlf([
          'BEGIN:VCALENDAR',
          'BEGIN:VEVENT',
          'DTSTART;VALUE=DATE:20270101',
          'X;Y:1',
          'END:VEVENT',
          'END:VCALENDAR',
        ]),
      ),
    ).toEqual([expect.stringMatching(/^4: .*parameters/)]);
    expect(
      issuesOf(
        crlf([
          'BEGIN:VCALENDAR',
          'BEGIN:VEVENT',
          'DTSTART;VALUE=DATE:20270101',
          'RRULE:FREQ=FOO',
          'END:VEVENT',
          'END:VCALENDAR',
        ]),
      ),
    ).toEqual([expect.stringMatching(/^4: .*frequency/)]);
    expect(issuesOf(crlf(['BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'END:VCALENDAR']))).toEqual([
      '3: END:VCALENDAR does not close the open component',
      '0: unclosed component VCALENDAR',
    ]);
    expect(issuesOf('hello')).toEqual([expect.stringMatching(/^1: /)]);
    expect(issuesOf('')).toEqual(['1: no BEGIN:VCALENDAR found']);
  });

  it('refuses what the conventions do not cover, each at its line', () => {
    const ics = crlf([
      'BEGIN:VCALENDAR',
      'BEGIN:VEVENT',
      'DTSTART;VALUE=DATE:20270231', // no 31 February, whatever a reader would roll it over to
      'END:VEVENT',
      'BEGIN:VEVENT',
      'SUMMARY:Nghỉ',
      'DTSTART;VALUE=DATE:20270101',
      'RRULE:FREQ=YEARLY;BYDAY=MO',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'DTSTART;VALUE=DATE:20270101',
      'DURATION:PT3H',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'DTSTART;VALUE=DATE:20270101',
      'RRULE:FREQ=YEARLY;COUNT=0',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'DTSTART;VALUE=DATE:20270101',
      'CATEGORIES:DAY-OFF,LAM-BU',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'SUMMARY:Không có ngày',
      'END:VEVENT',
      'END:VCALENDAR',
    ]);
    expect(issuesOf(ics)).toEqual([
      '3: DTSTART must be an all-day date (VALUE=DATE:YYYYMMDD), got DTSTART;VALUE=DATE:20270231',
      '8: only RRULE:FREQ=YEARLY (with UNTIL or COUNT) is understood, got RRULE:FREQ=YEARLY;BYDAY=MO',
      '12: only whole-day durations (PnD, PnW) are accepted, got DURATION:PT3H',
      '16: bad COUNT in RRULE:FREQ=YEARLY;COUNT=0',
      '18: VEVENT is both DAY-OFF and WORKING-DAY',
      '22: VEVENT without DTSTART',
    ]);
  });

  it('reads a byte order mark, bare CR or LF line ends, an alarm inside an event and text escapes in X- properties', () => {
    const ics = `\uFEFF${[
      'BEGIN:VCALENDAR',
      'BEGIN:VEVENT',
      'DTSTART;VALUE=DATE:20270503',
      'DURATION:P1W',
      'SUMMARY:Nghỉ hè',
      'X-DONDOC-NAME-EN:Summer\\, one week\\; trial',
      'BEGIN:VALARM',
      'ACTION:DISPLAY',
      'TRIGGER:-PT24H',
      'DESCRIPTION:Nhắc',
      'END:VALARM',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\r')}\r`;
    const expected = [
      {
        kind: 'dayOff',
        from: '2027-05-03',
        to: '2027-05-09',
        name: { vi: 'Nghỉ hè', en: 'Summer, one week; trial' },
      },
    ];
    expect(parseIcsOverrides(ics)).toEqual(expected);
    expect(parseIcsOverrides(ics.replaceAll('\r', '\n'))).toEqual(expected);
  });

  it('writes names and sources with commas, semicolons and line breaks so that they read back', () => {
    const overrides = parseCalendarOverrides([
      {
        kind: 'dayOff',
        from: '2027-05-03',
        name: { vi: 'Nghỉ; thử, nghiệm', en: 'Trial; day, off' },
        source: 'Công văn 1\nđiều 2; khoản 3, điểm a \\ b',
      },
    ]);
    const ics = overridesToIcs(overrides, '2026-11-01T00:00:00Z');
    expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics).toContain('DTSTAMP:20261101T000000Z\r\n');
    expect(parseIcsOverrides(ics)).toEqual(overrides);
  });
});

describe('ICS writer', () => {
  it('writes all-day dates and instants whatever the host time zone', () => {
    const saved = process.env.TZ;
    process.env.TZ = 'America/New_York'; // a local midnight there is 05:00 UTC, a day-shift trap
    try {
      const ics = writeIcs({
        prodId: { company: 'Dondoc', product: 'Test', language: 'VI' },
        timeZone: 'Asia/Ho_Chi_Minh',
        events: [
          { uid: 'a@dondoc', when: { date: '2027-03-31' }, summary: 'Hạn', stamp: '2027-01-04T00:00:00Z' },
          { uid: 'b@dondoc', when: { instant: '2027-03-31T01:00:00.000Z' }, alarmBeforeSeconds: 86400 },
        ],
      });
      expect(ics).toContain('\r\nDTSTART;VALUE=DATE:20270331\r\n');
      expect(ics).toContain('\r\nDTSTAMP:20270104T000000Z\r\n');
      expect(ics).toContain('\r\nDTSTART:20270331T010000Z\r\n');
      expect(ics).toContain('\r\nTRIGGER:-P1D\r\n');
      expect(ics).toContain('\r\nX-WR-TIMEZONE:Asia/Ho_Chi_Minh\r\n');
      expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});
