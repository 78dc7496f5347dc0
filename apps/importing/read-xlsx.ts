// Reads a workbook with exceljs (already the product's XLSX library): every sheet is a table; a merged range
// fills each of its cells with the master cell's text.
import ExcelJS from 'exceljs';
import { cleanText, columnLetter, type GridCell, type SourceDocument, type SourceTable } from './table.js';

export async function readXlsx(bytes: Uint8Array): Promise<SourceDocument> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  const tables: SourceTable[] = [];
  const paragraphs: string[] = [];
  wb.eachSheet((ws) => {
    const rows: GridCell[][] = [];
    const width = ws.columnCount;
    for (let r = 1; r <= ws.rowCount; r++) {
      const row: GridCell[] = [];
      for (let c = 1; c <= width; c++) {
        const cell = ws.getCell(r, c);
        const master = cell.isMerged ? cell.master : cell;
        row.push({
          text: cleanText(master.text ?? ''),
          origin: [Number(master.row) - 1, Number(master.col) - 1],
        });
      }
      rows.push(row);
    }
    tables.push({
      index: tables.length + 1,
      sheet: ws.name,
      rows,
      rowNumber: (i) => i + 1,
      columnName: columnLetter,
    });
  });
  for (const t of tables)
    for (const [i, row] of t.rows.entries())
      for (const [j, c] of row.entries())
        if (c.text && c.origin[0] === i && c.origin[1] === j) paragraphs.push(c.text);
  return { kind: 'xlsx', tables, paragraphs };
}
