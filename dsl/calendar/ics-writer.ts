// The one iCalendar (RFC 5545) writer: the override data (ics.ts), the CLI's dry run of a plan and the API's iCal
// feed all describe their events here and ical-generator writes the text (escaping, folding at 75 octets, CRLF).
// Events are given as Vietnam local dates or UTC instants, never as Date objects: ical-generator formats a Date
// with the host's time zone once a calendar time zone is set, so none is set and the zone is only announced
// (X-WR-TIMEZONE); times are written in UTC, all-day dates as they are.

import ical, { ICalAlarmType, ICalEventRepeatingFreq, type ICalEventData } from 'ical-generator';
import type { LocalDate } from './local-date.js';

export type IcsEventTime =
  /** An all-day event from `date`; `endDate` is the day after the last one (exclusive, RFC 5545), one day if absent. */
  | { readonly date: LocalDate; readonly endDate?: LocalDate }
  /** An event at an instant (ISO string with 'Z' or an offset). */
  | { readonly instant: string };

export interface IcsEvent {
  readonly uid: string;
  readonly when: IcsEventTime;
  readonly summary?: string;
  readonly description?: string;
  /** DTSTAMP, an instant; the time of writing when absent. */
  readonly stamp?: string;
  readonly categories?: readonly string[];
  /** RRULE:FREQ=YEARLY, bounded by COUNT when given. */
  readonly yearly?: { readonly count?: number };
  /** A display alarm this many seconds before the start. */
  readonly alarmBeforeSeconds?: number;
  /** X- properties, written as escaped text. */
  readonly extra?: ReadonlyArray<readonly [`X-${string}`, string]>;
}

export interface IcsCalendar {
  readonly prodId: { readonly company: string; readonly product: string; readonly language?: string };
  /** X-WR-CALNAME (and NAME), what calendar applications show. */
  readonly name?: string;
  /** Announced as X-WR-TIMEZONE only (see above). */
  readonly timeZone?: string;
  /** How often subscribers should refresh (REFRESH-INTERVAL, X-PUBLISHED-TTL). */
  readonly ttlSeconds?: number;
  readonly events: Iterable<IcsEvent>;
}

const midnightUtc = (date: LocalDate): Date => new Date(`${date}T00:00:00Z`);

function eventData(e: IcsEvent): ICalEventData {
  const when =
    'date' in e.when
      ? {
          allDay: true,
          start: midnightUtc(e.when.date),
          ...(e.when.endDate ? { end: midnightUtc(e.when.endDate) } : {}),
        }
      : { start: new Date(e.when.instant) };
  return {
    id: e.uid,
    ...when,
    ...(e.stamp ? { stamp: new Date(e.stamp) } : {}),
    ...(e.summary !== undefined ? { summary: e.summary } : {}),
    ...(e.description !== undefined ? { description: e.description } : {}),
    ...(e.categories ? { categories: e.categories.map((name) => ({ name })) } : {}),
    ...(e.yearly
      ? {
          repeating: {
            freq: ICalEventRepeatingFreq.YEARLY,
            ...(e.yearly.count !== undefined ? { count: e.yearly.count } : {}),
          },
        }
      : {}),
    ...(e.alarmBeforeSeconds !== undefined
      ? { alarms: [{ type: ICalAlarmType.display, trigger: e.alarmBeforeSeconds }] }
      : {}),
    ...(e.extra ? { x: e.extra.map(([key, value]) => ({ key, value })) } : {}),
  };
}

/** The calendar as iCalendar text: CRLF line ends, lines folded at 75 octets, a final CRLF. */
export function writeIcs(calendar: IcsCalendar): string {
  const cal = ical({
    prodId: { ...calendar.prodId },
    scale: 'gregorian',
    ...(calendar.name !== undefined ? { name: calendar.name } : {}),
    ...(calendar.ttlSeconds !== undefined ? { ttl: calendar.ttlSeconds } : {}),
    ...(calendar.timeZone ? { x: [['X-WR-TIMEZONE', calendar.timeZone] as [string, string]] } : {}),
  });
  for (const e of calendar.events) cal.createEvent(eventData(e));
  // ical-generator leaves the last line without its CRLF, which RFC 5545 requires of every content line.
  return `${cal.toString()}\r\n`;
}
