/**
 * The report as a workbook, one worksheet per view. Cells hold numbers and dates, not formatted text, so
 * readers can sort, filter and compute; formats only change how they look.
 */
import ExcelJS from 'exceljs';
import { STATUS_LABELS, type ReportContent, type UnitRow } from '../report-model.js';
import {
  L,
  STATUS_KEYS,
  TEXT,
  criterionTitle,
  fmtEscalation,
  fmtMeets,
  fmtTarget,
  safeHref,
  spreadsheetDate,
  thresholdLabel,
  type Label,
} from './format.js';

export const SHEETS = {
  summary: 'Tổng hợp',
  byUnit: 'Theo đơn vị',
  byArea: 'Theo lĩnh vực',
  overdue: 'Quá hạn',
  indicators: 'Chỉ tiêu',
  evidence: 'Minh chứng',
} as const;

const PERCENT = '0.0%';
const POINTS = '+0.0;-0.0;0.0';
const INTEGER = '#,##0';
const DATE = 'dd/mm/yyyy';
const DATE_TIME = 'dd/mm/yyyy hh:mm';
const FLAG_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFEBEE' } };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEEEEEE' } };

/** Model rates are percents with one decimal; a spreadsheet percent is a fraction. */
const fraction = (rate: number | null) => (rate === null ? null : Math.round(rate * 10) / 1000);

interface Column<T> {
  label: Label;
  width: number;
  value: (row: T) => ExcelJS.CellValue;
  numFmt?: string | ((row: T) => string | undefined);
}

function sheet<T>(
  wb: ExcelJS.Workbook,
  name: string,
  columns: Column<T>[],
  rows: readonly T[],
  flag?: (row: T) => boolean,
): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ width: c.width }));
  const header = ws.addRow(columns.map((c) => `${c.label.vi}\n${c.label.en}`));
  header.height = 30;
  header.eachCell((cell) => {
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  });
  for (const row of rows) {
    const added = ws.addRow(columns.map((c) => c.value(row)));
    columns.forEach((c, i) => {
      const cell = added.getCell(i + 1);
      const numFmt = typeof c.numFmt === 'function' ? c.numFmt(row) : c.numFmt;
      if (numFmt) cell.numFmt = numFmt;
      if (flag?.(row)) cell.fill = FLAG_FILL;
    });
  }
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return ws;
}

function statusColumns<T extends Record<(typeof STATUS_KEYS)[number] | 'total', number>>(): Column<T>[] {
  return [
    ...STATUS_KEYS.map((k) => ({
      label: STATUS_LABELS[k],
      width: 14,
      value: (r: T) => r[k],
      numFmt: INTEGER,
    })),
    { label: L.total, width: 14, value: (r: T) => r.total, numFmt: INTEGER },
  ];
}

type SummaryRow = [Label, ExcelJS.CellValue, string?];

function summaryRows(c: ReportContent): SummaryRow[] {
  const tt = c.totals;
  return [
    [L.plan, c.plan.title],
    [{ vi: 'Mã kế hoạch', en: 'Plan code' }, c.plan.code],
    [{ vi: 'Phiên bản', en: 'Version' }, c.plan.version],
    [L.issuer, c.plan.issuer.name],
    [L.report, c.report.title],
    [L.period, c.period],
    [L.windowFrom, spreadsheetDate(c.window.from), DATE],
    [L.windowTo, spreadsheetDate(c.window.to), DATE],
    [L.asOf, spreadsheetDate(c.asOf), DATE_TIME],
    [L.previous, c.previous?.period ?? null],
    [L.generatedAt, spreadsheetDate(c.generatedAt), DATE_TIME],
    [L.threshold, fraction(c.onTimeThreshold), PERCENT],
    ...STATUS_KEYS.map((k): SummaryRow => [STATUS_LABELS[k], tt[k], INTEGER]),
    [L.total, tt.total, INTEGER],
    [L.completionRate, fraction(tt.completionRate), PERCENT],
    [L.previousRate, fraction(tt.previousCompletionRate), PERCENT],
    [L.change, tt.change, POINTS],
    [L.ongoing, tt.ongoing, INTEGER],
  ];
}

