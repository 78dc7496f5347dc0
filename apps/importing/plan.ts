// Turns the task table into a plan file. Deadlines are never parsed here: each cell's phrase is written into the
// plan as it stands and the language's own checker decides (so every phrase the grammar learns is understood
// here too). A diagnostic on a generated line is traced back to the cell it came from; a phrase the checker
// refuses becomes a comment, a placeholder deadline and a warning positioned at its cell and at the line.
import { posix } from 'node:path';
import { checkPlan, parsePlan, type Diagnostic, type Sources } from '../../dsl/index.js';
import { findTaskTable, type AreaKeyword, type Field, type HeadingRow, type TaskRow } from './structure.js';
import type { SourceDocument, SourceTable } from './table.js';
import { fold, oneLine, quoted } from './text.js';
import { directoryEntry, UnitDirectory, type DirectoryEntry, type UnitMatch } from './units.js';

export interface Text {
  vi: string;
  en: string;
}

export interface CellPosition {
  /** 1-based table (Word) or sheet (Excel) number. */
  table: number;
  sheet?: string;
  /** Row as people see it: the Word table's row from 1, or the Excel row number. */
  row: number;
  /** Column as people see it: its number in the Word table, or the Excel letter. */
  column: string;
  /** The column's header ("Thời gian hoàn thành"). */
  header?: string;
  /** The cell's text. */
  text?: string;
}

export interface ImportWarning {
  /** IMxx for the importer's own findings, or the plan language's code (DD4012…) for a diagnostic traced back. */
  code: string;
  severity: 'warning' | 'info';
  message: Text;
  /** The checker's own words on the refused phrase (what it expected there). */
  detail?: Text;
  /** Where in the source document. */
  source?: CellPosition;
  /** Where, in words ("Bảng 2, dòng 15, cột «Thời gian hoàn thành»"). */
  where?: Text;
  /** The line of the generated plan file (from 1). */
  line?: number;
}

export interface ImportFigures {
  /** Task rows in the table. */
  rows: number;
  /** Task rows imported without any warning. */
  clean: number;
  /** Areas (section rows recognised as a reform area). */
  areas: number;
}

export interface ImportResult {
  text: string;
  warnings: ImportWarning[];
  figures: ImportFigures;
  /** The checker's diagnostics of the generated file, as `dondoc check` gives them. */
  diagnostics: Diagnostic[];
  /** Which table was read. */
  table?: { index: number; sheet?: string };
}

export interface ImportOptions {
  /** Name of the document read (for the generated file's first comment and messages). */
  fileName: string;
  /** Path of the plan file written; includes are relative to it. */
  entry: string;
  /** Path of the unit directory (`--units don-vi.dondoc`), read through `sources`. */
  units?: string;
  /** The directory and the files it includes: a map of path → text, or a loader. */
  sources?: Sources;
  year?: number;
  issuer?: string;
  title?: string;
}

export class ImportRefused extends Error {
  constructor(
    readonly code: 'no_task_table' | 'unreadable' | 'units_unreadable' | 'unknown_issuer',
    readonly text: Text,
  ) {
    super(text.en);
  }
}

const AREA_PREFIX: Record<AreaKeyword, string> = {
  'chỉ đạo điều hành': 'CĐ',
  'thể chế': 'TC',
  'thủ tục hành chính': 'TT',
  'tổ chức bộ máy': 'BM',
  'chế độ công vụ': 'CV',
  'tài chính công': 'TCC',
  'chính quyền số': 'CQS',
  'tuyên truyền': 'TTr',
  'kiểm tra': 'KT',
};
const AREA_TITLE: Record<AreaKeyword, string> = {
  'chỉ đạo điều hành': 'Công tác chỉ đạo, điều hành cải cách hành chính',
  'thể chế': 'Cải cách thể chế',
  'thủ tục hành chính': 'Cải cách thủ tục hành chính',
  'tổ chức bộ máy': 'Cải cách tổ chức bộ máy',
  'chế độ công vụ': 'Cải cách chế độ công vụ',
  'tài chính công': 'Cải cách tài chính công',
  'chính quyền số': 'Xây dựng, phát triển chính quyền số',
  'tuyên truyền': 'Thông tin, tuyên truyền cải cách hành chính',
  'kiểm tra': 'Kiểm tra cải cách hành chính',
};
const FIELD_LABEL: Record<Field, Text> = {
  stt: { vi: 'STT', en: 'No.' },
  task: { vi: 'Nội dung nhiệm vụ', en: 'Task' },
  lead: { vi: 'Chủ trì', en: 'Lead' },
  support: { vi: 'Phối hợp', en: 'Coordinating' },
  deadline: { vi: 'Thời gian hoàn thành', en: 'Completion time' },
  output: { vi: 'Sản phẩm', en: 'Output' },
  criterion: { vi: 'Tiêu chí', en: 'Criterion' },
  note: { vi: 'Ghi chú', en: 'Note' },
};
/** What a task whose deadline was not understood gets meanwhile: tracked, never falsely overdue. */
const PLACEHOLDER_DEADLINE = 'thường xuyên';

