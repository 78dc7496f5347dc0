import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { PlanImportPool } from '../../apps/api/importing/plan-import-pool.js';
import { findWebDir } from '../../apps/api/web-ui.js';
import { projectPath } from '../../apps/config/project.js';
import { seedUsers } from '../../apps/dev-stack/seed-users.js';
import { compileSources, readPlanFiles } from '../../apps/publishing/plan-files.js';
import type { PlanIR } from '../../dsl/ir/schema.js';
import { apiClient } from '../support/api-client.js';
import { startApiStack, type ApiStack } from '../support/api-stack.js';

// Importing the office's Word/Excel plan: through the API (problems for what it cannot read) and in the plan
// editor, where the upload fills the editor with a plan the checker accepts and lists what to review, each
// point linked to its line.

const SECRET = 'khoa-bi-mat-cho-nhap-ke-hoach-0123456789';
const PASSWORD = 'Mat-khau-2027';
const SHOTS = join('test-results', 'plan-import');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FIXTURE = 'test/fixtures/import/ke-hoach-tinh-2027';
const UNITS = 'plans/tinh-dak-lak-2027/don-vi.dondoc';
const NOIVU = 'noivu.ubnd-tinh';
const run = Date.now() % 1_000_000_000;

const ir: PlanIR = compileSources(readPlanFiles('plans/tinh-dak-lak-2027/ke-hoach.dondoc')).ir!;
const unitsText = readFileSync(UNITS, 'utf8');

