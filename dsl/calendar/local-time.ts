// Local date + time of day in Asia/Ho_Chi_Minh <-> UTC instants. Vietnam has kept UTC+7 without
// daylight saving since 1975, so a fixed offset is exact for every date the product deals with and
// needs no time-zone database (which the workflow sandbox would not give reliably anyway).
// Pure and sandbox-safe: plain integer arithmetic, no Date, no Intl.

import {
  civilToDayNumber,
  dayNumberToCivil,
  formatLocalDate,
  type LocalDate,
  parseLocalDate,
} from './local-date.js';

export const TIME_ZONE = 'Asia/Ho_Chi_Minh';
export const UTC_OFFSET = '+07:00';
export const UTC_OFFSET_MINUTES = 7 * 60;

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;

/** A time of day 'HH:mm' or 'HH:mm:ss'; '24:00' is the end of the day (Civil Code art. 148). */
export type LocalTime = string;

export interface LocalDateTime {
  readonly date: LocalDate;
  /** 'HH:mm:ss' (seconds always present; milliseconds dropped unless non-zero: 'HH:mm:ss.SSS'). */
  readonly time: string;
}

const TIME = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/;
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})$/i;

function timeToMs(time: LocalTime): number {
  const m = TIME.exec(time);
  if (!m) throw new RangeError(`Not a time of day in the form HH:mm[:ss]: ${JSON.stringify(time)}`);
  const h = Number(m[1]);
  const min = Number(m[2]);
  const s = Number(m[3] ?? 0);
  const ms = Number((m[4] ?? '').padEnd(3, '0'));
  const isEndOfDay = h === 24 && min === 0 && s === 0 && ms === 0;
  if (!isEndOfDay && (h > 23 || min > 59 || s > 59))
    throw new RangeError(`Time of day out of range: ${time}`);
  return ((h * 60 + min) * 60 + s) * 1000 + ms;
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

function formatTimeOfDay(msOfDay: number): string {
  const ms = msOfDay % 1000;
  const totalSeconds = (msOfDay - ms) / 1000;
  const text = `${pad(Math.floor(totalSeconds / 3600))}:${pad(Math.floor(totalSeconds / 60) % 60)}:${pad(totalSeconds % 60)}`;
  return ms === 0 ? text : `${text}.${pad(ms, 3)}`;
}

/** Milliseconds since the Unix epoch of a Vietnam local date and time of day. */
export function localDateTimeToEpochMs(date: LocalDate, time: LocalTime = '00:00'): number {
  const { year, month, day } = parseLocalDate(date);
  return (
    civilToDayNumber(year, month, day) * MS_PER_DAY + timeToMs(time) - UTC_OFFSET_MINUTES * MS_PER_MINUTE
  );
}

/** The UTC instant ('YYYY-MM-DDTHH:mm:ss.sssZ') of a Vietnam local date and time of day. */
export function localDateTimeToInstant(date: LocalDate, time: LocalTime = '00:00'): string {
  return epochMsToInstant(localDateTimeToEpochMs(date, time));
}

/** The instant a local day ends (24:00 local, i.e. 17:00Z the same calendar date). */
export function endOfLocalDay(date: LocalDate): string {
  return localDateTimeToInstant(date, '24:00');
}

export function epochMsToInstant(epochMs: number): string {
  if (!Number.isSafeInteger(epochMs))
    throw new RangeError(`Not an integer number of milliseconds: ${epochMs}`);
  const dayNumber = Math.floor(epochMs / MS_PER_DAY);
  const { year, month, day } = dayNumberToCivil(dayNumber);
  const msOfDay = epochMs - dayNumber * MS_PER_DAY;
  const ms = msOfDay % 1000;
  return `${formatLocalDate(year, month, day)}T${formatTimeOfDay(msOfDay - ms)}.${pad(ms, 3)}Z`;
}

/** Parses an ISO 8601 instant that carries 'Z' or an explicit offset; bare local times are refused. */
export function instantToEpochMs(instant: string): number {
  const m = INSTANT.exec(instant);
  if (!m) throw new RangeError(`Not an ISO instant with a 'Z' or an offset: ${JSON.stringify(instant)}`);
  const date = `${m[1]}-${m[2]}-${m[3]}`;
  const fraction = (m[7] ?? '').slice(0, 3).padEnd(3, '0');
  const time = `${m[4]}:${m[5]}:${m[6] ?? '00'}.${fraction}`;
  const { year, month, day } = parseLocalDate(date);
  const zone = m[8]!.toUpperCase();
  let offsetMinutes = 0;
  if (zone !== 'Z') {
    const digits = zone.replace(':', '');
    offsetMinutes =
      (zone.startsWith('-') ? -1 : 1) * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
  }
  return civilToDayNumber(year, month, day) * MS_PER_DAY + timeToMs(time) - offsetMinutes * MS_PER_MINUTE;
}

export function epochMsToLocalDateTime(epochMs: number): LocalDateTime {
  const local = epochMs + UTC_OFFSET_MINUTES * MS_PER_MINUTE;
  const dayNumber = Math.floor(local / MS_PER_DAY);
  const { year, month, day } = dayNumberToCivil(dayNumber);
  return { date: formatLocalDate(year, month, day), time: formatTimeOfDay(local - dayNumber * MS_PER_DAY) };
}

/** The Vietnam local date and time of day of an instant. */
export function instantToLocalDateTime(instant: string): LocalDateTime {
  return epochMsToLocalDateTime(instantToEpochMs(instant));
}

/** The Vietnam local date an instant falls on. */
export function localDateOfInstant(instant: string | number): LocalDate {
  return epochMsToLocalDateTime(typeof instant === 'number' ? instant : instantToEpochMs(instant)).date;
}
