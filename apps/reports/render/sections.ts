/**
 * The report as a format-neutral list of sections: headings, figures, tables of typed cells, notes and chart
 * specs. Labels, order and every number, percent and date text are decided here once; the HTML, PDF, XLSX and
 * CSV renderers only lay these sections out in their format.
 *
 * Two views: `print` is the document people read (HTML, PDF), `data` the files people compute with (XLSX,
 * CSV). A column, row or fact belongs to both unless it names one: the data view keeps ids and raw numbers a
 * printed page has no room for, the print view keeps row numbers and texts folded into other cells.
 */
import { formatDeadline, formatPercent } from '../../presentation/index.js';
import { cutOffOf, figuresAt, formatAsOf, withReadings } from '../readings.js';
import {
  STATUS_LABELS,
  type CoordinatorPart,
  type CriterionRow,
  type IndicatorRow,
  type ReportContent,
} from '../report-model.js';
import {
  CHART_KEYS,
  L,
  STATUS_KEYS,
  TEXT,
  criterionHeading,
  criterionTitle,
  fmtChange,
  fmtDate,
  fmtDateTime,
  fmtEscalation,
  fmtInt,
  fmtMeets,
  fmtNumber,
  fmtPrevious,
  fmtRate,
  fmtTarget,
  safeHref,
  thresholdLabel,
  type Label,
  type StatusKey,
} from './format.js';

export type View = 'print' | 'data';

/** What a cell holds; data files store the value by type (a percent, a date), print shows the text. */
export type CellType = 'text' | 'integer' | 'number' | 'percent' | 'points' | 'date' | 'datetime';

/** good and bad colour a figure by its meaning (green, red); muted greys it out. */
export type Tone = 'good' | 'bad' | 'muted';

export interface Cell {
  type: CellType;
  /** The printed text, already formatted. */
  text: string;
  /**
   * The stored value: text; a number (percents as in the report, 92.5 for 92,5 %; points); a calendar date
   * or an instant as ISO text; null for an empty cell.
   */
  value: string | number | null;
  /** A second, smaller line under the text in print. */
  detail?: string;
  /** A safe (http/https) address the text links to. */
  href?: string;
  tone?: Tone;
  strong?: boolean;
}

export interface Column {
  id: string;
  label: Label;
  /** The type of the column's cells. */
  type: CellType;
  /** Absent: both views. */
  views?: readonly View[];
  /** Points on the A4 landscape page; '*' takes the rest of the width. */
  printWidth?: number | '*';
  /** Characters in a worksheet. */
  dataWidth?: number;
}

export interface Row {
  /** One cell per column of the table, in order. */
  cells: Cell[];
  /** Shown highlighted: a unit below the on-time threshold, an indicator value not reported. */
  flagged?: boolean;
  views?: readonly View[];
}

export interface Table {
  columns: Column[];
  rows: Row[];
  /** A total line in print: the label spans the first `span` columns, then one cell (or nothing) per column. */
  footer?: { label: string; span: number; cells: (Cell | null)[] };
}

/** A printed heading: the Vietnamese text with either its English translation or an identifier. */
export interface Heading {
  text: string;
  en?: string;
  id?: string;
}

/** Running text; strong parts are bold. */
export type Inline = string | { text: string; strong: true };

/** A short paragraph in print: the label in both languages, and the detail it introduces. */
export interface Note {
  label: Label;
  detail?: string;
  tone?: Tone;
}

/** A labelled figure: a header fact, or a card of the summary. */
export interface Fact {
  label: Label;
  cell: Cell;
  /** A remark after the English label in print. */
  remark?: string;
  views?: readonly View[];
}

/** The summary cards are edged by what they count. */
export type Accent = StatusKey | 'total' | 'rate' | 'count';

export const isStatus = (accent: Accent): accent is StatusKey =>
  (STATUS_KEYS as readonly string[]).includes(accent);

export interface Figure extends Fact {
  accent: Accent;
}

/** A group in print (an indicator, a PAR criterion) has its own heading and table. */
export interface Group {
  heading: Heading;
  intro?: Inline[];
  /**
   * The group's own values (indicator id and title, criterion and its counts). A worksheet has no headings,
   * so the data view repeats them in front of each of the group's rows.
   */
  keys: Cell[];
  rows: Row[];
  notes: Note[];
  /** Shown in print instead of the table when the group has no printed row. */
  empty?: Note;
}

export interface Groups {
  /** Data view only: the columns of the group keys. */
  keyColumns: Column[];
  columns: Column[];
  groups: Group[];
}

