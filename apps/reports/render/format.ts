/**
 * Formatting shared by the renderings: Vietnamese number and date conventions (decimal comma, dd/mm/yyyy,
 * wall-clock time in Asia/Ho_Chi_Minh), labels and a few derived texts.
 */
import {
  formatPercent,
  formatPeriodLabel,
  withoutBidiControls,
  type Lang,
} from '../../presentation/index.js';
import { formatAsOf } from '../readings.js';
import type { CriterionRow, IndicatorRow, ReportContent } from '../report-model.js';

export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** A label in both languages; Vietnamese is shown first everywhere. */
export interface Label {
  vi: string;
  en: string;
}

export type StatusKey = 'doneOnTime' | 'doneLate' | 'openInTime' | 'openOverdue' | 'notYetDue';
export const STATUS_KEYS: readonly StatusKey[] = [
  'doneOnTime',
  'doneLate',
  'openInTime',
  'openOverdue',
  'notYetDue',
];
/** The four classes that make up the total; notYetDue is counted apart. */
export const CHART_KEYS: readonly StatusKey[] = ['doneOnTime', 'doneLate', 'openInTime', 'openOverdue'];

export const STATUS_COLORS: Record<StatusKey, string> = {
  doneOnTime: '#2e7d32',
  doneLate: '#f9a825',
  openInTime: '#1e88e5',
  openOverdue: '#c62828',
  notYetDue: '#9e9e9e',
};

export const L = {
  plan: { vi: 'Kế hoạch', en: 'Plan' },
  issuer: { vi: 'Cơ quan ban hành', en: 'Issued by' },
  report: { vi: 'Báo cáo', en: 'Report' },
  status: { vi: 'Tình trạng số liệu', en: 'Status of figures' },
  interim: { vi: 'Tạm tính', en: 'Interim' },
  period: { vi: 'Kỳ báo cáo', en: 'Period' },
  periodCode: { vi: 'Mã kỳ báo cáo', en: 'Period code' },
  window: { vi: 'Thời gian tính số liệu', en: 'Window' },
  windowFrom: { vi: 'Từ ngày', en: 'From' },
  windowTo: { vi: 'Đến ngày', en: 'To' },
  asOf: { vi: 'Số liệu tính đến', en: 'Figures as of' },
  previous: { vi: 'Kỳ so sánh', en: 'Compared with' },
  generatedAt: { vi: 'Thời điểm lập', en: 'Generated at' },
  threshold: { vi: 'Ngưỡng đúng hạn', en: 'On-time threshold' },
  totals: { vi: 'Tổng hợp chung', en: 'Summary' },
  total: { vi: 'Tổng số (trừ chưa đến kỳ)', en: 'Total (excl. not yet due)' },
  completionRate: { vi: 'Tỷ lệ hoàn thành', en: 'Completion rate' },
  previousRate: { vi: 'Tỷ lệ kỳ trước', en: 'Previous period' },
  change: { vi: 'Thay đổi (điểm %)', en: 'Change (points)' },
  ongoing: { vi: 'Nhiệm vụ thường xuyên', en: 'Ongoing tasks' },
  ytdOnTimeRate: { vi: 'Tỷ lệ đúng hạn lũy kế năm', en: 'On time, year to date' },
  belowThreshold: { vi: 'Dưới ngưỡng', en: 'Below threshold' },
  byUnit: { vi: 'Kết quả theo đơn vị', en: 'By unit' },
  byArea: { vi: 'Kết quả theo lĩnh vực', en: 'By area' },
  unitCode: { vi: 'Mã đơn vị', en: 'Unit code' },
  unit: { vi: 'Đơn vị', en: 'Unit' },
  areaId: { vi: 'Mã lĩnh vực', en: 'Area id' },
  area: { vi: 'Lĩnh vực', en: 'Area' },
  grandTotal: { vi: 'Tổng cộng', en: 'Total' },
  overdue: { vi: 'Nhiệm vụ quá hạn', en: 'Overdue tasks' },
  noOverdue: { vi: 'Không có nhiệm vụ quá hạn.', en: 'No overdue tasks.' },
  taskId: { vi: 'Mã nhiệm vụ', en: 'Task id' },
  task: { vi: 'Nhiệm vụ', en: 'Task' },
  occurrence: { vi: 'Lượt', en: 'Occurrence' },
  assignee: { vi: 'Đơn vị thực hiện', en: 'Assigned unit' },
  leadUnit: { vi: 'Đơn vị chủ trì', en: 'Lead unit' },
  dueDate: { vi: 'Hạn hoàn thành', en: 'Due date' },
  daysOverdue: { vi: 'Số ngày quá hạn', en: 'Days overdue' },
  escalation: { vi: 'Mức đôn đốc', en: 'Escalation level' },
  assignmentId: { vi: 'Mã giao việc', en: 'Assignment id' },
  indicators: { vi: 'Chỉ tiêu so với mục tiêu', en: 'Indicators vs targets' },
  noIndicators: { vi: 'Kế hoạch không có chỉ tiêu.', en: 'The plan has no indicators.' },
  indicatorId: { vi: 'Mã chỉ tiêu', en: 'Indicator id' },
  indicator: { vi: 'Chỉ tiêu', en: 'Indicator' },
  measure: { vi: 'Đơn vị tính', en: 'Measure' },
  target: { vi: 'Mục tiêu', en: 'Target' },
  value: { vi: 'Giá trị', en: 'Value' },
  assessment: { vi: 'Đánh giá', en: 'Assessment' },
  missing: { vi: 'Chưa báo cáo', en: 'Not reported' },
  evidence: { vi: 'Minh chứng theo tiêu chí Chỉ số CCHC', en: 'Evidence by PAR Index criterion' },
  noEvidence: { vi: 'Chưa có minh chứng.', en: 'No evidence yet.' },
  criterion: { vi: 'Tiêu chí', en: 'Criterion' },
  noCriterion: { vi: 'Không gắn tiêu chí', en: 'No criterion' },
  tasks: { vi: 'Số nhiệm vụ', en: 'Tasks' },
  done: { vi: 'Đã hoàn thành', en: 'Done' },
  completedAt: { vi: 'Hoàn thành lúc', en: 'Completed at' },
  timeliness: { vi: 'Đúng/trễ hạn', en: 'On time/late' },
  documentNumber: { vi: 'Số văn bản', en: 'Document no.' },
  documentDate: { vi: 'Ngày văn bản', en: 'Document date' },
  link: { vi: 'Liên kết', en: 'Link' },
  note: { vi: 'Ghi chú', en: 'Note' },
  files: { vi: 'Tệp kiểm chứng', en: 'Evidence files' },
  chartByUnit: { vi: 'Tình hình thực hiện theo đơn vị', en: 'Status by unit' },
  chartByArea: { vi: 'Tỷ lệ hoàn thành theo lĩnh vực', en: 'Completion rate by area' },
  item: { vi: 'Mục', en: 'Item' },
  rowNumber: { vi: 'STT', en: 'No.' },
  page: { vi: 'Trang', en: 'Page' },
} satisfies Record<string, Label>;

