// The plan import on the fixtures LibreOffice wrote (scripts/make-import-fixtures.mjs): the same appendix table
// as DOCX and XLSX reads into the same plan, which the checker accepts, with every refusal traced to its cell.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { importPlan, readDocx, readXlsx, type ImportResult } from '../../apps/importing/index.js';
import { findTaskTable } from '../../apps/importing/structure.js';
import { checkPlan, hasErrors, parsePlan, type Task } from '../../dsl/index.js';

const FIXTURE = 'test/fixtures/import/ke-hoach-tinh-2027';
const UNITS = 'plans/tinh-dak-lak-2027/don-vi.dondoc';
const ENTRY = 'plans/tinh-dak-lak-2027/nhap.dondoc';
const disk = (p: string) => (existsSync(p) && statSync(p).isFile() ? readFileSync(p, 'utf8') : undefined);

async function run(ext: 'docx' | 'xlsx'): Promise<ImportResult> {
  return importPlan(readFileSync(`${FIXTURE}.${ext}`), {
    fileName: `ke-hoach-tinh-2027.${ext}`,
    entry: ENTRY,
    units: UNITS,
    sources: disk,
  });
}

const tasksOf = (text: string): Task[] => {
  const { ast } = parsePlan((p) => (p === ENTRY ? text : disk(p)), ENTRY);
  return ast!.items.flatMap((i) => (i.kind === 'Area' ? i.tasks : []));
};

describe('reading the tables', () => {
  it('DOCX: the header block and the task table; merged cells fill every position they cover', async () => {
    const doc = await readDocx(readFileSync(`${FIXTURE}.docx`));
    expect(doc.tables).toHaveLength(2);
    expect(doc.paragraphs).toContain('Số: 3012/KH-UBND');
    const found = findTaskTable(doc)!;
    expect(found.table.index).toBe(2);
    // Two header rows ("Cơ quan thực hiện" over "Chủ trì" / "Phối hợp") and the column-number row are skipped.
    expect(found.columns.header).toMatchObject({
      lead: 'Chủ trì',
      support: 'Phối hợp',
      deadline: 'Thời gian hoàn thành',
    });
    expect(found.columns.firstRow).toBe(3);
    const rows = found.table.rows;
    // "Sở Tư pháp" is merged down over tasks 10 and 11 (w:vMerge): both rows read it, from one origin.
    const r10 = rows.findIndex((r) => r[0]!.text === '10');
    expect(rows[r10 + 1]![0]!.text).toBe('11');
    expect(rows[r10 + 1]![2]).toMatchObject({ text: 'Sở Tư pháp', origin: [r10, 2] });
    // A section merged across the whole table (w:gridSpan 6).
    const section = rows.find((r) => /^[IVX]+\. /.test(r[0]!.text))!;
    expect(new Set(section.map((c) => c.origin.join()))).toHaveProperty('size', 1);
  });

  it('XLSX: merged ranges give the master cell text to every cell, positions in Excel terms', async () => {
    const doc = await readXlsx(readFileSync(`${FIXTURE}.xlsx`));
    const found = findTaskTable(doc)!;
    expect(found.table.sheet).toBeTruthy();
    const tasks = found.rows.filter((r) => r.kind === 'task');
    expect(tasks).toHaveLength(46);
    const t11 = tasks.find((t) => t.cells.stt?.text === '11')!;
    expect(t11.cells.lead?.text).toBe('Sở Tư pháp');
    expect(found.table.columnName(t11.cells.lead!.col)).toBe('C');
  });

  it('section rows become the nine reform areas; a numbered sub-heading is kept as a comment', async () => {
    const doc = await readDocx(readFileSync(`${FIXTURE}.docx`));
    const headings = findTaskTable(doc)!.rows.filter((r) => r.kind === 'heading');
    expect(headings.filter((h) => h.area).map((h) => h.area)).toEqual([
      'chỉ đạo điều hành',
      'thể chế',
      'thủ tục hành chính',
      'tổ chức bộ máy',
      'chế độ công vụ',
      'tài chính công',
      'chính quyền số',
      'tuyên truyền',
      'kiểm tra',
    ]);
    expect(headings.filter((h) => !h.area).map((h) => h.text)).toEqual([
      '1. Kiểm soát, công bố thủ tục hành chính',
      '2. Thực hiện cơ chế một cửa, một cửa liên thông',
    ]);
  });
});

