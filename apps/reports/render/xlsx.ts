/**
 * The report as a workbook, one worksheet per section. Cells hold numbers and dates, not formatted text, so
 * readers can sort, filter and compute; formats only change how they look.
 */
import ExcelJS from 'exceljs';
import { L, spreadsheetDate, type Label } from './format.js';
import {
  cellsFor,
  forView,
  type Cell,
  type CellType,
  type Column,
  type Fact,
  type ReportSections,
  type Row,
  type Section,
} from './sections.js';

const NUMBER_FORMATS: Partial<Record<CellType, string>> = {
  integer: '#,##0',
  percent: '0.0%',
  points: '+0.0;-0.0;0.0',
  date: 'dd/mm/yyyy',
  datetime: 'dd/mm/yyyy hh:mm',
};
const FLAG_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFEBEE' } };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEEEEEE' } };

function cellValue(cell: Cell): ExcelJS.CellValue {
  const v = cell.value;
  switch (cell.type) {
    // Report rates are percents with one decimal; a spreadsheet percent is a fraction.
    case 'percent':
      return typeof v === 'number' ? Math.round(v * 10) / 1000 : null;
    case 'date':
    case 'datetime':
      return spreadsheetDate(typeof v === 'string' ? v : null);
    default:
      return cell.href ? { text: typeof v === 'string' ? v : cell.href, hyperlink: cell.href } : v;
  }
}

/** One worksheet: a bold, frozen, filterable header of both labels, then one row per line. */
function sheet(
  wb: ExcelJS.Workbook,
  doc: ReportSections,
  name: string,
  columns: { label: Label; width: number }[],
  rows: { cells: Cell[]; flagged?: boolean }[],
): void {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  // Printed sheets carry the title and, for a period not yet over, that the figures are an interim.
  const quote = (s: string) => s.replace(/&/g, '&&');
  ws.headerFooter.oddHeader = `&L${quote(doc.title)}${doc.interim ? `&R&B${quote(doc.interim.label)}` : ''}`;
  if (doc.interim) ws.properties.tabColor = { argb: 'FFC62828' };
  ws.columns = columns.map((c) => ({ width: c.width }));
  const header = ws.addRow(columns.map((c) => c.label.vi));
  header.height = 30;
  header.eachCell((cell) => {
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  });
  for (const row of rows) {
    const added = ws.addRow(row.cells.map(cellValue));
    row.cells.forEach((c, i) => {
      const cell = added.getCell(i + 1);
      const numFmt = NUMBER_FORMATS[c.type];
      if (numFmt) cell.numFmt = numFmt;
      if (row.flagged) cell.fill = FLAG_FILL;
    });
  }
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
}

const dataColumns = (columns: readonly Column[]) =>
  forView(columns, 'data').map((c) => ({ label: c.label, width: c.dataWidth ?? 12 }));

const dataRow = (columns: readonly Column[], row: Row, keys: Cell[] = []) => ({
  cells: [...keys, ...cellsFor(columns, row.cells, 'data')],
  ...(row.flagged ? { flagged: true } : {}),
});

/** Item and value: the header facts, then the summary figures. */
function summarySheet(wb: ExcelJS.Workbook, doc: ReportSections, s: Section, facts: readonly Fact[]): void {
  const text = (value: string): Cell => ({ type: 'text', text: value, value });
  sheet(
    wb,
    doc,
    s.sheet,
    [
      { label: L.item, width: 40 },
      { label: L.value, width: 70 },
    ],
    forView([...facts, ...(s.figures ?? [])], 'data').map((f) => ({
      cells: [text(f.label.vi), f.cell],
    })),
  );
}

export async function renderXlsx(doc: ReportSections): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Đôn Đốc';
  wb.title = doc.title;
  wb.subject = doc.plan.title;
  wb.company = doc.plan.issuer;
  // The generation instant, so the same stored report always yields the same properties.
  wb.created = new Date(doc.generatedAt);
  wb.modified = new Date(doc.generatedAt);

  for (const s of doc.sections) {
    if (s.figures) summarySheet(wb, doc, s, doc.facts);
    if (s.table) {
      const { columns, rows } = s.table;
      sheet(
        wb,
        doc,
        s.sheet,
        dataColumns(columns),
        forView(rows, 'data').map((row) => dataRow(columns, row)),
      );
    }
    if (s.groups) {
      // Flat rows, the group's keys repeated, so the sheet filters by indicator or criterion.
      const { keyColumns, columns, groups } = s.groups;
      sheet(
        wb,
        doc,
        s.sheet,
        [...dataColumns(keyColumns), ...dataColumns(columns)],
        groups.flatMap((g) => forView(g.rows, 'data').map((row) => dataRow(columns, row, g.keys))),
      );
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
