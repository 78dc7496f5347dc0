// The fixtures' script run again with the real LibreOffice: what Writer and Calc write today imports to the same
// plan as the committed fixtures (the script is the fixtures' source, and it must keep working).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { importPlan } from '../../apps/importing/index.js';

const disk = (p: string) => (existsSync(p) && statSync(p).isFile() ? readFileSync(p, 'utf8') : undefined);
const options = (fileName: string) => ({
  fileName,
  entry: 'plans/tinh-dak-lak-2027/nhap.dondoc',
  units: 'plans/tinh-dak-lak-2027/don-vi.dondoc',
  sources: disk,
});

it('LibreOffice regenerates DOCX and XLSX that import exactly as the committed fixtures', async () => {
  const out = mkdtempSync(join(tmpdir(), 'dondoc-fixtures-'));
  execFileSync('node', ['scripts/make-import-fixtures.mjs', '--out', out], {
    stdio: 'pipe',
    timeout: 120_000,
  });
  for (const file of ['ke-hoach-tinh-2027.docx', 'ke-hoach-tinh-2027.xlsx', 'danh-muc-nhiem-vu-2027.xlsx']) {
    const fresh = await importPlan(readFileSync(join(out, file)), options(file));
    const committed = await importPlan(readFileSync(`test/fixtures/import/${file}`), options(file));
    expect(fresh.text).toBe(committed.text);
    expect(fresh.figures).toEqual(committed.figures);
    expect(fresh.figures.rows).toBe(46);
  }
}, 180_000);
