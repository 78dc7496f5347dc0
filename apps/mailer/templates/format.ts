// Formatting shared by the mail templates: dates as dd/mm/yyyy in Vietnam time, numbers with a decimal comma.
import { localDateOfInstant } from '../../../dsl/calendar/local-time.js';

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** dd/mm/yyyy of a local date (YYYY-MM-DD, shown as written) or of an instant (its date in Asia/Ho_Chi_Minh). */
export function formatDate(value: unknown): string {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : formatDate(value.toISOString());
  if (typeof value !== 'string' || value === '') return '';
  const local = LOCAL_DATE.exec(value);
  if (local) return `${local[3]}/${local[2]}/${local[1]}`;
  if (Number.isNaN(Date.parse(value))) return value;
  return formatDate(localDateOfInstant(new Date(value).toISOString()));
}

/** Whole calendar days from `from` to `to` (0 when not later). */
export function daysBetween(from: unknown, to: unknown): number {
  const a = from instanceof Date ? from.getTime() : typeof from === 'string' ? Date.parse(from) : NaN;
  const b = to instanceof Date ? to.getTime() : typeof to === 'string' ? Date.parse(to) : NaN;
  if (Number.isNaN(a) || Number.isNaN(b)) return 0;
  return Math.max(0, Math.floor((b - a) / 86_400_000));
}

const percentFormat = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });

/** 85,5 % (Vietnamese) — or a dash when there is no rate. */
export function formatPercent(value: unknown): string {
  return typeof value === 'number' && Number.isFinite(value) ? `${percentFormat.format(value)} %` : '—';
}

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