export async function renderXlsx(c: ReportContent): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Đôn Đốc';
  wb.title = `${c.report.title} — ${c.period}`;
  wb.subject = c.plan.title;
  wb.company = c.plan.issuer.name;
  // The generation instant, so the same stored report always yields the same properties.
  wb.created = new Date(c.generatedAt);
  wb.modified = new Date(c.generatedAt);

  sheet<SummaryRow>(
    wb,
    SHEETS.summary,
    [
      { label: L.item, width: 34, value: ([label]) => label.vi },
      { label: { vi: 'Tiếng Anh', en: 'English' }, width: 30, value: ([label]) => label.en },
      { label: L.value, width: 70, value: ([, value]) => value, numFmt: ([, , format]) => format },
    ],
    summaryRows(c),
  );

  const flag = thresholdLabel(c);
  sheet<UnitRow>(
    wb,
    SHEETS.byUnit,
    [
      { label: L.unitCode, width: 12, value: (u) => u.unit.code },
      { label: L.unit, width: 44, value: (u) => u.unit.name },
      ...statusColumns<UnitRow>(),
      { label: L.completionRate, width: 14, value: (u) => fraction(u.completionRate), numFmt: PERCENT },
      { label: L.previousRate, width: 14, value: (u) => fraction(u.previousCompletionRate), numFmt: PERCENT },
      { label: L.change, width: 14, value: (u) => u.change, numFmt: POINTS },
      { label: L.ytdOnTimeRate, width: 16, value: (u) => fraction(u.ytdOnTimeRate), numFmt: PERCENT },
      { label: flag, width: 16, value: (u) => (u.belowThreshold ? TEXT.yes : TEXT.no) },
    ],
    c.byUnit,
    (u) => u.belowThreshold,
  );

  type AreaRow = ReportContent['byArea'][number];
  sheet<AreaRow>(
    wb,
    SHEETS.byArea,
    [
      { label: L.areaId, width: 16, value: (a) => a.area.id },
      { label: L.area, width: 40, value: (a) => a.area.title },
      ...statusColumns<AreaRow>(),
      { label: L.completionRate, width: 14, value: (a) => fraction(a.completionRate), numFmt: PERCENT },
    ],
    c.byArea,
  );

  type OverdueRow = ReportContent['overdue'][number];
  sheet<OverdueRow>(
    wb,
    SHEETS.overdue,
    [
      { label: L.taskId, width: 12, value: (o) => o.task.id },
      { label: L.task, width: 60, value: (o) => o.task.title },
      { label: L.area, width: 28, value: (o) => o.area.title },
      { label: L.occurrence, width: 12, value: (o) => o.occurrence },
      { label: L.unitCode, width: 12, value: (o) => o.unit.code },
      { label: L.assignee, width: 40, value: (o) => o.unit.name },
      { label: L.leadUnit, width: 40, value: (o) => o.leadUnit.name },
      { label: L.dueDate, width: 14, value: (o) => spreadsheetDate(o.dueDate), numFmt: DATE },
      { label: L.daysOverdue, width: 12, value: (o) => o.daysOverdue, numFmt: INTEGER },
      { label: L.escalation, width: 12, value: (o) => o.escalationLevel, numFmt: INTEGER },
      {
        label: { vi: 'Diễn giải', en: 'Level text' },
        width: 16,
        value: (o) => fmtEscalation(o.escalationLevel),
      },
      { label: L.assignmentId, width: 40, value: (o) => o.assignmentId },
    ],
    c.overdue,
  );

  // One row per reported value, then one per unit that has not reported: the view to chase them from.
  interface IndicatorLine {
    ind: ReportContent['indicators'][number];
    unit: { code: string; name: string };
    period: string | null;
    value: number | null;
    assessment: string;
  }
  const indicatorLines: IndicatorLine[] = c.indicators.flatMap((ind) => [
    ...ind.values.map((v) => ({
      ind,
      unit: v.unit,
      period: v.period,
      value: v.value,
      assessment: fmtMeets(v.meetsTarget),
    })),
    ...ind.missing.map((unit) => ({ ind, unit, period: c.period, value: null, assessment: L.missing.vi })),
  ]);
  sheet<IndicatorLine>(
    wb,
    SHEETS.indicators,
    [
      { label: L.indicatorId, width: 12, value: (l) => l.ind.id },
      { label: L.indicator, width: 60, value: (l) => l.ind.title },
      { label: L.measure, width: 12, value: (l) => l.ind.measure },
      { label: L.target, width: 12, value: (l) => (l.ind.target ? fmtTarget(l.ind.target) : null) },
      { label: L.unitCode, width: 12, value: (l) => l.unit.code },
      { label: L.unit, width: 40, value: (l) => l.unit.name },
      { label: L.period, width: 10, value: (l) => l.period },
      { label: L.value, width: 12, value: (l) => l.value },
      { label: L.assessment, width: 14, value: (l) => l.assessment },
    ],
    indicatorLines,
    (l) => l.value === null,
  );

  // Flat rows, the criterion repeated, so the sheet filters by criterion; a criterion without evidence
  // still gets a row so its task counts show.
  interface EvidenceLine {
    cr: ReportContent['criteria'][number];
    e: ReportContent['criteria'][number]['evidence'][number] | null;
  }
  const evidenceLines = c.criteria.flatMap((cr): EvidenceLine[] =>
    cr.evidence.length > 0 ? cr.evidence.map((e) => ({ cr, e })) : [{ cr, e: null }],
  );
  sheet<EvidenceLine>(
    wb,
    SHEETS.evidence,
    [
      {
        label: L.criterion,
        width: 18,
        value: ({ cr }) => (cr.criterion === '' ? criterionTitle('') : cr.criterion),
      },
      { label: L.tasks, width: 10, value: ({ cr }) => cr.tasks, numFmt: INTEGER },
      { label: L.done, width: 10, value: ({ cr }) => cr.done, numFmt: INTEGER },
      { label: L.taskId, width: 12, value: ({ e }) => e?.task.id ?? null },
      { label: L.task, width: 60, value: ({ e }) => e?.task.title ?? null },
      { label: L.unitCode, width: 12, value: ({ e }) => e?.unit.code ?? null },
      { label: L.unit, width: 40, value: ({ e }) => e?.unit.name ?? null },
      {
        label: L.completedAt,
        width: 17,
        value: ({ e }) => spreadsheetDate(e?.completedAt ?? null),
        numFmt: DATE_TIME,
      },
      { label: L.timeliness, width: 12, value: ({ e }) => (e ? (e.late ? TEXT.late : TEXT.onTime) : null) },
      { label: L.documentNumber, width: 18, value: ({ e }) => e?.documentNumber ?? null },
      {
        label: L.documentDate,
        width: 14,
        value: ({ e }) => spreadsheetDate(e?.documentDate ?? null),
        numFmt: DATE,
      },
      {
        label: L.link,
        width: 40,
        value: ({ e }) => {
          const href = safeHref(e?.link ?? null);
          return href ? { text: e?.link ?? href, hyperlink: href } : (e?.link ?? null);
        },
      },
      { label: L.note, width: 40, value: ({ e }) => e?.note ?? null },
    ],
    evidenceLines,
  );

  return Buffer.from(await wb.xlsx.writeBuffer());
}
