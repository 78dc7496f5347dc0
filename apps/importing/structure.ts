// Finding the task table and reading its rows: the header row by its words (two header rows when "Cơ quan thực
// hiện" spans "Chủ trì" and "Phối hợp"), the column-number row under it skipped, section rows ("I. CẢI CÁCH THỂ
// CHẾ", merged across the table or with the numeral in its own cell) as areas, other headings kept as comments.
import type { GridCell, SourceDocument, SourceTable } from './table.js';
import { fold } from './text.js';

export type Field = 'stt' | 'task' | 'lead' | 'support' | 'deadline' | 'output' | 'criterion' | 'note';

/** Header words → column meaning, the more specific first ("Thời gian hoàn thành nhiệm vụ" is a deadline). */
const FIELD_WORDS: [Field, RegExp][] = [
  ['lead', /chu tri/],
  ['support', /phoi hop/],
  ['deadline', /thoi gian|thoi han|hoan thanh|tien do/],
  ['output', /san pham|ket qua/],
  ['criterion', /tieu chi/],
  ['note', /ghi chu/],
  ['stt', /^(s\.?\s?tt|tt|so tt|so thu tu)$/],
  // One "Cơ quan thực hiện" column without "Chủ trì"/"Phối hợp" under it: the units that carry the task out.
  ['lead', /\b(co quan|don vi)\b/],
  ['task', /noi dung|nhiem vu|cong viec|\bten\b/],
];

export type AreaKeyword =
  | 'chỉ đạo điều hành'
  | 'thể chế'
  | 'thủ tục hành chính'
  | 'tổ chức bộ máy'
  | 'chế độ công vụ'
  | 'tài chính công'
  | 'chính quyền số'
  | 'tuyên truyền'
  | 'kiểm tra';

const AREA_WORDS: [AreaKeyword, RegExp][] = [
  ['chỉ đạo điều hành', /chi dao|dieu hanh/],
  ['thể chế', /the che/],
  ['thủ tục hành chính', /thu tuc hanh chinh/],
  ['tổ chức bộ máy', /to chuc bo may|bo may/],
  ['chế độ công vụ', /cong vu|can bo, cong chuc|doi ngu/],
  ['tài chính công', /tai chinh cong/],
  ['chính quyền số', /chinh (phu|quyen) (dien tu|so)|chuyen doi so/],
  ['tuyên truyền', /tuyen truyen/],
  ['kiểm tra', /kiem tra/],
];

export function areaOf(heading: string): AreaKeyword | undefined {
  const f = fold(heading);
  return AREA_WORDS.find(([, re]) => re.test(f))?.[0];
}

export interface Columns {
  /** Grid column of each field found. */
  at: Partial<Record<Field, number>>;
  /** The header's words for each field, as written (for messages: cột «Thời gian hoàn thành»). */
  header: Partial<Record<Field, string>>;
  /** Index of the first row after the header (and the column-number row). */
  firstRow: number;
}

function classify(text: string): Field | undefined {
  const f = fold(text).replace(/\s+/g, ' ').trim();
  return FIELD_WORDS.find(([, re]) => re.test(f))?.[0];
}

const same = (a: GridCell | undefined, b: GridCell | undefined) =>
  !!a && !!b && a.origin[0] === b.origin[0] && a.origin[1] === b.origin[1];
const distinct = (row: GridCell[]) => row.filter((c, j) => row.findIndex((d) => same(d, c)) === j);