describe('plan import (API and browser)', () => {
  let stack: ApiStack;
  let browser: Browser;
  let origin: string;
  let call: ReturnType<typeof apiClient>['call'];

  beforeAll(async () => {
    expect(findWebDir(), 'the built UI (npm run build) is served by the API').toBeDefined();
    mkdirSync(SHOTS, { recursive: true });
    stack = await startApiStack({
      temporalAddress: inject('temporalAddress'),
      taskQueue: `imp-${run}`,
      secret: SECRET,
    });
    origin = stack.base.replace(/\/api$/, '');
    await seedUsers(stack.tdb.db, ir, PASSWORD, stack.repositories);
    call = apiClient(stack.base, PASSWORD).call;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop([]);
  });

  it.each(['docx', 'xlsx'])(
    'POST /plans/import (%s) answers the plan text, positioned warnings and figures',
    async (ext) => {
      const r = await call('POST', '/plans/import', {
        as: NOIVU,
        body: {
          fileName: `ke-hoach-tinh-2027.${ext}`,
          content: readFileSync(`${FIXTURE}.${ext}`).toString('base64'),
          entry: 'ke-hoach.dondoc',
          units: 'don-vi.dondoc',
          files: { 'don-vi.dondoc': unitsText },
        },
      });
      expect(r.status, r.text).toBe(200);
      const a = r.json as {
        text: string;
        figures: unknown;
        errors: number;
        warnings: { code: string; line: number; where: { vi: string } }[];
      };
      expect(a.figures).toMatchObject({ rows: 46, areas: 9 });
      expect(a.errors).toBe(0);
      expect(a.text).toContain('bao gồm "don-vi.dondoc"');
      const refused = a.warnings.find((w) => w.code === 'IM06')!;
      expect(refused.where.vi).toMatch(ext === 'docx' ? /^Bảng 2, dòng \d+/ : /^Trang tính «.+», ô E\d+/);
      expect(a.text.split('\n')[refused.line - 1]).toContain('# [Nhập] Chưa hiểu thời hạn');
      // The same answer as the plan's own checker gives the editor.
      const checked = await call('POST', '/plans/check', {
        as: NOIVU,
        body: { entry: 'ke-hoach.dondoc', files: { 'ke-hoach.dondoc': a.text, 'don-vi.dondoc': unitsText } },
      });
      expect((checked.json as { errors: number }).errors).toBe(0);
    },
  );

  it('imports in a worker thread with the compiled worker (as in production), the same as inline', async () => {
    const worker = projectPath('dist/apps/api/importing/plan-import.worker.js');
    expect(existsSync(worker), 'the compiled API (npm run build)').toBe(true);
    const threaded = new PlanImportPool(worker);
    const inline = new PlanImportPool(null);
    try {
      expect(threaded.threaded).toBe(true);
      const task = {
        bytes: new Uint8Array(readFileSync(`${FIXTURE}.xlsx`)),
        fileName: 'ke-hoach-tinh-2027.xlsx',
        entry: 'ke-hoach.dondoc',
        units: 'don-vi.dondoc',
        files: { 'don-vi.dondoc': unitsText },
      };
      const [a, b] = await Promise.all([threaded.run(task), inline.run(task)]);
      expect(a).toEqual(b);
      expect(a.ok && a.result.figures.rows).toBe(46);
      // A refusal crosses the thread as data, with its code and words.
      const refused = await threaded.run({
        ...task,
        fileName: 'hong.docx',
        bytes: new Uint8Array([0x50, 0x4b, 3, 4]),
      });
      expect(refused).toMatchObject({
        ok: false,
        code: 'unreadable',
        text: { vi: expect.stringContaining('Word') },
      });
    } finally {
      await threaded.onModuleDestroy();
    }
  });

  it('refuses what it cannot read with a Vietnamese problem, never a stack trace', async () => {
    const send = (body: unknown) => call('POST', '/plans/import', { as: NOIVU, body });
    const broken = await send({
      fileName: 'ke-hoach.docx',
      content: Buffer.from('PK\u0003\u0004 hỏng').toString('base64'),
    });
    expect(broken.status).toBe(422);
    expect(broken.headers.get('content-type')).toContain('application/problem+json');
    expect(broken.json).toMatchObject({
      code: 'unreadable',
      message: { vi: expect.stringContaining('Không đọc được tệp Word') },
    });
    const noTable = await send({
      fileName: 'ke-hoach.docx',
      content: readFileSync('test/fixtures/import/ke-hoach-tinh-2027.xlsx').toString('base64'),
    });
    expect(noTable.status).toBe(422); // an Excel file named .docx is not a Word document
    const old = await send({ fileName: 'ke-hoach.doc', content: 'AAAA' });
    expect(old.status).toBe(400);
    const missing = await send({ fileName: 'ke-hoach.docx', content: 'AAAA', units: 'don-vi.dondoc' });
    expect(missing.json).toMatchObject({ code: 'units_missing' });
    const large = await send({
      fileName: 'ke-hoach.xlsx',
      content: Buffer.alloc(4 * 1024 * 1024 + 10).toString('base64'),
    });
    expect(large.status).toBe(413);
    expect(large.json).toMatchObject({ code: 'import_too_large' });
    for (const r of [broken, noTable, old, missing, large]) expect(r.text).not.toMatch(/at .*\.(ts|js):\d+/);
  });

  it('the plan editor: upload the directory, then the Word plan; the plan checks and each point links to its line', async () => {
    const page: Page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await page.goto(`${origin}/`);
    await page.getByLabel('Tên đăng nhập').fill(NOIVU);
    await page.getByLabel('Mật khẩu').fill(PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.locator('header.top').waitFor();
    await page.goto(`${origin}/plans/new`);
    await page.locator('.cm-content').waitFor();
    const status = () => page.getByTestId('check-status').textContent();
    await expect.poll(status, { timeout: 30_000 }).toMatch(/^(✓|0 lỗi)/);
    await page.locator('input[accept=".dondoc,.ics"]').setInputFiles(UNITS);
    await expect.poll(() => page.locator('.toolbar select').first().locator('option').count()).toBe(2);
    await page.getByTestId('plan-import').setInputFiles(`${FIXTURE}.docx`);
    await expect
      .poll(() => page.getByTestId('import-figures').textContent(), { timeout: 30_000 })
      .toMatch(/^\d+\/46 dòng nhiệm vụ nhập được không cần xem lại; \d+ điểm cần xem lại; 9 lĩnh vực\./);
    const editor = page.locator('.cm-content');
    await expect.poll(() => editor.textContent()).toContain('bao gồm "don-vi.dondoc"');
    await expect.poll(status, { timeout: 30_000 }).toMatch(/^0 lỗi/);
    const report = page.getByTestId('import-report');
    expect(await report.textContent()).toContain('Bảng 2, dòng 58, cột 5 «Thời gian hoàn thành»');
    await page.screenshot({ path: join(SHOTS, '01-imported-docx.jpg'), type: 'jpeg', quality: 80 });
    // A point's link puts the cursor on the comment that notes it.
    const item = report.locator('li', { hasText: 'Khi có yêu cầu' });
    await item.getByRole('button').click();
    await expect
      .poll(() => page.locator('.cm-activeLine').textContent())
      .toContain('Chưa hiểu thời hạn «Khi có yêu cầu»');
    await page.screenshot({ path: join(SHOTS, '02-jump-to-line.png'), fullPage: false });
    // The Excel file of the same table gives the same plan.
    await page.getByTestId('plan-import').setInputFiles(`${FIXTURE}.xlsx`);
    await expect
      .poll(() => report.locator('h2').textContent(), { timeout: 30_000 })
      .toBe('Đã nhập từ «ke-hoach-tinh-2027.xlsx»');
    expect(await report.textContent()).toMatch(/Trang tính «[^»]+», ô E\d+ \(cột «Thời gian hoàn thành»\)/);
    await expect.poll(status, { timeout: 30_000 }).toMatch(/^0 lỗi/);
    await page.close();
  });
});
