// Override data as iCalendar (RFC 5545), so offices can keep the yearly announcements in any calendar
// application and import them. Conventions (see docs/calendar.md):
//  - all-day VEVENTs only: DTSTART;VALUE=DATE and DTEND;VALUE=DATE (exclusive) or DURATION:PnD/PnW;
//  - CATEGORIES DAY-OFF (or NGHI) marks days off, WORKING-DAY (or LAM-BU) marks working days; without
//    either, a SUMMARY starting "Làm bù" or "Đi làm" means working days and anything else days off;
//  - SUMMARY is the Vietnamese name, X-DONDOC-NAME-EN the English one, DESCRIPTION the source;
//  - X-DONDOC-REPLACES:<holiday key> makes a day-off span replace that holiday's computed days;
//  - RRULE:FREQ=YEARLY on a one-day DAY-OFF event is a holiday added by law (UNTIL or COUNT bound it);
//    X-DONDOC-KEY names it and X-DONDOC-COMPENSATE:FALSE turns off weekend compensation.
// ical.js reads the text (unfolding, parameters, escapes, value types); it keeps no line numbers, so a small
// index of the source's content lines gives each problem the line of the VEVENT or property it is about.

import ICAL from 'ical.js';
import { type HolidayName } from './holidays.js';
import { writeIcs, type IcsEvent } from './ics-writer.js';
import { addDays, eachDate, formatLocalDate, isLocalDate, type LocalDate } from './local-date.js';
import { type CalendarOverride, parseCalendarOverrides } from './overrides.js';

export interface IcsIssue {
  /** 1-based line of the (unfolded) content line where the problem was found; 0 for the end of the text. */
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
  /** 1-based line where the content line starts. */
  readonly line: number;
  /** The unfolded text. */
  readonly text: string;
  /** Lower case, as ical.js names properties and components. */
  readonly name: string;
}

/** Where a VEVENT and the first of each of its properties start in the source. */
interface EventLines {
  readonly begin: number;
  readonly properties: Map<string, number>;
}

