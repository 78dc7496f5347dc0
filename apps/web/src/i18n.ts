// Vietnamese first, English second: every string is written in both beside the code that shows it, so no
// text can be missing in one language. The choice is remembered on this browser.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Text } from './api.js';

export type Lang = 'vi' | 'en';

export interface LangApi {
  lang: Lang;
  setLang(lang: Lang): void;
  /** The text in the chosen language. */
  tr(vi: string, en: string): string;
  /** A {vi, en} text from the server. */
  tx(text: Text | undefined | null): string;
}

const KEY = 'dondoc.lang';

export function initialLang(): Lang {
  return localStorage.getItem(KEY) === 'en' ? 'en' : 'vi';
}

export function rememberLang(lang: Lang) {
  localStorage.setItem(KEY, lang);
  document.documentElement.lang = lang;
}

export function langApi(lang: Lang, setLang: (l: Lang) => void): LangApi {
  return {
    lang,
    setLang,
    tr: (vi, en) => (lang === 'vi' ? vi : en),
    tx: (text) => (text ? (lang === 'vi' ? text.vi : text.en) : ''),
  };
}

export const LangContext = createContext<LangApi>(langApi('vi', () => {}));

export const useLang = () => useContext(LangContext);

const ZONE = 'Asia/Ho_Chi_Minh';
const locale = (lang: Lang) => (lang === 'vi' ? 'vi-VN' : 'en-GB');

/** dd/mm/yyyy in Vietnam's time, for an instant or a yyyy-mm-dd date. */
export function fmtDate(value: string | null | undefined, lang: Lang): string {
  if (!value) return '—';
  const d = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00+07:00`) : new Date(value);
  return d.toLocaleDateString(locale(lang), {
    timeZone: ZONE,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  });
}

export function fmtDateTime(value: string | null | undefined, lang: Lang): string {
  if (!value) return '—';
  return new Date(value).toLocaleString(locale(lang), {
    timeZone: ZONE,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

export function fmtPercent(rate: number | null | undefined, lang: Lang): string {
  if (rate === null || rate === undefined) return '—';
  return `${(rate * 100).toLocaleString(locale(lang), { maximumFractionDigits: 1 })} %`;
}

/** Today in Vietnam as yyyy-mm-dd. */
export function todayVn(): string {
  return new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
}

export const ROLE_LABEL: Record<string, Text> = {
  admin: { vi: 'Quản trị', en: 'Administrator' },
  home_affairs: { vi: 'Cơ quan Nội vụ', en: 'Home Affairs' },
  chairperson: { vi: 'Chủ tịch', en: 'Chairperson' },
  viewer: { vi: 'Theo dõi', en: 'Viewer' },
  unit_member: { vi: 'Cán bộ đơn vị', en: 'Unit officer' },
};

export const STATUS_LABEL: Record<string, Text> = {
  assigned: { vi: 'Mới giao', en: 'Assigned' },
  acknowledged: { vi: 'Đã tiếp nhận', en: 'Acknowledged' },
  in_progress: { vi: 'Đang thực hiện', en: 'In progress' },
  done: { vi: 'Đã hoàn thành', en: 'Done' },
  cancelled: { vi: 'Đã hủy', en: 'Cancelled' },
  extended: { vi: 'Đã gia hạn', en: 'Extended' },
};
