// What only mails need: the names of the programme's areas and of the digest colours, the schedule's two-language
// reminder labels, and deadlines inside a sentence. Dates, deadlines, time left and rates come from
// apps/presentation, like every other surface.
import { formatDeadline, readDeadline, type Lang } from '../../presentation/index.js';

/** The areas of the administrative-reform programme (Resolution 76/NQ-CP), by the IR's area codes. */
export const AREA_LABELS: Record<string, { vi: string; en: string }> = {
  direction: { vi: 'Chỉ đạo, điều hành', en: 'Direction and management' },
  institutions: { vi: 'Cải cách thể chế', en: 'Institutional reform' },
  procedures: { vi: 'Cải cách thủ tục hành chính', en: 'Administrative procedures' },
  apparatus: { vi: 'Cải cách tổ chức bộ máy', en: 'Organisational structure' },
  civil_service: { vi: 'Cải cách chế độ công vụ', en: 'Civil service' },
  public_finance: { vi: 'Cải cách tài chính công', en: 'Public finance' },
  digital_government: { vi: 'Xây dựng chính quyền điện tử, chính quyền số', en: 'Digital government' },
  communication: { vi: 'Thông tin, tuyên truyền', en: 'Communication' },
  inspection: { vi: 'Kiểm tra, giám sát', en: 'Inspection' },
};

export const RAG_LABELS = {
  red: { vi: 'Đỏ', en: 'Red', color: '#c62828' },
  amber: { vi: 'Vàng', en: 'Amber', color: '#ef8f00' },
  green: { vi: 'Xanh', en: 'Green', color: '#2e7d32' },
} as const;

/** Splits a "tiếng Việt / English" label as the schedule writes them. */
export function splitLabel(label: unknown): { vi: string; en: string } {
  if (typeof label !== 'string') return { vi: '', en: '' };
  const i = label.indexOf(' / ');
  return i < 0 ? { vi: label, en: label } : { vi: label.slice(0, i), en: label.slice(i + 3) };
}

/**
 * A deadline inside a sentence: "ngày 23/12/2027" or "15:05 ngày 23/12/2027"; "23/12/2027" or "15:05, 23/12/2027".
 * Empty without a deadline.
 */
export function deadlineInSentence(dueAt: string | null | undefined, lang: Lang): string {
  if (!dueAt || Number.isNaN(Date.parse(dueAt))) return '';
  const text = formatDeadline(dueAt, lang);
  return lang === 'vi' && !readDeadline(dueAt).time ? `ngày ${text}` : text;
}

/** "Còn 3 ngày" → "còn 3 ngày", to sit inside a sentence. */
export function lowerFirst(s: string): string {
  return s ? s.charAt(0).toLocaleLowerCase('vi') + s.slice(1) : s;
}