describe.each(['docx', 'xlsx'] as const)('importing the %s fixture', (ext) => {
  let r: ImportResult;
  beforeAll(async () => {
    r = await run(ext);
  });

  it('writes a plan the checker accepts, with the header read from the document', () => {
    const checked = checkPlan((p) => (p === ENTRY ? r.text : disk(p)), ENTRY);
    expect(
      hasErrors(checked.diagnostics),
      JSON.stringify(checked.diagnostics.filter((d) => d.severity === 'error')),
    ).toBe(false);
    expect(r.text).toContain('kế hoạch "Kế hoạch cải cách hành chính nhà nước tỉnh Đắk Lắk năm 2027":');
    expect(r.text).toContain('  quyết định: "3012/KH-UBND" ngày 25/12/2026');
    expect(r.text).toContain('  cơ quan ban hành: ubnd_tinh');
    expect(r.text).toContain('bao gồm "don-vi.dondoc"');
  });

  it('figures: 46 task rows, at least 28 imported without a warning (more as the grammar learns phrases), 9 areas', () => {
    expect(r.figures).toMatchObject({ rows: 46, areas: 9 });
    expect(r.figures.clean).toBeGreaterThanOrEqual(28);
    expect(tasksOf(r.text)).toHaveLength(46);
  });

  it("a deadline phrase is refused exactly when the language's checker refuses it on its own", async () => {
    // The same header and directory, one task per phrase: the checker is the only judge of deadlines.
    const head = r.text.slice(0, r.text.indexOf('\nlĩnh vực ') + 1);
    const accepted = (phrase: string) => {
      const text = `${head}lĩnh vực thể chế "x":\n  nhiệm vụ X.01 "y":\n    chủ trì: so_noi_vu\n    thời hạn: ${phrase}\n`;
      return !hasErrors(checkPlan((p) => (p === ENTRY ? text : disk(p)), ENTRY).diagnostics);
    };
    const doc =
      ext === 'docx'
        ? await readDocx(readFileSync(`${FIXTURE}.docx`))
        : await readXlsx(readFileSync(`${FIXTURE}.xlsx`));
    const phrases = findTaskTable(doc)!.rows.flatMap((row) =>
      row.kind === 'task' && row.cells.deadline ? [row.cells.deadline.text] : [],
    );
    expect(phrases).toHaveLength(46);
    const refused = new Set(r.warnings.filter((w) => w.code === 'IM06').map((w) => w.source!.text));
    for (const p of phrases) {
      const written = p.replace(/[\s.;,]+$/, '').replace(/^(\p{Lu})(?=\p{Ll})/u, (c) => c.toLowerCase());
      expect(refused.has(p), p).toBe(!accepted(written));
    }
    expect(refused.size).toBeGreaterThan(0);
  });

  it('units: abbreviations, groups and a typo matched to the directory; unknown names warned, not invented', () => {
    const byTitle = new Map(tasksOf(r.text).map((t) => [t.title!.value, t]));
    const lead = (title: string) =>
      byTitle.get(title)!.lead!.value.map((i) => (i.kind === 'name' ? i.name.text : '?'));
    const support = (title: string) =>
      byTitle.get(title)?.support?.value.map((i) => (i.kind === 'name' ? i.name.text : '?'));
    expect(lead('Công bố danh mục thủ tục hành chính theo chính quyền địa phương hai cấp')).toEqual([
      'van_phong_ubnd',
    ]); // VP UBND tỉnh
    expect(lead('Nâng cấp Hệ thống thông tin giải quyết thủ tục hành chính tỉnh')).toEqual(['so_kh_cn']); // Sở KH&CN
    expect(lead('Tuyên truyền CCHC trên báo, đài địa phương')).toEqual(['dai_pt_th']); // Đài PT-TH tỉnh
    expect(lead('Đánh giá mô hình Trung tâm Phục vụ hành chính công')).toEqual(['trung_tam_hcc']); // Trung tâm PVHCC tỉnh
    expect(lead('Ban hành Kế hoạch cải cách hành chính năm 2027 của cơ quan, đơn vị')).toEqual(['cac_so']);
    expect(lead('Phổ biến, giáo dục pháp luật về văn bản mới ban hành')).toEqual(['so_tu_phap']); // "Sở Tư phám"
    expect(support('Sắp xếp, tổ chức lại các đơn vị sự nghiệp công lập')).toEqual([
      'so_tai_chinh',
      'so_y_te',
      'so_gd_dt',
    ]);
    expect(support('Tổ chức Cuộc thi tìm hiểu về cải cách hành chính')).toEqual(['so_vh_tt_dl']); // Sở VHTTDL
    expect(support('Đẩy nhanh giải ngân vốn đầu tư công')).toEqual(['ban_qlda_gt']);
    // Two leads in one cell: the first leads, the other coordinates (one lead per task, Decree 39/2022).
    expect(lead('Thực hiện quy tắc ứng xử của cán bộ, công chức tại nơi làm việc')).toEqual(['cac_so']);
    expect(support('Thực hiện quy tắc ứng xử của cán bộ, công chức tại nơi làm việc')).toEqual([
      'cac_xa_phuong',
    ]);
    const codes = r.warnings.map((w) => `${w.code} ${w.source?.text ?? ''}`);
    expect(codes).toContain('IM03 Sở Tư phám');
    expect(codes).toContain('IM01 Sở TT&TT');
    expect(codes).toContain('IM02 Hội đồng thẩm định Chỉ số CCHC tỉnh');
    expect(codes).toContain('IM02 Sở Khoa học và Công nghệ, Kho bạc Nhà nước khu vực XIII');
    expect(support('Thúc đẩy thanh toán trực tuyến phí, lệ phí')).toEqual(['so_kh_cn']);
  });

  it('every deadline phrase the language reads is written as the document words it; the others are warned at their cell', () => {
    const tasks = tasksOf(r.text);
    const deadlineLines = r.text.split('\n').filter((l) => l.startsWith('    thời hạn: '));
    expect(deadlineLines).toContain('    thời hạn: trước ngày 25/11 hàng năm');
    expect(deadlineLines).toContain('    thời hạn: quý III/2027');
    expect(deadlineLines).toContain(
      '    thời hạn: định kỳ quý, 6 tháng, năm, chậm nhất ngày 20 tháng cuối kỳ',
    );
    expect(deadlineLines).toContain('    thời hạn: ngày 30/10/2027 lúc 17:00');
    expect(deadlineLines).toContain('    thời hạn: 30 ngày sau ban hành');
    const refused = r.warnings.filter((w) => w.code === 'IM06');
    expect(refused.map((w) => w.source!.text)).toEqual(
      expect.arrayContaining(['Không quá 2 ngày làm việc', 'Khi có yêu cầu', 'Năm 2027']),
    );
    // Phrases the language reads (a regulated deadline, a monthly report with no day) pass without a warning.
    expect(refused.map((w) => w.source!.text)).not.toContain('Theo đúng thời gian quy định');
    expect(refused.map((w) => w.source!.text)).not.toContain('Định kỳ hàng tháng');
    const lines = r.text.split('\n');
    for (const w of refused) {
      // The warning names the cell and the generated line, which is the comment quoting the cell.
      expect(w.source!.header).toBe('Thời gian hoàn thành');
      expect(lines[w.line! - 1]).toContain(`Chưa hiểu thời hạn «${w.source!.text}»`);
      expect(w.where!.vi).toMatch(
        ext === 'docx'
          ? /^Bảng 2, dòng \d+, cột 5 «Thời gian hoàn thành»$/
          : /ô E\d+ \(cột «Thời gian hoàn thành»\)$/,
      );
    }
    // Nothing is lost: the refused phrase stays in the task's note.
    const noted = tasks.filter((t) => t.note?.value.startsWith('Thời hạn trong văn bản: '));
    expect(noted).toHaveLength(refused.length);
    // Each row is either imported as is or carries at least one warning.
    expect(new Set(r.warnings.filter((w) => w.severity === 'warning').map((w) => w.source?.row)).size).toBe(
      r.figures.rows - r.figures.clean,
    );
  });

  it("the checker's own notes on a generated line are traced to their cell (a deadline on a day off)", () => {
    const dayOff = r.warnings.filter((w) => w.code === 'DD4012');
    expect(dayOff.map((w) => w.source!.text)).toContain('Trước ngày 31/01/2027');
    expect(
      dayOff.every(
        (w) => w.severity === 'info' && r.text.split('\n')[w.line! - 1]!.startsWith('    thời hạn: '),
      ),
    ).toBe(true);
  });
});

