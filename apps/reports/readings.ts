// What a reader must know before trusting a report's figures: which period they are about, in words, and whether
// that period was over when they were taken. Derived from the content alone, so a run stored before these fields
// existed reads the same as a new one.
import { endOfLocalDay } from '../../dsl/calendar/local-time.js';
import {
  formatDate,
  formatDateInText,
  formatReportPeriod,
  readDeadline,
  type Lang,
} from '../presentation/index.js';
import type { ReportContent } from './report-model.js';

type Timing = Pick<ReportContent, 'asOf' | 'generatedAt' | 'window'>;

/** The instant the period ends: the end (24:00) of the last day of its window, when its figures are final. */
export function cutOffOf(c: Pick<ReportContent, 'window'>): string {
  return endOfLocalDay(c.window.to);
}

/**
 * "14/03/2027 17:00", or "hết ngày 14/03/2027" for the midnight that ends a day (a cut-off, a date given as the
 * as-of): that midnight belongs to the day it ends, not to the next date. In English, as a sentence writes it:
 * "17:00 on 14 March 2027", "the end of 14 March 2027".
 */
export function formatAsOf(instant: string, lang: Lang = 'vi'): string {
  const { lastDay, time } = readDeadline(instant);
  if (lang === 'en') {
    const day = formatDateInText(lastDay, 'en');
    return time ? `${time} on ${day}` : `the end of ${day}`;
  }
  return time ? `${formatDate(lastDay)} ${time}` : `hết ngày ${formatDate(lastDay)}`;
}

/**
 * The instant the figures describe: the requested one, or the moment of computing when that is earlier (the event
 * log knows nothing later; counting work as overdue at a future instant would blame units for what has not
 * happened).
 */
export function figuresAt(c: Pick<ReportContent, 'asOf' | 'generatedAt'>): string {
  return Date.parse(c.asOf) <= Date.parse(c.generatedAt) ? c.asOf : c.generatedAt;
}

/**
 * Interim when the figures were taken before the period ended: as of an instant before its cut-off, or computed
 * before the cut-off came (then the event log holds nothing later than the computation).
 */
export function interimOf(c: Timing): { until: string; label: string } | null {
  const until = figuresAt(c);
  if (Date.parse(until) >= Date.parse(cutOffOf(c))) return null;
  const at = new Date(until).toISOString();
  return { until: at, label: `Tạm tính đến ${formatAsOf(at)}` };
}

/** "Tháng 3/2027 (15/02 – 14/03/2027)" ("Month 3/2027 (15/02 – 14/03/2027)"). */
export function periodLabelOf(c: Pick<ReportContent, 'period' | 'window'>, lang: Lang = 'vi'): string {
  return formatReportPeriod(c.period, c.window.from, c.window.to, lang);
}

/** The content with its readings filled in (a run stored before they existed lacks them). */
export function withReadings(c: ReportContent): ReportContent {
  return {
    ...c,
    periodLabel: periodLabelOf(c),
    interim: interimOf(c),
    overdue: c.overdue.map((o) => (o.dueAt ? { ...o, dueDate: readDeadline(o.dueAt).lastDay } : o)),
  };
}