export interface StackedBar {
  label: string;
  /** One segment per series: the count and its text. */
  segments: { value: number; text: string }[];
  total: number;
  totalText: string;
  flagged: boolean;
}

export interface RateBar {
  label: string;
  /** Percent, 0–100; null draws no bar. */
  rate: number | null;
  text: string;
}

/** Horizontal bars: stacked counts by status class, or rates on a 0–100 % axis. */
export type ChartSpec =
  | { kind: 'stacked'; title: Label; series: { key: StatusKey; label: string }[]; bars: StackedBar[] }
  | { kind: 'rate'; title: Label; bars: RateBar[] };

export type SectionId = 'summary' | 'byUnit' | 'byArea' | 'overdue' | 'indicators' | 'evidence';

export interface Section {
  id: SectionId;
  heading: Label;
  /** The worksheet name of the section in the workbook. */
  sheet: string;
  figures?: Figure[];
  chart?: ChartSpec;
  table?: Table;
  groups?: Groups;
  /** Shown in print instead of the table (or the groups) when there is no printed row. */
  empty?: Note;
}

export interface ReportSections {
  plan: { code: string; title: string; version: number; issuer: string };
  report: { id: string; title: string };
  period: string;
  /** "Tháng 3/2027 (15/02 – 14/03/2027)". */
  periodLabel: string;
  /**
   * For a period that had not ended when the figures were taken: what every format shows at its top, so that
   * nobody reads the figures as final.
   */
  interim: { label: string; detail: Label } | null;
  /** "<report title> — <period label>", "(tạm tính)" after it for an interim: the document title everywhere. */
  title: string;
  /** The generation instant (ISO), which also dates the files, and its text. */
  generatedAt: string;
  generatedAtText: string;
  /** The facts under the title in print; in the data view, the first rows of the summary sheet. */
  facts: Fact[];
  sections: Section[];
}

export const forView = <T extends { views?: readonly View[] }>(items: readonly T[], view: View): T[] =>
  items.filter((item) => item.views?.includes(view) ?? true);

/** Whether print shows the section's empty note in place of a table without printed rows, or of no groups. */
export function printsEmpty(s: Section): s is Section & { empty: Note } {
  if (!s.empty) return false;
  if (s.table) return forView(s.table.rows, 'print').length === 0;
  return s.groups !== undefined && s.groups.groups.length === 0;
}

/** The cells of a row (or footer) under the columns of a view. */
export function cellsFor<T>(columns: readonly Column[], cells: readonly T[], view: View): T[] {
  return cells.filter((_, i) => columns[i]?.views?.includes(view) ?? true);
}

const PRINT: readonly View[] = ['print'];
const DATA: readonly View[] = ['data'];

const text = (value: string | null, extra: Partial<Cell> = {}): Cell => ({
  type: 'text',
  text: value ?? '',
  value,
  ...extra,
});
const integer = (n: number, extra: Partial<Cell> = {}): Cell => ({
  type: 'integer',
  text: fmtInt(n),
  value: n,
  ...extra,
});
const number = (n: number | null): Cell => ({
  type: 'number',
  text: n === null ? '' : fmtNumber(n),
  value: n,
});
const percent = (rate: number | null): Cell => ({ type: 'percent', text: fmtRate(rate), value: rate });
/** The direction of a change is what readers look for, so it is coloured. */
const points = (change: number | null): Cell => ({
  type: 'points',
  text: fmtChange(change),
  value: change,
  ...(change === null || change === 0 ? {} : { tone: change > 0 ? 'good' : 'bad' }),
});
const date = (value: string | null): Cell => ({
  type: 'date',
  text: value === null ? '' : fmtDate(value),
  value,
});
const dateTime = (value: string | null): Cell => ({
  type: 'datetime',
  text: value === null ? '' : fmtDateTime(value),
  value,
});

const blank = (n: number): Cell[] => Array.from({ length: n }, () => text(null));

const column = (
  id: string,
  label: Label,
  type: CellType,
  printWidth: number | '*' | undefined,
  dataWidth: number | undefined,
  views?: readonly View[],
): Column => ({
  id,
  label,
  type,
  ...(views ? { views } : {}),
  ...(printWidth !== undefined ? { printWidth } : {}),
  ...(dataWidth !== undefined ? { dataWidth } : {}),
});

type Counts = Record<StatusKey | 'total', number>;

const statusColumns = (printWidth: number, totalWidth: number): Column[] => [
  ...STATUS_KEYS.map((k) => column(k, STATUS_LABELS[k], 'integer', printWidth, 14)),
  column('total', L.total, 'integer', totalWidth, 14),
];

