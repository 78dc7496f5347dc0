/**
 * The per-unit table as CSV, the view users open in Excel: UTF-8 with a BOM so Excel reads the Vietnamese
 * text, CRLF line ends, plain numbers (dot decimals, rates in percent) and empty cells for missing figures.
 */
import { stringify } from 'csv-stringify/sync';
import { STATUS_LABELS, type ReportContent } from '../report-model.js';
import { L, STATUS_KEYS, TEXT, thresholdLabel } from './format.js';

export function renderCsv(c: ReportContent): Buffer {
  const header = [
    L.unitCode.vi,
    'Tên đơn vị',
    ...STATUS_KEYS.map((k) => STATUS_LABELS[k].vi),
    L.total.vi,
    `${L.completionRate.vi} (%)`,
    `${L.previousRate.vi} (%)`,
    L.change.vi,
    `${L.ytdOnTimeRate.vi} (%)`,
    thresholdLabel(c).vi,
    // Plain spaces: the no-break spaces of the printed labels are noise in a data file.
  ].map((label) => label.replace(/\u00a0/g, ' '));
  const rows = c.byUnit.map((u) => [
    u.unit.code,
    u.unit.name,
    ...STATUS_KEYS.map((k) => u[k]),
    u.total,
    u.completionRate,
    u.previousCompletionRate,
    u.change,
    u.ytdOnTimeRate,
    u.belowThreshold ? TEXT.yes : TEXT.no,
  ]);
  const text = stringify([header, ...rows], {
    bom: true,
    record_delimiter: 'windows',
    // Names are user-written; a leading = + - @ must not become a formula in Excel.
    escape_formulas: true,
    cast: { number: (n) => String(n) },
  });
  return Buffer.from(text, 'utf8');
}
