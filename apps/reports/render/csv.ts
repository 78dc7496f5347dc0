/**
 * The per-unit table as CSV, the view users open in Excel: UTF-8 with a BOM so Excel reads the Vietnamese
 * text, CRLF line ends, plain numbers (dot decimals, rates in percent) and empty cells for missing figures.
 * Each row starts with the period in words and the status of the figures ("Tạm tính đến …" for a period not
 * yet over), so a file passed on alone still says what it is.
 */
import { stringify } from 'csv-stringify/sync';
import { L, TEXT } from './format.js';
import { cellsFor, forView, type Column, type ReportSections } from './sections.js';

/** The name column is titled for what it holds, next to the code. */
const HEADERS: Record<string, string> = { unit: 'Tên đơn vị' };

function header(column: Column): string {
  const label = HEADERS[column.id] ?? column.label.vi;
  // Rates are plain numbers here, so the header carries the unit. Plain spaces: the no-break spaces of
  // the printed labels are noise in a data file.
  return (column.type === 'percent' ? `${label} (%)` : label).replace(/\u00a0/g, ' ');
}

export function renderCsv(doc: ReportSections): Buffer {
  const table = doc.sections.find((s) => s.id === 'byUnit')?.table;
  if (!table) throw new Error('The report has no per-unit table');
  const lead = [doc.periodLabel, doc.interim?.label ?? TEXT.final];
  const rows = forView(table.rows, 'data').map((row) => [
    ...lead,
    ...cellsFor(table.columns, row.cells, 'data').map((c) => c.value),
  ]);
  const headers = [L.period.vi, L.status.vi, ...forView(table.columns, 'data').map(header)];
  const text = stringify([headers, ...rows], {
    bom: true,
    record_delimiter: 'windows',
    // Names are user-written; a leading = + - @ must not become a formula in Excel.
    escape_formulas: true,
    cast: { number: (n) => String(n) },
  });
  return Buffer.from(text, 'utf8');
}