const statusCells = (r: Counts): Cell[] => [...STATUS_KEYS.map((k) => integer(r[k])), integer(r.total)];

function facts(c: ReportContent): Fact[] {
  return [
    {
      label: L.status,
      cell: c.interim
        ? { type: 'text', text: c.interim.label, value: c.interim.label, tone: 'bad', strong: true }
        : text(TEXT.final),
    },
    { label: L.plan, cell: text(c.plan.title), views: DATA },
    { label: { vi: 'Mã kế hoạch', en: 'Plan code' }, cell: text(c.plan.code), views: DATA },
    { label: { vi: 'Phiên bản', en: 'Version' }, cell: number(c.plan.version), views: DATA },
    { label: L.issuer, cell: text(c.plan.issuer.name), views: DATA },
    { label: L.report, cell: text(c.report.title), views: DATA },
    { label: L.period, cell: text(c.periodLabel ?? c.period) },
    { label: L.periodCode, cell: text(c.period), views: DATA },
    { label: L.windowFrom, cell: date(c.window.from), views: DATA },
    { label: L.windowTo, cell: date(c.window.to), views: DATA },
    // A cut-off is the midnight that ends the window's last day: "hết ngày 14/03/2027", not "15/03/2027 00:00".
    { label: L.asOf, cell: text(formatAsOf(figuresAt(c))) },
    { label: L.previous, cell: { type: 'text', text: fmtPrevious(c), value: c.previous?.period ?? null } },
    { label: L.generatedAt, cell: dateTime(c.generatedAt), views: DATA },
    {
      label: L.threshold,
      cell: { type: 'percent', text: formatPercent(c.onTimeThreshold), value: c.onTimeThreshold },
    },
  ];
}

function summary(c: ReportContent): Section {
  const t = c.totals;
  return {
    id: 'summary',
    heading: L.totals,
    sheet: 'Tổng hợp',
    figures: [
      ...STATUS_KEYS.map((k): Figure => ({ label: STATUS_LABELS[k], cell: integer(t[k]), accent: k })),
      { label: L.total, cell: integer(t.total), accent: 'total' },
      { label: L.completionRate, cell: percent(t.completionRate), accent: 'rate' },
      // In print the previous rate stands beside the change it explains.
      { label: L.previousRate, cell: percent(t.previousCompletionRate), accent: 'rate', views: DATA },
      {
        label: L.change,
        cell: points(t.change),
        accent: 'rate',
        remark: `${L.previousRate.vi}: ${fmtRate(t.previousCompletionRate)}`,
      },
      { label: L.ongoing, cell: integer(t.ongoing), accent: 'count' },
    ],
  };
}

function byUnit(c: ReportContent): Section {
  const t = c.totals;
  return {
    id: 'byUnit',
    heading: L.byUnit,
    sheet: 'Theo đơn vị',
    chart: {
      kind: 'stacked',
      title: L.chartByUnit,
      series: CHART_KEYS.map((key) => ({ key, label: STATUS_LABELS[key].vi })),
      bars: c.byUnit.map((u) => ({
        label: u.unit.name,
        segments: CHART_KEYS.map((k) => ({ value: u[k], text: fmtInt(u[k]) })),
        total: u.total,
        totalText: fmtInt(u.total),
        flagged: u.belowThreshold,
      })),
    },
    table: {
      columns: [
        column('unit', L.unit, 'text', '*', 44),
        ...statusColumns(40, 44),
        column('completionRate', L.completionRate, 'percent', 44, 14),
        column('previousRate', L.previousRate, 'percent', 40, 14),
        column('change', L.change, 'points', 40, 14),
        column('ytdOnTimeRate', L.ytdOnTimeRate, 'percent', 46, 16),
        column('belowThreshold', thresholdLabel(c), 'text', 44, 16),
      ],
      rows: c.byUnit.map((u) => ({
        cells: [
          text(u.unit.name),
          ...statusCells(u),
          percent(u.completionRate),
          percent(u.previousCompletionRate),
          points(u.change),
          percent(u.ytdOnTimeRate),
          // Printed only where it applies; the data says yes or no.
          u.belowThreshold
            ? { type: 'text', text: TEXT.yes, value: TEXT.yes, tone: 'bad', strong: true }
            : { type: 'text', text: '', value: TEXT.no },
        ],
        ...(u.belowThreshold ? { flagged: true } : {}),
      })),
      footer: {
        label: L.grandTotal.vi,
        span: 1,
        cells: [
          ...statusCells(t),
          percent(t.completionRate),
          percent(t.previousCompletionRate),
          points(t.change),
          null,
          null,
        ],
      },
    },
  };
}

