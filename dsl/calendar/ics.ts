// Override data as iCalendar (RFC 5545), so offices can keep the yearly announcements in any calendar
// application and import them. Conventions (see docs/calendar.md):
//  - all-day VEVENTs only: DTSTART;VALUE=DATE and DTEND;VALUE=DATE (exclusive) or DURATION:PnD/PnW;
//  - CATEGORIES DAY-OFF (or NGHI) marks days off, WORKING-DAY (or LAM-BU) marks working days; without
//    either, a SUMMARY starting "Làm bù" or "Đi làm" means working days and anything else days off;
//  - SUMMARY is the Vietnamese name, X-DONDOC-NAME-EN the English one, DESCRIPTION the source;
//  - X-DONDOC-REPLACES:<holiday key> makes a day-off span replace that holiday's computed days;
//  - RRULE:FREQ=YEARLY on a one-day DAY-OFF event is a holiday added by law (UNTIL or COUNT bound it);
//    X-DONDOC-KEY names it and X-DONDOC-COMPENSATE:FALSE turns off weekend compensation.
// A small hand-written parser: the subset needed is tiny and libraries bring recurrence engines and
// time-zone databases the calendar does not use.

import { type HolidayName } from './holidays.js';
import { addDays, eachDate, formatLocalDate, isLocalDate, type LocalDate } from './local-date.js';
import { type CalendarOverride, parseCalendarOverrides } from './overrides.js';

export interface IcsIssue {
  /** 1-based line of the (unfolded) content line where the problem was found. */
  readonly line: number;
  readonly message: string;
}

export class IcsImportError extends Error {
  constructor(readonly issues: readonly IcsIssue[]) {
    super(
      `Cannot import the ICS calendar:\n${issues.map((i) => `  line ${i.line}: ${i.message}`).join('\n')}`,
    );
    this.name = 'IcsImportError';
  }
}

interface ContentLine {
  readonly line: number;
  readonly name: string;
  readonly params: ReadonlyMap<string, string>;
  readonly value: string;
}

/** Joins folded lines (a line break followed by a space or tab continues the line). */
function unfold(text: string): Array<{ line: number; text: string }> {
  const physical = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const lines: Array<{ line: number; text: string }> = [];
  physical.forEach((raw, index) => {
    if ((raw.startsWith(' ') || raw.startsWith('\t')) && lines.length > 0) {
      lines[lines.length - 1]!.text += raw.slice(1);
    } else if (raw.trim() !== '') {
      lines.push({ line: index + 1, text: raw });
    }
  });
  return lines;
}

function parseContentLine(line: number, text: string): ContentLine | IcsIssue {
  // name *(";" param) ":" value — parameter values may be quoted and contain ':' or ';'.
  const params = new Map<string, string>();
  let i = 0;
  const nameMatch = /^[A-Za-z0-9-]+/.exec(text);
  if (!nameMatch) return { line, message: `not a content line: ${text}` };
  const name = nameMatch[0].toUpperCase();
  i = name.length;
  while (text[i] === ';') {
    const eq = text.indexOf('=', i);
    if (eq < 0) return { line, message: `bad parameter in: ${text}` };
    const paramName = text.slice(i + 1, eq).toUpperCase();
    let j = eq + 1;
    let value = '';
    if (text[j] === '"') {
      const close = text.indexOf('"', j + 1);
      if (close < 0) return { line, message: `unclosed quote in: ${text}` };
      value = text.slice(j + 1, close);
      j = close + 1;
    } else {
      while (j < text.length && text[j] !== ';' && text[j] !== ':') j++;
      value = text.slice(eq + 1, j);
    }
    params.set(paramName, value);
    i = j;
  }
  if (text[i] !== ':') return { line, message: `missing ':' in: ${text}` };
  return { line, name, params, value: text.slice(i + 1) };
}

function unescapeText(value: string): string {
  return value
    .replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c))
    .normalize('NFC');
}

export function escapeIcsText(value: string): string {
  return value.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r?\n/g, '\\n');
}

function parseIcsDate(value: string): LocalDate | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  if (!m) return undefined;
  const date = `${m[1]}-${m[2]}-${m[3]}`;
  return isLocalDate(date) ? date : undefined;
}

function splitList(value: string): string[] {
  return value
    .split(/(?<!\\),/)
    .map((part) => unescapeText(part).trim())
    .filter((part) => part !== '');
}

const DAY_OFF_CATEGORIES = new Set(['DAY-OFF', 'NGHI', 'NGHỈ']);
const WORKING_DAY_CATEGORIES = new Set(['WORKING-DAY', 'LAM-BU', 'LÀM-BÙ']);

