// Reads a .docx straight from its XML (jszip + fast-xml-parser) rather than through an HTML conversion: the grid
// of a table (w:gridSpan across, w:vMerge down) is what tells a section row from a task row and which rows a
// merged lead unit covers, and a direct read keeps it exactly (docs/import.md).
import { XMLParser } from 'fast-xml-parser';
import JSZip from 'jszip';
import { cleanText, type GridCell, type SourceDocument, type SourceTable } from './table.js';

const MAX_DOCUMENT_XML = 64 * 1024 * 1024;

type XNode = Record<string, unknown> & { ':@'?: Record<string, string> };

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
});

const tagOf = (n: XNode) => Object.keys(n).find((k) => k !== ':@')!;
const kids = (n: XNode) => (n[tagOf(n)] as XNode[] | undefined) ?? [];
const child = (n: XNode, tag: string) => kids(n).find((c) => tagOf(c) === tag);

/** A paragraph's or cell's visible text: runs, tabs and line breaks; nested tables read as lines. */
function textOf(n: XNode): string {
  const tag = tagOf(n);
  if (tag === '#text') return String(n['#text']);
  if (tag === 'w:t') return kids(n).map(textOf).join('');
  if (tag === 'w:tab') return ' ';
  if (tag === 'w:br' || tag === 'w:cr') return '\n';
  if (tag === 'w:delText' || tag === 'w:instrText' || tag === 'w:rPr' || tag === 'w:pPr') return '';
  if (tag === 'w:p') return kids(n).map(textOf).join('') + '\n';
  return kids(n).map(textOf).join('');
}

function readTable(tbl: XNode, index: number): SourceTable {
  const rows: GridCell[][] = [];
  for (const tr of kids(tbl).filter((c) => tagOf(c) === 'w:tr')) {
    const r = rows.length;
    const row: GridCell[] = [];
    const before = child(child(tr, 'w:trPr') ?? { x: [] }, 'w:gridBefore')?.[':@']?.['w:val'];
    let col = Number(before ?? 0);
    for (let k = 0; k < col; k++) row[k] = { text: '', origin: [r, k] };
    for (const tc of kids(tr).filter((c) => tagOf(c) === 'w:tc')) {
      const pr = child(tc, 'w:tcPr');
      const span = Number(pr && child(pr, 'w:gridSpan')?.[':@']?.['w:val']) || 1;
      const vMerge = pr && child(pr, 'w:vMerge');
      const continues = vMerge !== undefined && vMerge[':@']?.['w:val'] !== 'restart';
      const above = rows[r - 1]?.[col];
      const cell: GridCell =
        continues && above
          ? above
          : {
              text: cleanText(
                kids(tc)
                  .filter((c) => tagOf(c) !== 'w:tcPr')
                  .map(textOf)
                  .join(''),
              ),
              origin: [r, col],
            };
      for (let k = 0; k < span; k++) row[col + k] = cell;
      col += span;
    }
    rows.push(row);
  }
  const width = Math.max(0, ...rows.map((r) => r.length));
  rows.forEach((row, r) => {
    for (let k = 0; k < width; k++) row[k] ??= { text: '', origin: [r, k] };
  });
  return { index, rows, rowNumber: (i) => i + 1, columnName: (j) => String(j + 1) };
}

export async function readDocx(bytes: Uint8Array): Promise<SourceDocument> {
  const zip = await JSZip.loadAsync(bytes);
  const entry = zip.file('word/document.xml');
  // A few megabytes of ZIP may inflate to gigabytes: a plan's text is far below this.
  const inflated = (entry as unknown as { _data?: { uncompressedSize?: number } } | null)?._data
    ?.uncompressedSize;
  if (inflated !== undefined && inflated > MAX_DOCUMENT_XML) throw new Error('word/document.xml too large');
  const xml = await entry?.async('string');
  if (xml === undefined) throw new Error('word/document.xml missing');
  const doc = (parser.parse(xml) as XNode[]).find((n) => tagOf(n) === 'w:document');
  const body = doc && child(doc, 'w:body');
  if (!body) throw new Error('w:body missing');
  const tables: SourceTable[] = [];
  const paragraphs: string[] = [];
  const walk = (nodes: XNode[]) => {
    for (const n of nodes) {
      const tag = tagOf(n);
      if (tag === 'w:tbl') {
        const t = readTable(n, tables.length + 1);
        tables.push(t);
        // The header block (issuer, number, place and date) is often a borderless table: keep its lines too.
        for (const row of t.rows)
          for (const [j, c] of row.entries())
            if (c.origin[1] === j && c.origin[0] === t.rows.indexOf(row))
              paragraphs.push(...c.text.split('\n'));
      } else if (tag === 'w:p') paragraphs.push(cleanText(textOf(n)));
      else if (tag === 'w:sdt') walk(kids(child(n, 'w:sdtContent') ?? { x: [] }));
    }
  };
  walk(kids(body));
  return { kind: 'docx', tables, paragraphs: paragraphs.filter(Boolean) };
}