function byArea(c: ReportContent): Section {
  return {
    id: 'byArea',
    heading: L.byArea,
    sheet: 'Theo lĩnh vực',
    chart: {
      kind: 'rate',
      title: L.chartByArea,
      bars: c.byArea.map((a) => ({
        label: a.area.title,
        rate: a.completionRate,
        text: fmtRate(a.completionRate),
      })),
    },
    table: {
      columns: [
        column('area', L.area, 'text', '*', 40),
        ...statusColumns(50, 56),
        column('completionRate', L.completionRate, 'percent', 56, 14),
      ],
      rows: c.byArea.map((a) => ({
        cells: [text(a.area.title), ...statusCells(a), percent(a.completionRate)],
      })),
    },
  };
}

function overdue(c: ReportContent): Section {
  return {
    id: 'overdue',
    heading: L.overdue,
    sheet: 'Quá hạn',
    table: {
      columns: [
        column('rowNumber', L.rowNumber, 'integer', 20, undefined, PRINT),
        column('taskId', L.taskId, 'text', undefined, 12, DATA),
        column('task', L.task, 'text', '*', 60),
        column('area', L.area, 'text', undefined, 28, DATA),
        column('occurrence', L.occurrence, 'text', undefined, 12, DATA),
        column('assignee', L.assignee, 'text', 130, 40),
        column('leadUnit', L.leadUnit, 'text', 130, 40),
        column('dueDate', L.dueDate, 'date', 52, 14),
        column('daysOverdue', L.daysOverdue, 'integer', 44, 12),
        // A worksheet keeps the level as a number and its wording beside it; print shows the wording.
        column('escalationLevel', L.escalation, 'integer', undefined, 12, DATA),
        column('escalation', L.escalation, 'text', 52, undefined, PRINT),
        column('escalationText', { vi: 'Diễn giải', en: 'Level text' }, 'text', undefined, 16, DATA),
        column('coordination', COORDINATION, 'text', 90, 40),
      ],
      rows: c.overdue.map((o, i) => ({
        cells: [
          integer(i + 1),
          text(o.task.id),
          text(o.task.title, {
            detail: `${o.task.id}${o.occurrence ? ` · ${o.occurrence}` : ''} · ${o.area.title}`,
          }),
          text(o.area.title),
          text(o.occurrence),
          text(o.unit.name),
          text(o.leadUnit.name),
          // The last day (a real date in a worksheet), with the time when the plan gives one.
          { type: 'date', text: o.dueAt ? formatDeadline(o.dueAt) : fmtDate(o.dueDate), value: o.dueDate },
          integer(o.daysOverdue, { tone: 'bad', strong: true }),
          integer(o.escalationLevel),
          text(fmtEscalation(o.escalationLevel)),
          text(fmtEscalation(o.escalationLevel)),
          text(coordinationText(o.coordinators)),
        ],
      })),
    },
    empty: { label: L.noOverdue },
  };
}

function indicator(c: ReportContent, ind: IndicatorRow): Group {
  return {
    heading: { text: ind.title },
    intro: [
      `${L.measure.vi}: ${ind.measure ?? TEXT.none} · ${L.target.vi}: `,
      { text: fmtTarget(ind.target), strong: true },
    ],
    keys: [text(ind.title), text(ind.measure), text(ind.target ? fmtTarget(ind.target) : null)],
    rows: [
      ...ind.values.map((v): Row => ({
        cells: [
          text(v.unit.name),
          text(v.period),
          number(v.value),
          text(fmtMeets(v.meetsTarget), {
            tone: v.meetsTarget === null ? 'muted' : v.meetsTarget ? 'good' : 'bad',
          }),
        ],
      })),
      // Print lists the units that have not reported in one line; a worksheet gives each its own row, the
      // view to chase them from.
      ...ind.missing.map((m): Row => ({
        cells: [text(m.name), text(c.period), number(null), text(L.missing.vi)],
        flagged: true,
        views: DATA,
      })),
    ],
    notes:
      ind.missing.length > 0
        ? [{ label: L.missing, detail: ind.missing.map((m) => m.name).join('; '), tone: 'bad' }]
        : [],
  };
}