function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function eventToOverrides(
  props: readonly ContentLine[],
  beginLine: number,
  issues: IcsIssue[],
): CalendarOverride[] {
  const first = (name: string): ContentLine | undefined => props.find((p) => p.name === name);
  const fail = (line: number, message: string): CalendarOverride[] => {
    issues.push({ line, message });
    return [];
  };

  const dtstart = first('DTSTART');
  if (!dtstart) return fail(beginLine, 'VEVENT without DTSTART');
  const start = parseIcsDate(dtstart.value);
  if (!start)
    return fail(dtstart.line, `DTSTART must be an all-day date (VALUE=DATE:YYYYMMDD), got ${dtstart.value}`);

  let endExclusive = addDays(start, 1);
  const dtend = first('DTEND');
  const duration = first('DURATION');
  if (dtend) {
    const end = parseIcsDate(dtend.value);
    if (!end)
      return fail(dtend.line, `DTEND must be an all-day date (VALUE=DATE:YYYYMMDD), got ${dtend.value}`);
    if (end <= start) return fail(dtend.line, 'DTEND must be after DTSTART (it is exclusive)');
    endExclusive = end;
  } else if (duration) {
    const m = /^P(\d+)([DW])$/.exec(duration.value);
    if (!m)
      return fail(duration.line, `only whole-day durations (PnD, PnW) are accepted, got ${duration.value}`);
    const days = Number(m[1]) * (m[2] === 'W' ? 7 : 1);
    if (days < 1) return fail(duration.line, 'DURATION must be at least one day');
    endExclusive = addDays(start, days);
  }
  const last = addDays(endExclusive, -1);

  const summaryLine = first('SUMMARY');
  const summary = summaryLine ? unescapeText(summaryLine.value).trim() : '';
  const englishLine = first('X-DONDOC-NAME-EN');
  const english = englishLine ? unescapeText(englishLine.value).trim() : '';
  const descriptionLine = first('DESCRIPTION');
  const source = descriptionLine ? unescapeText(descriptionLine.value).trim() : undefined;

  const categories = props
    .filter((p) => p.name === 'CATEGORIES')
    .flatMap((p) => splitList(p.value).map((c) => c.toUpperCase()));
  const saysDayOff = categories.some((c) => DAY_OFF_CATEGORIES.has(c));
  const saysWorking = categories.some((c) => WORKING_DAY_CATEGORIES.has(c));
  if (saysDayOff && saysWorking) return fail(beginLine, 'VEVENT is both DAY-OFF and WORKING-DAY');
  const working = saysWorking || (!saysDayOff && /^(làm bù|đi làm)/iu.test(summary));

  const fallbackName = working ? 'Ngày làm việc' : 'Ngày nghỉ';
  const name: HolidayName = {
    vi: summary || fallbackName,
    en: english || summary || (working ? 'Working day' : 'Day off'),
  };
  const withSource = source ? { source } : {};

  const rrule = first('RRULE');
  if (rrule) {
    const parts = new Map(
      rrule.value.split(';').map((p) => {
        const [k, v = ''] = p.split('=');
        return [k!.toUpperCase(), v] as const;
      }),
    );
    if (
      parts.get('FREQ') !== 'YEARLY' ||
      [...parts.keys()].some((k) => !['FREQ', 'UNTIL', 'COUNT', 'INTERVAL'].includes(k))
    ) {
      return fail(
        rrule.line,
        `only RRULE:FREQ=YEARLY (with UNTIL or COUNT) is understood, got ${rrule.value}`,
      );
    }
    if ((parts.get('INTERVAL') ?? '1') !== '1')
      return fail(rrule.line, 'yearly holidays must recur every year (INTERVAL=1)');
    if (working)
      return fail(rrule.line, 'a recurring event must be a day off (a holiday), not a working day');
    if (last !== start) return fail(rrule.line, 'a recurring holiday must last one day');
    const fromYear = Number(start.slice(0, 4));
    let toYear: number | undefined;
    const until = parts.get('UNTIL');
    const count = parts.get('COUNT');
    if (until) {
      const untilDate = parseIcsDate(until.slice(0, 8));
      if (!untilDate) return fail(rrule.line, `bad UNTIL in ${rrule.value}`);
      toYear = Number(untilDate.slice(0, 4)) - (untilDate.slice(5) < start.slice(5) ? 1 : 0);
    } else if (count) {
      if (!/^[1-9]\d*$/.test(count)) return fail(rrule.line, `bad COUNT in ${rrule.value}`);
      toYear = fromYear + Number(count) - 1;
    }
    const keyLine = first('X-DONDOC-KEY');
    const uid = first('UID');
    const key =
      keyLine?.value.trim() || slug(summary) || (uid ? slug(uid.value) : '') || `holiday-${start.slice(5)}`;
    const compensateLine = first('X-DONDOC-COMPENSATE');
    return [
      {
        kind: 'holiday',
        key,
        month: Number(start.slice(5, 7)),
        day: Number(start.slice(8, 10)),
        fromYear,
        ...(toYear !== undefined ? { toYear } : {}),
        name,
        compensate: compensateLine ? compensateLine.value.trim().toUpperCase() !== 'FALSE' : true,
        ...withSource,
      },
    ];
  }

  if (working) {
    return eachDate(start, last).map((date) => ({ kind: 'workingDay' as const, date, name, ...withSource }));
  }
  const replaces = first('X-DONDOC-REPLACES')?.value.trim();
  return [
    {
      kind: 'dayOff',
      from: start,
      ...(last !== start ? { to: last } : {}),
      name,
      ...(replaces ? { replaces } : {}),
      ...withSource,
    },
  ];
}

