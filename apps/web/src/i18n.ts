// Vietnamese first, English second: every string is written in both beside the code that shows it, so no
// text can be missing in one language. The choice is remembered on this browser and, when signed in, saved on
// the server (savePreferredLang), which also sends that user's e-mails in it.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { formatDate, formatDateTime } from '../../presentation/index.js';
import { api, session, type Text } from './api.js';

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

/** Saves the signed-in user's language on the server; a failure is logged, the page stays in the language. */
export async function savePreferredLang(lang: Lang): Promise<void> {
  try {
    await api('PUT', '/me/preferences', { body: { language: lang } });
    const stored = session.read();
    if (stored) session.save({ ...stored, user: { ...stored.user, language: lang } });
  } catch (err) {
    console.error('[dondoc] the language was not saved on the server', err);
  }
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

/**
 * Dates as apps/presentation writes them (dd/mm/yyyy in Vietnam's time, whatever the browser's locale); kept
 * under these names for the pages that still call them.
 */
export function fmtDate(value: string | null | undefined, _lang?: Lang): string {
  return formatDate(value);
}

export function fmtDateTime(value: string | null | undefined, lang: Lang): string {
  return formatDateTime(value, lang);
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
  unit_head: { vi: 'Trưởng đơn vị', en: 'Head of unit' },
  officer: { vi: 'Chuyên viên', en: 'Officer' },
};

export const STATUS_LABEL: Record<string, Text> = {
  assigned: { vi: 'Mới giao', en: 'Assigned' },
  acknowledged: { vi: 'Đã tiếp nhận', en: 'Acknowledged' },
  in_progress: { vi: 'Đang thực hiện', en: 'In progress' },
  done: { vi: 'Đã hoàn thành', en: 'Done' },
  cancelled: { vi: 'Đã hủy', en: 'Cancelled' },
  extended: { vi: 'Đã gia hạn', en: 'Extended' },
};

/** An extension request's decision. */
export const EXTENSION_STATUS_LABEL: Record<string, Text> = {
  pending: { vi: 'Chờ duyệt', en: 'Waiting for a decision' },
  approved: { vi: 'Đã đồng ý', en: 'Approved' },
  refused: { vi: 'Không đồng ý', en: 'Refused' },
  withdrawn: { vi: 'Đã rút', en: 'Withdrawn' },
};