function indicators(c: ReportContent): Section {
  return {
    id: 'indicators',
    heading: L.indicators,
    sheet: 'Chỉ tiêu',
    groups: {
      keyColumns: [
        column('indicator', L.indicator, 'text', undefined, 60, DATA),
        column('measure', L.measure, 'text', undefined, 12, DATA),
        column('target', L.target, 'text', undefined, 12, DATA),
      ],
      columns: [
        column('unit', L.unit, 'text', '*', 40),
        column('period', L.period, 'text', 70, 10),
        column('value', L.value, 'number', 70, 12),
        column('assessment', L.assessment, 'text', 70, 14),
      ],
      groups: c.indicators.map((ind) => indicator(c, ind)),
    },
    empty: { label: L.noIndicators },
  };
}

function criterion(cr: CriterionRow): Group {
  const label = criterionHeading(cr);
  return {
    heading: { text: label.vi },
    keys: [
      text(cr.criterion === '' ? criterionTitle('') : cr.criterion),
      integer(cr.tasks),
      integer(cr.done),
    ],
    rows:
      cr.evidence.length > 0
        ? cr.evidence.map((e) => {
            const href = safeHref(e.link);
            return {
              cells: [
                text(e.task.id),
                text(e.task.title),
                text(e.unit.name),
                dateTime(e.completedAt),
                text(e.late ? TEXT.late : TEXT.onTime, { tone: e.late ? 'bad' : 'good' }),
                text(e.documentNumber),
                date(e.documentDate),
                text(e.link, href ? { href } : {}),
                text(e.note),
                // Each file by its name (the bytes: the assignment's page, or the criterion's archive).
                text(e.files?.length ? e.files.map((f) => f.name).join('; ') : null),
                text(coordinationText(e.coordinators)),
              ],
            };
          })
        : // A criterion without evidence still gets a worksheet row, so its task counts show.
          [{ cells: [...blank(3), dateTime(null), ...blank(2), date(null), ...blank(4)], views: DATA }],
    notes: [],
    empty: { label: L.noEvidence, tone: 'muted' },
  };
}

const COORDINATION = { vi: 'Đơn vị phối hợp', en: 'Coordinating units' };

/** "Văn phòng UBND: đã báo cáo; Tư pháp: chưa báo cáo" — which coordinators contributed; empty when none. */
function coordinationText(parts: readonly CoordinatorPart[] | undefined): string | null {
  if (!parts?.length) return null;
  return parts.map((p) => `${p.name}: ${p.reported ? 'đã báo cáo' : 'chưa báo cáo'}`).join('; ');
}

function evidence(c: ReportContent): Section {
  return {
    id: 'evidence',
    heading: L.evidence,
    sheet: 'Minh chứng',
    groups: {
      keyColumns: [
        column('criterion', L.criterion, 'text', undefined, 18, DATA),
        column('tasks', L.tasks, 'integer', undefined, 10, DATA),
        column('done', L.done, 'integer', undefined, 10, DATA),
      ],
      columns: [
        column('taskId', L.taskId, 'text', undefined, 12, DATA),
        column('task', L.task, 'text', '*', 60),
        column('unit', L.unit, 'text', 110, 40),
        column('completedAt', L.completedAt, 'datetime', 66, 17),
        column('timeliness', L.timeliness, 'text', 44, 12),
        column('documentNumber', L.documentNumber, 'text', 64, 18),
        column('documentDate', L.documentDate, 'date', 48, 14),
        column('link', L.link, 'text', 110, 40),
        column('note', L.note, 'text', 100, 40),
        column('files', L.files, 'text', 100, 40),
        column('coordination', COORDINATION, 'text', 80, 40),
      ],
      groups: c.criteria.map(criterion),
    },
  };
}

/** The sections of a report, in reading order: summary, by unit, by area, overdue, indicators, evidence. */
export function reportSections(content: ReportContent): ReportSections {
  const c = withReadings(content);
  const periodLabel = c.periodLabel!;
  const ends = formatAsOf(cutOffOf(c));
  return {
    plan: { code: c.plan.code, title: c.plan.title, version: c.plan.version, issuer: c.plan.issuer.name },
    report: { id: c.report.id, title: c.report.title },
    period: c.period,
    periodLabel,
    interim: c.interim
      ? {
          label: c.interim.label,
          detail: {
            vi: `Kỳ báo cáo chưa kết thúc (kết thúc ${ends}); số liệu còn thay đổi.`,
            en: `Interim: the period ends with ${fmtDate(c.window.to)}; figures will change.`,
          },
        }
      : null,
    title: `${c.report.title} — ${periodLabel}${c.interim ? ` (${L.interim.vi.toLowerCase()})` : ''}`,
    generatedAt: c.generatedAt,
    generatedAtText: fmtDateTime(c.generatedAt),
    facts: facts(c),
    sections: [summary(c), byUnit(c), byArea(c), overdue(c), indicators(c), evidence(c)],
  };
}