/** The text as ical.js reads it: no byte order mark, and old Mac line ends read as line ends. */
function normalise(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

/** Content lines with the line each starts on (a line starting with a space or tab continues the previous one). */
function contentLines(text: string): ContentLine[] {
  const lines: Array<{ line: number; text: string }> = [];
  text.split('\n').forEach((raw, index) => {
    if ((raw.startsWith(' ') || raw.startsWith('\t')) && lines.length > 0) {
      lines[lines.length - 1]!.text += raw.slice(1);
    } else if (raw.trim() !== '') {
      lines.push({ line: index + 1, text: raw });
    }
  });
  return lines.map((l) => ({ ...l, name: /^[^:;]*/.exec(l.text)![0].trim().toLowerCase() }));
}

/**
 * The source lines of every VEVENT directly in a VCALENDAR, in document order (the order of ical.js's
 * components), and the nesting problems ical.js lets pass (an END that names another component) or reports
 * without naming the component.
 */
function indexEvents(lines: readonly ContentLine[]): { events: EventLines[]; issues: IcsIssue[] } {
  const events: EventLines[] = [];
  const issues: IcsIssue[] = [];
  const stack: string[] = [];
  let event: EventLines | undefined;
  for (const { line, text, name } of lines) {
    const component = text
      .slice(text.indexOf(':') + 1)
      .trim()
      .toLowerCase();
    if (name === 'begin') {
      if (component === 'vevent' && stack[stack.length - 1] === 'vcalendar') {
        event = { begin: line, properties: new Map() };
        events.push(event);
      }
      stack.push(component);
    } else if (name === 'end') {
      if (stack.pop() !== component)
        issues.push({ line, message: `END:${component.toUpperCase()} does not close the open component` });
      if (component === 'vevent') event = undefined;
    } else if (event && stack[stack.length - 1] === 'vevent' && !event.properties.has(name)) {
      event.properties.set(name, line);
    }
  }
  if (stack.length > 0)
    issues.push({ line: 0, message: `unclosed component ${stack[stack.length - 1]!.toUpperCase()}` });
  return { events, issues };
}

/**
 * ical.js stops at the first line it cannot read and does not say where: the line is the first content line
 * that ical.js cannot read on its own.
 */
function lineOfParseError(lines: readonly ContentLine[], error: unknown): IcsIssue {
  const message = error instanceof Error ? error.message : String(error);
  for (const { line, text, name } of lines) {
    if (name === 'begin' || name === 'end') continue;
    try {
      ICAL.parse.property(text);
    } catch (lineError) {
      return { line, message: lineError instanceof Error ? lineError.message : message };
    }
  }
  return { line: 1, message };
}

// ical.js decodes the value types it knows; X- properties come back raw, so its TEXT decoder undoes their escapes.
const TEXT_VALUE = (
  ICAL.design.icalendar.value as unknown as Record<'text', { fromICAL(value: string): string }>
).text;

/** The raw jCal value: dates stay 'YYYY-MM-DD' strings as written, before ical.js normalises 31/02 to 03/03. */
function rawValue(property: ICAL.Property): unknown {
  return property.jCal[3];
}

function textOf(event: ICAL.Component, name: string): string | undefined {
  const property = event.getFirstProperty(name);
  if (!property) return undefined;
  const value = rawValue(property);
  const text = property.type === 'text' ? value : TEXT_VALUE.fromICAL(String(value ?? ''));
  return String(text ?? '')
    .normalize('NFC')
    .trim();
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

/** An all-day date property ('YYYY-MM-DD'), or why it is not one. */
function dateOf(property: ICAL.Property): LocalDate | string {
  const value = rawValue(property);
  if (property.type === 'date' && typeof value === 'string' && isLocalDate(value)) return value;
  return `${property.name.toUpperCase()} must be an all-day date (VALUE=DATE:YYYYMMDD), got ${property.toICALString()}`;
}

/** The length in days of a DURATION, or why it is not a whole number of days. */
function daysOf(property: ICAL.Property): number | string {
  const whole = `only whole-day durations (PnD, PnW) are accepted, got ${property.toICALString()}`;
  let duration: ICAL.Duration;
  try {
    duration = property.getFirstValue() as ICAL.Duration;
  } catch {
    return whole;
  }
  if (duration.isNegative || duration.hours || duration.minutes || duration.seconds) return whole;
  const days = duration.weeks * 7 + duration.days;
  return days >= 1 ? days : 'DURATION must be at least one day';
}

const RRULE_PARTS = new Set(['freq', 'until', 'count', 'interval']);

function eventToOverrides(event: ICAL.Component, lines: EventLines, issues: IcsIssue[]): CalendarOverride[] {
  const lineOf = (name: string): number => lines.properties.get(name) ?? lines.begin;
  const fail = (line: number, message: string): CalendarOverride[] => {
    issues.push({ line, message });
    return [];
  };

  const dtstart = event.getFirstProperty('dtstart');
  if (!dtstart) return fail(lines.begin, 'VEVENT without DTSTART');
  const start = dateOf(dtstart);
  if (!isLocalDate(start)) return fail(lineOf('dtstart'), start);

  let endExclusive = addDays(start, 1);
  const dtend = event.getFirstProperty('dtend');
  const duration = event.getFirstProperty('duration');
  if (dtend) {
    const end = dateOf(dtend);
    if (!isLocalDate(end)) return fail(lineOf('dtend'), end);
    if (end <= start) return fail(lineOf('dtend'), 'DTEND must be after DTSTART (it is exclusive)');
    endExclusive = end;
  } else if (duration) {
    const days = daysOf(duration);
    if (typeof days === 'string') return fail(lineOf('duration'), days);
    endExclusive = addDays(start, days);
  }
  const last = addDays(endExclusive, -1);

  const summary = textOf(event, 'summary') ?? '';
  const english = textOf(event, 'x-dondoc-name-en') ?? '';
  const source = textOf(event, 'description') || undefined;

  const categories = event
    .getAllProperties('categories')
    .flatMap((p) => p.getValues().map((c) => String(c).normalize('NFC').trim().toUpperCase()))
    .filter((c) => c !== '');
  const saysDayOff = categories.some((c) => DAY_OFF_CATEGORIES.has(c));
  const saysWorking = categories.some((c) => WORKING_DAY_CATEGORIES.has(c));
  if (saysDayOff && saysWorking) return fail(lines.begin, 'VEVENT is both DAY-OFF and WORKING-DAY');
  const working = saysWorking || (!saysDayOff && /^(làm bù|đi làm)/iu.test(summary));

  const fallbackName = working ? 'Ngày làm việc' : 'Ngày nghỉ';
  const name: HolidayName = {
    vi: summary || fallbackName,
    en: english || summary || (working ? 'Working day' : 'Day off'),
  };
  const withSource = source ? { source } : {};

  const rrule = event.getFirstProperty('rrule');
  if (rrule) {
    const line = lineOf('rrule');
    // The rule as ical.js read it (lower-case part names), before it fills in defaults.
    const parts = rawValue(rrule) as { freq?: string; until?: string; count?: number; interval?: number };
    const written = rrule.toICALString();
    if (parts.freq !== 'YEARLY' || Object.keys(parts).some((k) => !RRULE_PARTS.has(k)))
      return fail(line, `only RRULE:FREQ=YEARLY (with UNTIL or COUNT) is understood, got ${written}`);
    if ((parts.interval ?? 1) !== 1) return fail(line, 'yearly holidays must recur every year (INTERVAL=1)');
    if (working) return fail(line, 'a recurring event must be a day off (a holiday), not a working day');
    if (last !== start) return fail(line, 'a recurring holiday must last one day');
    const fromYear = Number(start.slice(0, 4));
    let toYear: number | undefined;
    if (parts.until !== undefined) {
      const untilDate = String(parts.until).slice(0, 10);
      if (!isLocalDate(untilDate)) return fail(line, `bad UNTIL in ${written}`);
      toYear = Number(untilDate.slice(0, 4)) - (untilDate.slice(5) < start.slice(5) ? 1 : 0);
    } else if (parts.count !== undefined) {
      if (!Number.isInteger(parts.count) || parts.count < 1) return fail(line, `bad COUNT in ${written}`);
      toYear = fromYear + parts.count - 1;
    }
    const uid = textOf(event, 'uid');
    const key =
      textOf(event, 'x-dondoc-key') || slug(summary) || (uid ? slug(uid) : '') || `holiday-${start.slice(5)}`;
    const compensate = textOf(event, 'x-dondoc-compensate');
    return [
      {
        kind: 'holiday',
        key,
        month: Number(start.slice(5, 7)),
        day: Number(start.slice(8, 10)),
        fromYear,
        ...(toYear !== undefined ? { toYear } : {}),
        name,
        compensate: compensate ? compensate.toUpperCase() !== 'FALSE' : true,
        ...withSource,
      },
    ];
  }

  if (working) {
    return eachDate(start, last).map((date) => ({ kind: 'workingDay' as const, date, name, ...withSource }));
  }
  const replaces = textOf(event, 'x-dondoc-replaces');
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

/** The jCal of each top-level component (ical.js gives one component alone, several as a list). */
function topLevel(jCal: unknown): unknown[][] {
  const list = jCal as unknown[];
  return typeof list[0] === 'string' ? [list] : (list as unknown[][]);
}

/**
 * Reads calendar overrides from iCalendar text. Throws IcsImportError listing every problem found,
 * so a whole file can be fixed in one go.
 */
export function parseIcsOverrides(ics: string): CalendarOverride[] {
  const text = normalise(ics);
  const lines = contentLines(text);
  const index = indexEvents(lines);
  if (index.issues.length > 0) {
    // Components that do not nest would pair VEVENTs with the wrong lines.
    throw new IcsImportError(index.issues);
  }
  let jCal: unknown;
  try {
    jCal = ICAL.parse(text);
  } catch (err) {
    throw new IcsImportError([lineOfParseError(lines, err)]);
  }
  const calendars = topLevel(jCal).filter((c) => c[0] === 'vcalendar');
  if (calendars.length === 0) throw new IcsImportError([{ line: 1, message: 'no BEGIN:VCALENDAR found' }]);

  const issues: IcsIssue[] = [];
  const events = calendars.flatMap((c) => new ICAL.Component(c).getAllSubcomponents('vevent'));
  const overrides = events.flatMap((event, i) => eventToOverrides(event, index.events[i]!, issues));
  if (issues.length > 0) throw new IcsImportError(issues);
  return parseCalendarOverrides(overrides);
}

const UID_DOMAIN = '@dondoc';

/**
 * Writes overrides as iCalendar text that parseIcsOverrides reads back unchanged. `stamp` fills the
 * required DTSTAMP (an instant) so the output is reproducible.
 */
export function overridesToIcs(
  overrides: readonly CalendarOverride[],
  stamp = '2000-01-01T00:00:00Z',
): string {
  const events = overrides.map((o, index): IcsEvent => {
    type Extra = NonNullable<IcsEvent['extra']>;
    const english: Extra = o.name ? [['X-DONDOC-NAME-EN', o.name.en]] : [];
    const common = {
      uid: `${index + 1}-${o.kind}${UID_DOMAIN}`,
      stamp,
      ...(o.name ? { summary: o.name.vi } : {}),
      ...(o.source ? { description: o.source } : {}),
    };
    if (o.kind === 'workingDay') {
      return { ...common, when: { date: o.date }, categories: ['WORKING-DAY'], extra: english };
    }
    if (o.kind === 'dayOff') {
      const replaces: Extra = o.replaces ? [['X-DONDOC-REPLACES', o.replaces]] : [];
      return {
        ...common,
        when: { date: o.from, endDate: addDays(o.to ?? o.from, 1) },
        categories: ['DAY-OFF'],
        extra: [...replaces, ...english],
      };
    }
    const compensate: Extra = o.compensate === false ? [['X-DONDOC-COMPENSATE', 'FALSE']] : [];
    return {
      ...common,
      when: { date: formatLocalDate(o.fromYear, o.month, o.day) },
      yearly: o.toYear === undefined ? {} : { count: o.toYear - o.fromYear + 1 },
      categories: ['DAY-OFF'],
      extra: [['X-DONDOC-KEY', o.key], ...compensate, ...english],
    };
  });
  return writeIcs({
    prodId: { company: 'Don Doc', product: 'Working calendar', language: 'VI' },
    events,
  });
}