interface Finding {
  code: string;
  severity: 'warning' | 'info';
  message: Text;
  field?: Field;
  /** A comment written above the task in the plan (the finding in Vietnamese, with the cell's text). */
  comment?: string;
  line?: number;
}

interface Task {
  row: TaskRow;
  id: string;
  area: AreaKeyword;
  title: string;
  lead?: string;
  support: string[];
  deadline?: string;
  /** The checker's refusal of the deadline phrase, once seen. */
  deadlineRefused?: Diagnostic;
  findings: Finding[];
}

interface Origin {
  task: Task;
  field: Field;
}

function where(t: SourceTable, row: number, col: number | undefined, header: string | undefined): Text {
  const r = t.rowNumber(row);
  const h = header ? ` «${header}»` : '';
  if (t.sheet !== undefined) {
    const cell = col === undefined ? `dòng ${r}` : `ô ${t.columnName(col)}${r}`;
    const cellEn = col === undefined ? `row ${r}` : `cell ${t.columnName(col)}${r}`;
    return {
      vi: `Trang tính «${t.sheet}», ${cell}${header ? ` (cột${h})` : ''}`,
      en: `Sheet «${t.sheet}», ${cellEn}${header ? ` (column${h})` : ''}`,
    };
  }
  return {
    vi: `Bảng ${t.index}, dòng ${r}${col === undefined ? '' : `, cột ${t.columnName(col)}${h}`}`,
    en: `Table ${t.index}, row ${r}${col === undefined ? '' : `, column ${t.columnName(col)}${h}`}`,
  };
}

/** The plan header's facts from the text around the table: title, number and date of the document, year. */
export function headerFacts(paragraphs: string[]) {
  const lines = paragraphs.flatMap((p) => p.split('\n')).map((l) => l.trim());
  let title: string | undefined;
  const k = lines.findIndex((l) => fold(l) === 'ke hoach');
  if (k >= 0 && lines[k + 1])
    title = `Kế hoạch ${lines[k + 1]!.charAt(0).toLowerCase()}${lines[k + 1]!.slice(1)}`;
  else {
    const t = lines.find((l) => /^ke hoach .*nam \d{4}/.test(fold(l)));
    if (t) title = t.charAt(0) + t.slice(1).toLowerCase();
  }
  const number = lines.map((l) => /Số\s*:\s*(\d+\/[\p{L}\d/-]+)/u.exec(l)?.[1]).find(Boolean);
  const d = lines.map((l) => /ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})/.exec(l)).find(Boolean);
  const date = d ? `${d[1]!.padStart(2, '0')}/${d[2]!.padStart(2, '0')}/${d[3]}` : undefined;
  const titleYear = title ? /năm (\d{4})\b/.exec(title)?.[1] : undefined;
  // Else a heading such as "DANH MỤC NHIỆM VỤ … NĂM 2027", else the date (a plan dated from October is next year's).
  const anyYear = lines
    .map(fold)
    .filter((l) => !/ngay\s+\d{1,2}\s+thang/.test(l))
    .map((l) => /\bnam (20\d\d)\b/.exec(l)?.[1])
    .find(Boolean);
  const year = titleYear
    ? Number(titleYear)
    : anyYear
      ? Number(anyYear)
      : d
        ? Number(d[3]) + (Number(d[2]) >= 10 ? 1 : 0)
        : undefined;
  return { title: title?.replace(/\s+/g, ' '), number, date, year };
}

const slug = (s: string) =>
  fold(s)
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 40) || 'don_vi';

