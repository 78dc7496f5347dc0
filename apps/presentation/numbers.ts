// Numbers as people read them. Convention, end to end (docs/api.md): every rate the API and the reports carry is a
// percentage from 0 to 100, never a fraction; it is formatted here and nowhere else.
import type { Lang } from './dates.js';

const FORMATS = {
  vi: new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 }),
  en: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 }),
};

/** "85,5 %" (Vietnamese decimal comma) or "85.5 %"; a dash when there is no rate. */
export function formatPercent(percent: number | null | undefined, lang: Lang = 'vi'): string {
  return typeof percent === 'number' && Number.isFinite(percent) ? `${FORMATS[lang].format(percent)} %` : '—';
}

/** "1.836" / "1,836". */
export function formatCount(n: number, lang: Lang = 'vi'): string {
  return FORMATS[lang].format(n);
}