/**
 * Reads calendar overrides from iCalendar text. Throws IcsImportError listing every problem found,
 * so a whole file can be fixed in one go.
 */
export function parseIcsOverrides(ics: string): CalendarOverride[] {
  const issues: IcsIssue[] = [];
  const overrides: CalendarOverride[] = [];
  const stack: string[] = [];
  let event: ContentLine[] | undefined;
  let eventLine = 0;
  let sawCalendar = false;

  for (const { line, text } of unfold(ics)) {
    const parsed = parseContentLine(line, text);
    if (!('name' in parsed)) {
      issues.push(parsed);
      continue;
    }
    const value = parsed.value.trim().toUpperCase();
    if (parsed.name === 'BEGIN') {
      stack.push(value);
      if (value === 'VCALENDAR') sawCalendar = true;
      if (value === 'VEVENT') {
        event = [];
        eventLine = line;
      }
    } else if (parsed.name === 'END') {
      if (stack.pop() !== value)
        issues.push({ line, message: `END:${value} does not close the open component` });
      if (value === 'VEVENT' && event) {
        overrides.push(...eventToOverrides(event, eventLine, issues));
        event = undefined;
      }
    } else if (event && stack[stack.length - 1] === 'VEVENT') {
      event.push(parsed);
    }
  }
  if (!sawCalendar) issues.push({ line: 1, message: 'no BEGIN:VCALENDAR found' });
  if (stack.length > 0) issues.push({ line: 0, message: `unclosed component ${stack[stack.length - 1]}` });
  if (issues.length > 0) throw new IcsImportError(issues);
  return parseCalendarOverrides(overrides);
}

const encoder = new TextEncoder();

/** Folds a content line at 75 octets without splitting a UTF-8 character. */
export function foldIcsLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let size = 0;
  for (const ch of line) {
    const bytes = encoder.encode(ch).length;
    const limit = parts.length === 0 ? 75 : 74; // continuation lines start with a space
    if (size + bytes > limit) {
      parts.push(current);
      current = '';
      size = 0;
    }
    current += ch;
    size += bytes;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

function icsDate(date: LocalDate): string {
  return date.replaceAll('-', '');
}

/**
 * Writes overrides as iCalendar text that parseIcsOverrides reads back unchanged. `stamp` fills the
 * required DTSTAMP (UTC, 'YYYYMMDDTHHMMSSZ') so the output is reproducible.
 */
export function overridesToIcs(overrides: readonly CalendarOverride[], stamp = '20000101T000000Z'): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Don Doc//Working calendar//VI',
    'CALSCALE:GREGORIAN',
  ];
  overrides.forEach((o, index) => {
    lines.push('BEGIN:VEVENT', `UID:${index + 1}-${o.kind}@dondoc`, `DTSTAMP:${stamp}`);
    if (o.kind === 'workingDay') {
      lines.push(`DTSTART;VALUE=DATE:${icsDate(o.date)}`, `DTEND;VALUE=DATE:${icsDate(addDays(o.date, 1))}`);
      lines.push('CATEGORIES:WORKING-DAY');
    } else if (o.kind === 'dayOff') {
      lines.push(
        `DTSTART;VALUE=DATE:${icsDate(o.from)}`,
        `DTEND;VALUE=DATE:${icsDate(addDays(o.to ?? o.from, 1))}`,
      );
      lines.push('CATEGORIES:DAY-OFF');
      if (o.replaces) lines.push(`X-DONDOC-REPLACES:${o.replaces}`);
    } else {
      const start = formatLocalDate(o.fromYear, o.month, o.day);
      lines.push(`DTSTART;VALUE=DATE:${icsDate(start)}`, `DTEND;VALUE=DATE:${icsDate(addDays(start, 1))}`);
      lines.push(
        o.toYear === undefined ? 'RRULE:FREQ=YEARLY' : `RRULE:FREQ=YEARLY;COUNT=${o.toYear - o.fromYear + 1}`,
      );
      lines.push('CATEGORIES:DAY-OFF', `X-DONDOC-KEY:${o.key}`);
      if (o.compensate === false) lines.push('X-DONDOC-COMPENSATE:FALSE');
    }
    if (o.name)
      lines.push(`SUMMARY:${escapeIcsText(o.name.vi)}`, `X-DONDOC-NAME-EN:${escapeIcsText(o.name.en)}`);
    if (o.source) lines.push(`DESCRIPTION:${escapeIcsText(o.source)}`);
    lines.push('END:VEVENT');
  });
  lines.push('END:VCALENDAR');
  return `${lines.map(foldIcsLine).join('\r\n')}\r\n`;
}