it('DOCX and XLSX of the same table give the same plan', async () => {
  const [d, x] = await Promise.all([run('docx'), run('xlsx')]);
  const body = (t: string) => t.split('\n').slice(1).join('\n');
  expect(body(x.text)).toBe(body(d.text));
});

it('without a directory, the names of the table become the units of the plan, missing only their addresses', async () => {
  const entry = 'nhap.dondoc';
  const r = await importPlan(readFileSync(`${FIXTURE}.docx`), { fileName: 'ke-hoach-tinh-2027.docx', entry });
  // The one thing a table cannot give is each unit's address: those are the only errors left, said once.
  const checked = checkPlan(new Map([[entry, r.text]]), entry);
  expect(new Set(checked.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code))).toEqual(
    new Set(['DD4008']),
  );
  expect(r.warnings.filter((w) => w.code === 'DD4008')).toEqual([]);
  expect(r.text).toContain('đơn vị so_noi_vu "Sở Nội vụ":');
  expect(r.text).toContain('đơn vị ubnd_cac_xa_phuong "UBND các xã, phường":');
  expect(r.warnings.some((w) => w.code === 'IM11')).toBe(true);
});

it(
  'refuses a Word file whose text would inflate beyond 64 MB, before inflating it',
  { timeout: 60_000 },
  async () => {
    const JSZip = (await import('jszip')).default;
    const zip = new JSZip();
    zip.file(
      'word/document.xml',
      `<w:document><w:body>${' '.repeat(65 * 1024 * 1024)}</w:body></w:document>`,
    );
    const bytes = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
    expect(bytes.length).toBeLessThan(1024 * 1024);
    await expect(importPlan(bytes, { fileName: 'bom.docx', entry: 'x.dondoc' })).rejects.toMatchObject({
      code: 'unreadable',
    });
  },
);