interface Directory {
  dir: UnitDirectory;
  /** Every name declared in the directory and its includes (a generated name must not collide). */
  names: Set<string>;
  policy?: string;
  issuer?: string;
  /** Units declared by the import itself when there is no directory. */
  declared: DirectoryEntry[];
  external: boolean;
}

function readDirectory(opts: ImportOptions): Directory {
  if (!opts.units || !opts.sources)
    return { dir: new UnitDirectory([]), names: new Set(), declared: [], external: false };
  // Its own errors are the checker's to report (they show in `dondoc check` of the result, under its path).
  const { files } = parsePlan(opts.sources, opts.units);
  if (!files.get(opts.units))
    throw new ImportRefused('units_unreadable', {
      vi: `Không đọc được danh bạ đơn vị ${opts.units}.`,
      en: `Cannot read the unit directory ${opts.units}.`,
    });
  const entries: DirectoryEntry[] = [];
  const names = new Set<string>();
  let policy: string | undefined;
  const parents = new Map<string, string | undefined>();
  for (const f of files.values())
    for (const item of f.items) {
      if (!('id' in item)) continue;
      names.add(item.id.text);
      if (item.kind === 'Unit') {
        entries.push(directoryEntry(item.id.text, item.title?.value, 'unit'));
        parents.set(item.id.text, item.parent?.value.text);
      } else if (item.kind === 'Group')
        entries.push(directoryEntry(item.id.text, item.title?.value, 'group'));
      else if (item.kind === 'Policy') policy ??= item.id.text;
    }
  // The issuer: the unit above all others (the one most units name as their parent, among those without one).
  const children = new Map<string, number>();
  for (const p of parents.values()) if (p) children.set(p, (children.get(p) ?? 0) + 1);
  const roots = [...parents].filter(([, p]) => !p).map(([id]) => id);
  const issuer = roots.sort((a, b) => (children.get(b) ?? 0) - (children.get(a) ?? 0))[0];
  return {
    dir: new UnitDirectory(entries),
    names,
    ...(policy ? { policy } : {}),
    ...(issuer ? { issuer } : {}),
    declared: [],
    external: true,
  };
}

function kindWord(name: string): string {
  const f = fold(name);
  for (const [re, kind] of [
    [/^so\b/, 'sở'],
    [/^(ubnd|uy ban)\b.*\b(xa|phuong|thi tran)\b/, 'xã'],
    [/^phong\b/, 'phòng'],
    [/^(van phong|vp)\b/, '"văn phòng"'],
    [/^ban\b/, 'ban'],
  ] as const)
    if (re.test(f)) return kind;
  return '"cơ quan"';
}

