// The tables read from a Word or Excel file, as a grid: a merged cell fills every grid position it covers with its
// text, and each position remembers the cell it came from (`origin`), so a section row merged across the table
// and a lead unit merged down several rows read the way the document shows them.

export interface GridCell {
  /** The text of the (merged) cell, NFC, paragraphs joined by "\n". */
  text: string;
  /** Row and column (0-based, in this grid) of the merge's top-left cell; equal to its own for a plain cell. */
  origin: readonly [number, number];
}

export interface SourceTable {
  /** 1-based position among the document's tables (Word) or the workbook's sheets (Excel). */
  index: number;
  /** The worksheet's name (Excel only). */
  sheet?: string;
  rows: GridCell[][];
  /** Row number people see for grid row `i`: the Excel row, or the row within the Word table (from 1). */
  rowNumber: (i: number) => number;
  /** Column name people see for grid column `j`: the Excel letter, or the column number in the Word table. */
  columnName: (j: number) => string;
}

export interface SourceDocument {
  kind: 'docx' | 'xlsx';
  tables: SourceTable[];
  /** Text outside the task table, in reading order (title, number, date line), for the plan header. */
  paragraphs: string[];
}

export const cleanText = (s: string) =>
  s
    .normalize('NFC')
    .replace(/\u00a0/g, ' ')
    .replace(/[ \t]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .trim();

/** Excel's column letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(j: number): string {
  let s = '';
  for (let n = j + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