it('another layout (one header row, "TT", "Thời hạn hoàn thành", criterion and note columns) gives the same tasks', async () => {
  const r = await importPlan(readFileSync('test/fixtures/import/danh-muc-nhiem-vu-2027.xlsx'), {
    fileName: 'danh-muc-nhiem-vu-2027.xlsx',
    entry: ENTRY,
    units: UNITS,
    sources: disk,
  });
  expect(hasErrors(checkPlan((p) => (p === ENTRY ? r.text : disk(p)), ENTRY).diagnostics)).toBe(false);
  expect(r.figures).toMatchObject({ rows: 46, areas: 9 });
  // No title in this sheet: the year from its heading, the title from the year; never a task's cell.
  expect(r.text).toContain('kế hoạch "Kế hoạch cải cách hành chính năm 2027":');
  const tasks = tasksOf(r.text);
  expect(tasks.filter((t) => t.criterion?.value === '2.1')).toHaveLength(5);
  expect(tasks.find((t) => t.id.text === 'TC.01')?.note?.value).toBe('Nhiệm vụ chuyển tiếp từ năm 2026');
  const docx = await run('docx');
  expect(tasksOf(docx.text).map((t) => [t.id.text, t.title?.value])).toEqual(
    tasks.map((t) => [t.id.text, t.title?.value]),
  );
});