export function importTable(doc: SourceDocument, opts: ImportOptions): ImportResult {
  const found = findTaskTable(doc);
  if (!found)
    throw new ImportRefused('no_task_table', {
      vi: 'Không tìm thấy bảng nhiệm vụ: cần một dòng tiêu đề có các cột như «Nội dung nhiệm vụ», «Cơ quan chủ trì», «Thời gian hoàn thành».',
      en: 'No task table found: a header row with columns such as "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Thời gian hoàn thành" is needed.',
    });
  const { table, columns, rows } = found;
  // The header's facts come from the text around the table, never from the tasks' own cells.
  const inTable = new Set(
    table.rows.slice(columns.firstRow).flatMap((r) => r.flatMap((c) => [c.text, ...c.text.split('\n')])),
  );
  const facts = headerFacts(doc.paragraphs.filter((p) => !inTable.has(p)));
  const directory = readDirectory(opts);
  const year = opts.year ?? facts.year ?? new Date().getFullYear();
  const issuerId = opts.issuer ?? directory.issuer ?? 'co_quan_ban_hanh';
  if (directory.external && !directory.names.has(issuerId))
    throw new ImportRefused('unknown_issuer', {
      vi: `Danh bạ không có đơn vị mã «${issuerId}» để làm cơ quan ban hành.`,
      en: `The directory has no unit ${issuerId} to be the issuer.`,
    });
  // People read names, never identifiers: the messages name the issuer as the directory does.
  const issuerName = directory.dir.entries.find((e) => e.id === issuerId)?.title ?? 'cơ quan ban hành';
  const general: ImportWarning[] = [];
  const at = (row: number, f?: Field) =>
    where(
      table,
      row,
      f === undefined ? undefined : columns.at[f],
      f ? (columns.header[f] ?? FIELD_LABEL[f].vi) : undefined,
    );

  // Units named in the table, matched once per cell.
  const resolve = (task: Task, f: 'lead' | 'support', text: string): DirectoryEntry[] => {
    const matches: UnitMatch[] = directory.dir.match(text);
    const out: DirectoryEntry[] = [];
    for (const m of matches) {
      if (m.entry) {
        if (m.how === 'typo')
          task.findings.push({
            code: 'IM03',
            severity: 'warning',
            field: f,
            message: {
              vi: `Tên «${m.text}» không có trong danh bạ; đã hiểu là «${m.entry.title}» (có thể gõ sai).`,
              en: `"${m.text}" is not in the directory; read as "${m.entry.title}" (probably a typo).`,
            },
            comment: `«${m.text}» được hiểu là «${m.entry.title}» (${m.entry.id}): kiểm tra lại.`,
          });
        out.push(m.entry);
        continue;
      }
      if (!directory.external) {
        // No directory: the table's names become the plan's units.
        const e = directoryEntry(uniqueId(slug(m.text), directory), m.text, 'unit');
        directory.names.add(e.id);
        directory.declared.push(e);
        directory.dir.entries.push(e);
        out.push(e);
        continue;
      }
      task.findings.push(
        f === 'lead'
          ? {
              code: 'IM01',
              severity: 'warning',
              field: f,
              message: {
                vi: `Đơn vị chủ trì «${m.text}» không có trong danh bạ: tạm giao cho ${issuerName}.`,
                en: `Lead unit "${m.text}" is not in the directory: assigned to ${issuerName} meanwhile.`,
              },
              comment: `Chủ trì «${m.text}» không có trong danh bạ: tạm giao cho ${issuerId}.`,
            }
          : {
              code: 'IM02',
              severity: 'warning',
              field: f,
              message: {
                vi: `Đơn vị phối hợp «${m.text}» không có trong danh bạ: chưa đưa vào kế hoạch.`,
                en: `Coordinating unit "${m.text}" is not in the directory: left out of the plan.`,
              },
              comment: `Phối hợp «${m.text}» không có trong danh bạ: chưa đưa vào.`,
            },
      );
    }
    return out;
  };

  // Areas and tasks in table order; areas of one kind merged (the language merges them too).
  const areas = new Map<AreaKeyword, { title: string; tasks: Task[] }>();
  const headings = new Map<Task | AreaKeyword, string[]>();
  let current: AreaKeyword | undefined;
  let pendingHeadings: string[] = [];
  let recognised = 0;
  const counters = new Map<AreaKeyword, number>();
  for (const r of rows) {
    if (r.kind === 'heading') {
      if (r.area) {
        current = r.area;
        recognised++;
        if (!areas.has(r.area)) areas.set(r.area, { title: sectionTitle(r), tasks: [] });
      } else if (r.roman) {
        general.push({
          code: 'IM08',
          severity: 'warning',
          message: {
            vi: `Mục «${r.text}» không ứng với lĩnh vực cải cách nào: các nhiệm vụ của mục được xếp vào lĩnh vực trước đó.`,
            en: `Section "${r.text}" matches no reform area: its tasks go to the previous area.`,
          },
          source: {
            table: table.index,
            ...(table.sheet ? { sheet: table.sheet } : {}),
            row: table.rowNumber(r.row),
            column: table.columnName(0),
            text: r.text,
          },
          where: at(r.row),
        });
        pendingHeadings.push(r.text);
      } else pendingHeadings.push(r.text);
      continue;
    }
    const area = current ?? 'chỉ đạo điều hành';
    if (!areas.has(area)) areas.set(area, { title: AREA_TITLE[area], tasks: [] });
    const n = (counters.get(area) ?? 0) + 1;
    counters.set(area, n);
    const c = r.cells;
    const task: Task = {
      row: r,
      id: `${AREA_PREFIX[area]}.${String(n).padStart(2, '0')}`,
      area,
      title: oneLine(c.task?.text ?? ''),
      support: [],
      findings: [],
    };
    if (pendingHeadings.length) headings.set(task, pendingHeadings);
    pendingHeadings = [];
    if (!task.title) {
      task.title = `Nhiệm vụ ${c.stt?.text ?? n}`;
      task.findings.push({
        code: 'IM09',
        severity: 'warning',
        field: 'task',
        message: { vi: 'Dòng không có nội dung nhiệm vụ.', en: 'The row has no task text.' },
        comment: 'Dòng không có nội dung nhiệm vụ: hãy đặt tên nhiệm vụ.',
      });
    }
    const leads = c.lead ? resolve(task, 'lead', c.lead.text) : [];
    const supports = c.support ? resolve(task, 'support', c.support.text) : [];
    if (leads.length > 1)
      task.findings.push({
        code: 'IM04',
        severity: 'warning',
        field: 'lead',
        message: {
          vi: `Nhiều đơn vị chủ trì (${leads.map((e) => e.title).join('; ')}): mỗi nhiệm vụ chỉ có một đơn vị chủ trì; đơn vị đầu tiên chủ trì, các đơn vị còn lại phối hợp.`,
          en: `Several lead units (${leads.map((e) => e.title).join('; ')}): a task has exactly one lead; the first leads, the others coordinate.`,
        },
        comment: `Nhiều đơn vị chủ trì «${oneLine(c.lead!.text)}»: ${leads[0]!.id} chủ trì, các đơn vị khác phối hợp.`,
      });
    task.lead = leads[0]?.id;
    if (!task.lead) {
      if (!c.lead)
        task.findings.push({
          code: 'IM05',
          severity: 'warning',
          field: 'lead',
          message: {
            vi: `Dòng không ghi đơn vị chủ trì: tạm giao cho ${issuerName}.`,
            en: `No lead unit in the row: assigned to ${issuerName} meanwhile.`,
          },
          comment: `Chưa có đơn vị chủ trì: tạm giao cho ${issuerId}.`,
        });
      task.lead = issuerId;
    }
    task.support = [...new Set([...leads.slice(1), ...supports].map((e) => e.id))].filter(
      (id) => id !== task.lead,
    );
    if (c.deadline) {
      // Sentence case as typed in a cell ("Trước ngày 30/6") reads like the rest of the plan in lower case.
      const typed = oneLine(c.deadline.text).replace(/[\s.;,]+$/, '');
      const phrase = /^\p{Lu}\p{Ll}/u.test(typed) ? typed.charAt(0).toLowerCase() + typed.slice(1) : typed;
      // A "#" would start a comment and hide the rest of the phrase; a quote cannot be in a deadline either.
      if (/["“”#]/.test(phrase)) task.deadlineRefused = undefined;
      else task.deadline = phrase;
    } else
      task.findings.push({
        code: 'IM07',
        severity: 'warning',
        field: 'deadline',
        message: {
          vi: `Dòng không ghi thời gian hoàn thành: tạm ghi «${PLACEHOLDER_DEADLINE}».`,
          en: `No completion time in the row: "${PLACEHOLDER_DEADLINE}" meanwhile.`,
        },
        comment: `Chưa có thời gian hoàn thành: tạm ghi «${PLACEHOLDER_DEADLINE}».`,
      });
    areas.get(area)!.tasks.push(task);
  }

  const policyId = directory.policy ?? uniqueId('don_doc_thuong', directory);
  const include = opts.units
    ? posix.relative(posix.dirname(opts.entry), opts.units) || opts.units
    : undefined;
  const title = opts.title ?? facts.title ?? `Kế hoạch cải cách hành chính năm ${year}`;

  const render = () => {
    const lines: string[] = [];
    const origins = new Map<number, Origin>();
    const push = (s: string, o?: Origin) => {
      lines.push(s);
      if (o) origins.set(lines.length, o);
      return lines.length;
    };
    push(
      `# Nhập từ tệp «${oneLine(opts.fileName)}» (${where(table, columns.firstRow, undefined, undefined).vi.replace(/, dòng \d+$/, '')}).`,
    );
    push('# Các dòng "# [Nhập]" ghi lại ô chưa hiểu được: xem, sửa rồi xóa dòng đó trước khi ban hành.');
    push(`kế hoạch ${quoted(title)}:`);
    push(`  cơ quan ban hành: ${issuerId}`);
    if (facts.number && facts.date) push(`  quyết định: ${quoted(facts.number)} ngày ${facts.date}`);
    push(`  năm: ${year}`);
    push(`  chính sách: ${policyId}`);
    push('');
    if (include) {
      push(`bao gồm ${quoted(include)}`);
      push('');
    }
    if (!directory.external) {
      push('# Đơn vị lấy từ bảng (chưa có danh bạ): bổ sung loại, cấp trên, thư điện tử.');
      push(`đơn vị ${issuerId} "Cơ quan ban hành":`);
      push('  loại: "cơ quan"');
      push('');
      for (const e of directory.declared) {
        push(`đơn vị ${e.id} ${quoted(e.title)}:`);
        push(`  loại: ${kindWord(e.title)}`);
        push(`  cấp trên: ${issuerId}`);
        push('');
      }
    }
    if (!directory.policy) {
      push(`chính sách ${policyId} "Đôn đốc thông thường":`);
      push('  tiếp nhận trong: 2 ngày làm việc');
      push('  nhắc: trước 5 ngày làm việc, trước 1 ngày làm việc lúc 08:00, đúng hạn lúc 08:00');
      push('  leo thang:');
      push('    bậc 1 sau 1 ngày làm việc: thủ trưởng đơn vị');
      push('    bậc 2 sau 5 ngày làm việc: cấp trên');
      push('  tổng hợp: hằng tuần vào thứ hai lúc 07:30');
      push('');
    }
    for (const [kind, area] of areas) {
      push(`lĩnh vực ${kind} ${quoted(area.title)}:`);
      for (const [k, task] of area.tasks.entries()) {
        if (k > 0) push('');
        for (const h of headings.get(task) ?? []) push(`  # ${oneLine(h)}`);
        for (const f of task.findings)
          if (f.comment)
            f.line = push(`  # [Nhập] ${oneLine(f.comment)}`, { task, field: f.field ?? 'task' });
        const refused = task.deadline === undefined && task.row.cells.deadline;
        let refusedLine: number | undefined;
        if (task.deadlineRefused || refused)
          refusedLine = push(
            `  # [Nhập] Chưa hiểu thời hạn «${oneLine(task.row.cells.deadline!.text)}»: tạm ghi «${PLACEHOLDER_DEADLINE}».`,
            { task, field: 'deadline' },
          );
        const o = (field: Field) => ({ task, field });
        push(`  nhiệm vụ ${task.id} ${quoted(task.title)}:`, o('task'));
        push(`    chủ trì: ${task.lead}`, o('lead'));
        if (task.support.length) push(`    phối hợp: ${task.support.join(', ')}`, o('support'));
        push(
          `    thời hạn: ${task.deadline !== undefined && !task.deadlineRefused ? task.deadline : PLACEHOLDER_DEADLINE}`,
          o('deadline'),
        );
        if (task.row.cells.output) push(`    sản phẩm: ${quoted(task.row.cells.output.text)}`, o('output'));
        if (task.row.cells.criterion)
          push(`    tiêu chí: ${quoted(task.row.cells.criterion.text)}`, o('criterion'));
        const notes = [
          ...(refusedLine !== undefined
            ? [`Thời hạn trong văn bản: ${oneLine(task.row.cells.deadline!.text)}`]
            : []),
          ...(task.row.cells.note ? [oneLine(task.row.cells.note.text)] : []),
        ];
        if (notes.length)
          push(`    ghi chú: ${quoted(notes.join('. '))}`, o(task.row.cells.note ? 'note' : 'deadline'));
        (task as Task & { refusedLine?: number }).refusedLine = refusedLine;
      }
      push('');
    }
    while (lines.at(-1) === '') lines.pop();
    return { text: lines.join('\n') + '\n', origins };
  };

  const sources = opts.sources;
  const check = (text: string) =>
    checkPlan(
      (p: string) => (p === opts.entry ? text : typeof sources === 'function' ? sources(p) : sources?.get(p)),
      opts.entry,
    );

  let rendered = render();
  let checked = check(rendered.text);
  // Each pass sets aside the deadlines the checker refused; a refusal never comes back, so this ends.
  for (let pass = 0; pass < 50; pass++) {
    let changed = false;
    for (const d of checked.diagnostics) {
      if (d.file !== opts.entry || d.severity !== 'error') continue;
      const o = rendered.origins.get(d.range.start.line);
      if (o?.field === 'deadline' && o.task.deadline !== undefined && !o.task.deadlineRefused) {
        o.task.deadlineRefused = d;
        changed = true;
      }
    }
    if (!changed) break;
    rendered = render();
    checked = check(rendered.text);
  }

  // Findings become warnings with both positions; diagnostics on generated lines are traced to their cell.
  const warnings: ImportWarning[] = [...general];
  const positioned = (task: Task, field: Field | undefined) => {
    const col = field ? columns.at[field] : undefined;
    const cell = field ? task.row.cells[field] : undefined;
    return {
      source: {
        table: table.index,
        ...(table.sheet !== undefined ? { sheet: table.sheet } : {}),
        row: table.rowNumber(task.row.row),
        column: table.columnName(col ?? 0),
        ...(field && columns.header[field] ? { header: columns.header[field] } : {}),
        ...(cell ? { text: cell.text } : {}),
      },
      where: at(task.row.row, col === undefined ? undefined : field),
    };
  };
  const dirty = new Set<Task>();
  for (const area of areas.values())
    for (const task of area.tasks) {
      for (const f of task.findings) {
        warnings.push({
          code: f.code,
          severity: f.severity,
          message: f.message,
          ...positioned(task, f.field),
          ...(f.line ? { line: f.line } : {}),
        });
        if (f.severity === 'warning') dirty.add(task);
      }
      if (task.deadlineRefused || (task.deadline === undefined && task.row.cells.deadline)) {
        const d = task.deadlineRefused;
        const text = oneLine(task.row.cells.deadline!.text);
        warnings.push({
          code: 'IM06',
          severity: 'warning',
          message: {
            vi: `Ngôn ngữ kế hoạch chưa hiểu thời hạn «${text}»: tạm ghi «${PLACEHOLDER_DEADLINE}», thời hạn gốc giữ trong ghi chú.`,
            en: `The plan language does not understand the deadline "${text}": "${PLACEHOLDER_DEADLINE}" meanwhile, the original kept in the note.`,
          },
          ...(d ? { detail: d.message } : {}),
          ...positioned(task, 'deadline'),
          line: (task as Task & { refusedLine?: number }).refusedLine!,
        });
        dirty.add(task);
      }
    }
  if (!directory.external)
    warnings.push({
      code: 'IM11',
      severity: 'warning',
      message: {
        vi: `Chưa có danh bạ đơn vị: ${directory.declared.length} đơn vị lấy từ bảng được khai báo ngay trong kế hoạch và còn thiếu thư điện tử; hãy nhập lại với danh bạ, hoặc bổ sung trước khi ban hành.`,
        en: `No unit directory: ${directory.declared.length} units taken from the table are declared in the plan and lack e-mail addresses; import again with the directory, or complete them before publishing.`,
      },
    });
  for (const d of checked.diagnostics) {
    if (d.file !== opts.entry) continue;
    // Without a directory every unit lacks an address: said once above, not once per task.
    if (!directory.external && d.code === 'DD4008') continue;
    const o = rendered.origins.get(d.range.start.line);
    if (o && d.severity !== 'error') {
      warnings.push({
        code: d.code,
        severity: d.severity === 'warning' ? 'warning' : 'info',
        message: d.message,
        ...positioned(o.task, o.field),
        line: d.range.start.line,
      });
      if (d.severity === 'warning') dirty.add(o.task);
    } else if (d.severity === 'error')
      warnings.push({
        code: d.code,
        severity: 'warning',
        message: d.message,
        ...(o ? positioned(o.task, o.field) : {}),
        line: d.range.start.line,
      });
  }
  warnings.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  const taskCount = [...areas.values()].reduce((n, a) => n + a.tasks.length, 0);
  return {
    text: rendered.text,
    warnings,
    figures: { rows: taskCount, clean: taskCount - dirty.size, areas: recognised },
    diagnostics: checked.diagnostics,
    table: { index: table.index, ...(table.sheet !== undefined ? { sheet: table.sheet } : {}) },
  };
}

function sectionTitle(r: HeadingRow): string {
  const t = r.text.replace(/^[IVXL]+\s*[.:)-]?\s*/, '').replace(/\.$/, '');
  return t === t.toUpperCase() ? t.charAt(0) + t.slice(1).toLowerCase() : t;
}

function uniqueId(base: string, d: Directory): string {
  let id = base;
  for (let k = 2; d.names.has(id); k++) id = `${base}_${k}`;
  return id;
}
