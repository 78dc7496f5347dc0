// `dondoc import` end to end: the file it writes passes `dondoc check`; warnings name the cell and the line.
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildProgram } from '../../apps/cli/program.js';

async function dondoc(...args: string[]) {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((c) => ((out += String(c)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((c) => ((err += String(c)), true));
  process.exitCode = 0;
  let thrown: unknown;
  try {
    await buildProgram()
      .exitOverride()
      .parseAsync(['node', 'dondoc', ...args]);
  } catch (x) {
    thrown = x;
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
  const code = process.exitCode;
  process.exitCode = 0;
  return { out: stripVTControlCharacters(out), err: stripVTControlCharacters(err), code, thrown };
}

const tmp = mkdtempSync(join(tmpdir(), 'dondoc-import-'));
copyFileSync('plans/tinh-dak-lak-2027/don-vi.dondoc', join(tmp, 'don-vi.dondoc'));

describe('dondoc import', () => {
  afterEach(() => vi.restoreAllMocks());

  it.each(['docx', 'xlsx'])('%s → a plan file that dondoc check accepts', async (ext) => {
    const out = join(tmp, `ke-hoach-${ext}.dondoc`);
    const r = await dondoc(
      'import',
      `test/fixtures/import/ke-hoach-tinh-2027.${ext}`,
      '--units',
      join(tmp, 'don-vi.dondoc'),
      '-o',
      out,
      '--messages',
      'vi',
    );
    expect(r.thrown).toBeUndefined();
    expect(r.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('bao gồm "don-vi.dondoc"');
    expect(r.err).toMatch(/: (\d+)\/46 dòng nhập không cảnh báo/);
    const where =
      ext === 'docx' ? 'Bảng 2, dòng 58, cột 5 «Thời gian hoàn thành»' : 'ô E66 (cột «Thời gian hoàn thành»)';
    expect(r.err).toMatch(
      new RegExp(
        `${where.replace(/[()]/g, '\\$&')} → .*ke-hoach-${ext}\\.dondoc:\\d+ cảnh báo IM06: .*Khi có yêu cầu`,
      ),
    );
    const checked = await dondoc('check', out, '--no-info');
    expect(checked.code).toBe(0);
    expect(checked.out).toContain('0 lỗi/errors');
    // …and compiles: the imported plan is one that can be published.
    const compiled = await dondoc('compile', out, '-o', join(tmp, `ke-hoach-${ext}.ir.json`));
    expect(compiled.code).toBe(0);
    const ir = JSON.parse(readFileSync(join(tmp, `ke-hoach-${ext}.ir.json`), 'utf8')) as {
      assignments: unknown[];
    };
    expect(ir.assignments.length).toBeGreaterThan(46);
  });

  it('--json gives the figures and positioned warnings', async () => {
    const out = join(tmp, 'json.dondoc');
    const r = await dondoc(
      'import',
      'test/fixtures/import/ke-hoach-tinh-2027.docx',
      '--units',
      join(tmp, 'don-vi.dondoc'),
      '-o',
      out,
      '--json',
    );
    const j = JSON.parse(r.out) as {
      figures: unknown;
      warnings: { code: string; line: number; source: { row: number } }[];
    };
    expect(j.figures).toMatchObject({ rows: 46, areas: 9 });
    expect(j.warnings.every((w) => w.line > 0)).toBe(true);
    expect(j.warnings.filter((w) => w.code.startsWith('IM')).every((w) => w.source.row > 0)).toBe(true);
  });

  it('refuses what it cannot read, with a usage error and nothing written', async () => {
    const doc = join(tmp, 'cu.doc');
    writeFileSync(doc, 'not a zip');
    const r = await dondoc('import', doc, '-o', join(tmp, 'never.dondoc'));
    expect(String(r.thrown)).toContain('Chỉ nhập được tệp Word (.docx) hoặc Excel (.xlsx)');
    const broken = join(tmp, 'hong.docx');
    writeFileSync(broken, Buffer.from('PK\u0003\u0004 broken'));
    expect(String((await dondoc('import', broken)).thrown)).toContain('Không đọc được tệp Word');
    const noUnits = await dondoc(
      'import',
      'test/fixtures/import/ke-hoach-tinh-2027.docx',
      '--units',
      join(tmp, 'khong-co.dondoc'),
    );
    expect(String(noUnits.thrown)).toContain('không đọc được danh bạ');
    const noTable = await dondoc(
      'import',
      'test/fixtures/import/ke-hoach-tinh-2027.docx',
      '--units',
      join(tmp, 'don-vi.dondoc'),
      '--issuer',
      'khong_co',
    );
    expect(String(noTable.thrown)).toContain('Danh bạ không có đơn vị mã «khong_co»');
  });
});