export const TEXT = {
  yes: 'Có',
  no: 'Không',
  met: 'Đạt',
  notMet: 'Không đạt',
  onTime: 'Đúng hạn',
  late: 'Trễ hạn',
  none: '—',
  final: 'Chính thức',
};

/** Vietnamese: "1.836" and "92,5"; English: "1,836" and "92.5". */
const LOCALES: Record<Lang, string> = { vi: 'vi-VN', en: 'en-GB' };
const formats = (lang: Lang) => ({
  oneDecimal: new Intl.NumberFormat(LOCALES[lang], { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
  integer: new Intl.NumberFormat(LOCALES[lang], { maximumFractionDigits: 0 }),
  plain: new Intl.NumberFormat(LOCALES[lang], { maximumFractionDigits: 2 }),
});
const NUMBERS: Record<Lang, ReturnType<typeof formats>> = { vi: formats('vi'), en: formats('en') };

export function fmtInt(n: number, lang: Lang = 'vi'): string {
  return NUMBERS[lang].integer.format(n);
}

export function fmtNumber(n: number, lang: Lang = 'vi'): string {
  return NUMBERS[lang].plain.format(n);
}

/** 92.5 → "92,5 %" ("92.5 %" in English); null → "—" (apps/presentation, as every surface writes one). */
export function fmtRate(rate: number | null, lang: Lang = 'vi'): string {
  return formatPercent(rate, lang);
}

/** Percentage points with an explicit sign, since the direction is what readers look for. */
export function fmtChange(change: number | null, lang: Lang = 'vi'): string {
  if (change === null) return TEXT.none;
  const text = NUMBERS[lang].oneDecimal.format(Math.abs(change));
  if (change > 0) return `+${text}`;
  if (change < 0) return `\u2212${text}`;
  return text;
}

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const partsFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The wall-clock time of an instant, or of a calendar date at midnight, in Vietnam. */
export function wallClock(value: string): WallClock | null {
  const date = LOCAL_DATE.exec(value);
  if (date) return { year: +date[1]!, month: +date[2]!, day: +date[3]!, hour: 0, minute: 0, second: 0 };
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) return null;
  const parts: Record<string, number> = {};
  for (const p of partsFormat.formatToParts(instant)) if (p.type !== 'literal') parts[p.type] = +p.value;
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 0,
    day: parts.day ?? 0,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/**
 * A Date whose UTC fields are the Vietnamese wall-clock time: spreadsheets have no time zones, so the
 * cell must show the time the reader lives in.
 */
export function spreadsheetDate(value: string | null): Date | null {
  if (value === null) return null;
  const w = wallClock(value);
  return w ? new Date(Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second)) : null;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "2027-03-05" or an instant → "05/03/2027". Unparseable text is shown as given. */
export function fmtDate(value: string | null): string {
  if (value === null) return TEXT.none;
  const w = wallClock(value);
  return w ? `${pad(w.day)}/${pad(w.month)}/${w.year}` : value;
}

/** An instant → "14/03/2027 17:00" (Vietnam time). */
export function fmtDateTime(value: string | null): string {
  if (value === null) return TEXT.none;
  if (LOCAL_DATE.test(value)) return fmtDate(value);
  const w = wallClock(value);
  return w ? `${pad(w.day)}/${pad(w.month)}/${w.year} ${pad(w.hour)}:${pad(w.minute)}` : value;
}

export function fmtWindow(content: ReportContent): string {
  return `${fmtDate(content.window.from)} – ${fmtDate(content.window.to)}`;
}

export function fmtPrevious(content: ReportContent): string {
  const p = content.previous;
  return p ? `${formatPeriodLabel(p.period)} (${formatAsOf(p.asOf)})` : TEXT.none;
}

/** "Mức 2" / "Level 2"; "Chưa đôn đốc" / "Not escalated". */
export function fmtEscalation(level: number, lang: Lang = 'vi'): string {
  if (lang === 'en') return level > 0 ? `Level ${level}` : 'Not escalated';
  return level > 0 ? `Mức ${level}` : 'Chưa đôn đốc';
}

const OPS: Record<NonNullable<IndicatorRow['target']>['op'], string> = {
  '>=': '≥',
  '<=': '≤',
  '>': '>',
  '<': '<',
  '=': '=',
};

export function fmtTarget(target: IndicatorRow['target'], lang: Lang = 'vi'): string {
  if (target === null) return TEXT.none;
  const value = target.percent ? formatPercent(target.value, lang) : fmtNumber(target.value, lang);
  return `${OPS[target.op]} ${value}`;
}

export function fmtMeets(meets: boolean | null): string {
  return meets === null ? TEXT.none : meets ? TEXT.met : TEXT.notMet;
}

export function criterionTitle(criterion: string, lang: Lang = 'vi'): string {
  return criterion === '' ? L.noCriterion[lang] : `${L.criterion[lang]} ${criterion}`;
}

/** "Tiêu chí 2.3 — đã hoàn thành 2/3 nhiệm vụ". */
export function criterionHeading(cr: CriterionRow): Label {
  return {
    vi: `${criterionTitle(cr.criterion)} — đã hoàn thành ${fmtInt(cr.done)}/${fmtInt(cr.tasks)} nhiệm vụ`,
    en:
      cr.criterion === ''
        ? `${L.noCriterion.en}: ${cr.done}/${cr.tasks} tasks done`
        : `${L.criterion.en} ${cr.criterion}: ${cr.done}/${cr.tasks} tasks done`,
  };
}

export function thresholdLabel(content: ReportContent): Label {
  return {
    vi: `${L.belowThreshold.vi} ${formatPercent(content.onTimeThreshold)}`,
    en: `${L.belowThreshold.en} (${formatPercent(content.onTimeThreshold, 'en')})`,
  };
}

/** Only http(s) links become clickable: the text is user-written. */
export function safeHref(link: string | null): string | null {
  if (link === null) return null;
  try {
    const url = new URL(link);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * Deep copy with every string in NFC, so composed and decomposed input look and sort the same, and without
 * bidirectional controls (text stored before the API refused them), which could reorder what a reader sees.
 */
export function normalizeNfc<T>(value: T): T {
  if (typeof value === 'string') return withoutBidiControls(value.normalize('NFC')) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => normalizeNfc(v)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = normalizeNfc(v);
    return out as T;
  }
  return value;
}