/** The header of a task table: the first row (within 30) naming at least a task, a lead and a deadline column. */
export function findColumns(t: SourceTable): Columns | undefined {
  for (let i = 0; i < Math.min(t.rows.length, 30); i++) {
    const row = t.rows[i]!;
    const next = t.rows[i + 1];
    const texts = row.map((c, j) => {
      // A second header row under a merged "Cơ quan thực hiện": its words complete the column's name.
      const below = next?.[j];
      const sub =
        below &&
        !same(below, c) &&
        below.text &&
        classify(below.text) &&
        row.some((x, k) => k !== j && same(x, c)) &&
        // …a group header over a few columns, not a title merged across the whole table.
        row.some((x) => !same(x, c)) &&
        c.text.length <= 60
          ? below.text
          : '';
      return `${c.text} ${sub}`.trim();
    });
    // The name people read for a column: the lower header row's ("Chủ trì") when there are two.
    const names = row.map((c, j) => (texts[j] !== c.text ? texts[j]!.slice(c.text.length).trim() : c.text));
    const at: Columns['at'] = {};
    const header: Columns['header'] = {};
    texts.forEach((text, j) => {
      const f = classify(text);
      if (f && at[f] === undefined) {
        at[f] = j;
        header[f] = names[j]!.replace(/\s+/g, ' ');
      }
    });
    if (at.task === undefined || at.lead === undefined || at.deadline === undefined) continue;
    // Three different cells, not one sentence merged across the row that happens to use the words.
    if (same(row[at.task], row[at.lead]) || same(row[at.task], row[at.deadline])) continue;
    const twoRows = texts.some((x, j) => x !== row[j]!.text);
    let firstRow = i + (twoRows ? 2 : 1);
    const numbers = t.rows[firstRow];
    if (numbers && distinct(numbers).every((c) => /^\(?\d{1,2}\)?$/.test(c.text) || !c.text)) firstRow++;
    return { at, header, firstRow };
  }
  return undefined;
}

export interface TaskRow {
  kind: 'task';
  /** Grid row. */
  row: number;
  cells: Partial<Record<Field, { text: string; col: number }>>;
}
export interface HeadingRow {
  kind: 'heading';
  row: number;
  text: string;
  /** A numbered section ("I.", "II") naming a reform area. */
  area?: AreaKeyword;
  roman: boolean;
}

const ROMAN = /^(?=[IVXL])(L?X{0,3})(IX|IV|V?I{0,3})\b\.?/;

/** The rows of the table after its header: tasks and headings, empty rows dropped. */
export function readRows(t: SourceTable, cols: Columns): (TaskRow | HeadingRow)[] {
  const out: (TaskRow | HeadingRow)[] = [];
  for (let i = cols.firstRow; i < t.rows.length; i++) {
    const row = t.rows[i]!;
    const cell = (f: Field) => (cols.at[f] === undefined ? undefined : row[cols.at[f]!]);
    // Own text only: a cell merged down from the row above repeats its text here (a lead covering two tasks),
    // a cell merged across the row is a heading.
    const task = cell('task');
    const own = distinct(row).filter((c) => c.text);
    if (own.length === 0) continue;
    const stt = cell('stt');
    const numbered = stt && stt.origin[0] === i && !same(stt, task) && /^\d+([.,]\d+)*\.?$/.test(stt.text);
    const sameAsTask = (f: Field) => {
      const c = cell(f);
      return !c || !c.text || same(c, task);
    };
    const heading =
      !numbered &&
      sameAsTask('lead') &&
      sameAsTask('deadline') &&
      sameAsTask('support') &&
      sameAsTask('output');
    if (heading) {
      const text = own
        .filter((c) => c.origin[0] === i)
        .map((c) => c.text.replace(/\s*\n\s*/g, ' '))
        .join('. ')
        .replace(/\.\.\s/g, '. ');
      if (!text) continue;
      const roman = ROMAN.test(text) && /^[IVXL]+\b/.test(text);
      const area = roman || text === text.toUpperCase() ? areaOf(text) : undefined;
      out.push({ kind: 'heading', row: i, text, roman, ...(area ? { area } : {}) });
      continue;
    }
    const cells: TaskRow['cells'] = {};
    for (const f of Object.keys(cols.at) as Field[]) {
      const c = cell(f)!;
      if (c.text) cells[f] = { text: c.text, col: cols.at[f]! };
    }
    out.push({ kind: 'task', row: i, cells });
  }
  return out;
}

/** The document's task table: the table whose header is found and that has the most task rows. */
export function findTaskTable(doc: SourceDocument) {
  let best: { table: SourceTable; columns: Columns; rows: (TaskRow | HeadingRow)[] } | undefined;
  for (const table of doc.tables) {
    const columns = findColumns(table);
    if (!columns) continue;
    const rows = readRows(table, columns);
    const n = rows.filter((r) => r.kind === 'task').length;
    if (!best || n > best.rows.filter((r) => r.kind === 'task').length) best = { table, columns, rows };
  }
  return best;
}
