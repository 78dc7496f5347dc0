// Dates as Vietnamese officials write them, dd/mm/yyyy in Vietnam's time, in either language of the interface: the
// browser's locale never decides (a browser set to en-US would otherwise show mm/dd/yyyy).
import { instantToLocalDateTime, localDateOfInstant } from '../../dsl/calendar/local-time.js';

export type Lang = 'vi' | 'en';

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** dd/mm/yyyy of a local date (yyyy-mm-dd, shown as written) or of an instant (its date in Vietnam). */
export function formatDate(value: string | Date | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '—' : formatDate(value.toISOString());
  const local = LOCAL_DATE.exec(value);
  if (local) return `${local[3]}/${local[2]}/${local[1]}`;
  if (Number.isNaN(Date.parse(value))) return value;
  return formatDate(localDateOfInstant(new Date(value).toISOString()));
}

/** The months' English names (the web's month picker and dates in English prose). */
export const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/**
 * A date inside a sentence: dd/mm/yyyy in Vietnamese, as officials write it, and "3 December 2026" in English
 * (the form official translations use in prose and in the place-date line).
 */
export function formatDateInText(value: string | Date | null | undefined, lang: Lang = 'vi'): string {
  const day = formatDate(value);
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(day);
  if (lang === 'vi' || !m) return day;
  return `${Number(m[1])} ${MONTHS_EN[Number(m[2]) - 1]} ${m[3]}`;
}

/** "14:30 ngày 05/03/2027" / "14:30, 05/03/2027": the local time and date of an instant. */
export function formatDateTime(value: string | Date | null | undefined, lang: Lang = 'vi'): string {
  if (value === null || value === undefined || value === '') return '—';
  const instant = value instanceof Date ? value.toISOString() : value;
  if (Number.isNaN(Date.parse(instant))) return instant;
  const local = instantToLocalDateTime(new Date(instant).toISOString());
  const day = formatDate(local.date);
  const time = local.time.slice(0, 5);
  return lang === 'vi' ? `${time} ngày ${day}` : `${time}, ${day}`;
}

/** "14:30 ngày 05/03/2027" in Vietnamese; "14:30 on 5 March 2027" inside an English sentence. */
export function formatDateTimeInText(value: string | Date | null | undefined, lang: Lang = 'vi'): string {
  if (lang === 'vi' || value === null || value === undefined || value === '')
    return formatDateTime(value, lang);
  const instant = value instanceof Date ? value.toISOString() : value;
  if (Number.isNaN(Date.parse(instant))) return instant;
  const local = instantToLocalDateTime(new Date(instant).toISOString());
  return `${local.time.slice(0, 5)} on ${formatDateInText(local.date, 'en')}`;
}

/** A period between two local dates: "15/02 – 14/03/2027" (the year once when both share it). */
export function formatPeriod(from: string, to: string): string {
  const a = formatDate(from);
  const b = formatDate(to);
  return a.slice(6) === b.slice(6) ? `${a.slice(0, 5)} – ${b}` : `${a} – ${b}`;
}

const ROMAN = ['I', 'II', 'III', 'IV'];

/**
 * A report period as officials name it: "Tháng 3/2027", "Quý I/2027", "6 tháng đầu năm 2027", "Năm 2027"
 * (English: "Month 3/2027", "Q1 2027", "H1 2027", "Year 2027"). A label it does not know is shown as written.
 */
export function formatPeriodLabel(period: string, lang: Lang = 'vi'): string {
  const vi = lang === 'vi';
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(period)))
    return vi ? `Tháng ${Number(m[2])}/${m[1]}` : `Month ${Number(m[2])}/${m[1]}`;
  if ((m = /^(\d{4})-Q([1-4])$/.exec(period)))
    return vi ? `Quý ${ROMAN[Number(m[2]) - 1]}/${m[1]}` : `Q${m[2]} ${m[1]}`;
  if ((m = /^(\d{4})-H([12])$/.exec(period)))
    return vi ? `6 tháng ${m[2] === '1' ? 'đầu' : 'cuối'} năm ${m[1]}` : `H${m[2]} ${m[1]}`;
  if ((m = /^(\d{4})$/.exec(period))) return vi ? `Năm ${m[1]}` : `Year ${m[1]}`;
  return period;
}

/** A report period with the days its figures cover: "Tháng 3/2027 (15/02 – 14/03/2027)". */
export function formatReportPeriod(period: string, from: string, to: string, lang: Lang = 'vi'): string {
  return `${formatPeriodLabel(period, lang)} (${formatPeriod(from, to)})`;
}

/**
 * A date as a person types it, day first ("5/3/2027", "05/03/2027", "05-03-2027", "05.03.2027"): yyyy-mm-dd, or
 * null when it is not a date of the calendar. Forms read dates with it instead of the browser's date picker,
 * whose order follows the browser's locale.
 */
export function parseDate(text: string): string | null {
  const m = /^\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})\s*$/.exec(text);
  if (!m) return null;
  const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1) return null;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > days) return null;
  return `${m[3]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
