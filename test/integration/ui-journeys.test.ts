// The web UI in headless Chromium against the real stack (PostgreSQL, the Temporal dev server, a worker, the
// API serving the built UI): one journey per kind of user. Screenshots of every page go to
// test-results/ui/ for people to look at; they are not committed.
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it, inject } from 'vitest';
import { planProgress } from '../../apps/publishing/plan-publisher.js';
import { seedUsers, type SeededUser } from '../../apps/dev-stack/seed-users.js';
import { findWebDir } from '../../apps/api/web-ui.js';
import { engineActivities } from '../../apps/worker/worker.js';
import type { PlanIR } from '../../dsl/ir/schema.js';
import { startApiStack, type ApiStack } from '../support/api-stack.js';
import { compileEntry, waitFor } from '../support/engine.js';
import { overdueWardDigest, wardPlanCode, wardPlanSource, WARD_FIXTURE } from '../support/ward-plan.js';

const SECRET = 'khoa-bi-mat-cho-kiem-thu-giao-dien-0123456789';
const PASSWORD = 'Mat-khau-2027';
const SHOTS = join('test-results', 'ui');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

describe('the web UI, one journey per role (Chromium, API, worker, Temporal dev server, PostgreSQL)', () => {
  let stack: ApiStack;
  let browser: Browser;
  let users: SeededUser[];
  let ir: PlanIR | undefined;
  let origin: string;
  const taskQueue = `ui-${Date.now()}`;
  const issuer = `ubnd_u${Date.now() % 1_000_000_000}`;
  const source = wardPlanSource(issuer, { decidedToday: true });
  const planCode = wardPlanCode(issuer);
  const id = (task: string, unit: string) => `${planCode}/${task}/${unit}`;
  const loginOf = (role: string, unit?: string) =>
    users.find((u) => u.role === role && (unit === undefined || u.unit === unit))!.login;

  let lastPage: Page | undefined;

  async function open(login: string, viewport = { width: 1366, height: 768 }): Promise<Page> {
    const page = await browser.newPage({ viewport, acceptDownloads: true });
    lastPage = page;
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    (page as Page & { errors?: string[] }).errors = errors;
    await page.goto(`${origin}/`);
    await page.getByLabel('Tên đăng nhập').fill(login);
    await page.getByLabel('Mật khẩu').fill(PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.locator('header.top').waitFor();
    return page;
  }

  const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  const checked: string[] = [];

  /** WCAG 2 A and AA rules of axe-core on the page as it is now: no violation. */
  async function accessible(page: Page, name: string) {
    await page.addScriptTag({ content: AXE });
    const result = (await page.evaluate(
      "window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa'] }).then((r) => r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`))",
    )) as string[];
    expect(result, `accessibility of ${name}`).toEqual([]);
    checked.push(name);
  }

  const pageErrors = (page: Page) => (page as Page & { errors?: string[] }).errors ?? [];
  const shot = (page: Page, name: string) =>
    page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

  /** Replaces the whole text of the CodeMirror editor as a paste would. */
  async function setEditorText(page: Page, text: string) {
    await page.locator('.cm-content').click();
    await page.keyboard.press('Control+a');
    await page.keyboard.insertText(text);
  }

  beforeAll(async () => {
    expect(findWebDir(), 'the built UI (npm run build) is served by the API').toBeDefined();
    mkdirSync(SHOTS, { recursive: true });
    stack = await startApiStack({ temporalAddress: inject('temporalAddress'), taskQueue, secret: SECRET });
    origin = stack.base.replace(/\/api$/, '');
    users = await seedUsers(
      stack.tdb.db,
      compileEntry(WARD_FIXTURE, () => source).ir,
      PASSWORD,
      stack.repositories,
    );
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && lastPage && !lastPage.isClosed())
      await lastPage.screenshot({
        path: join(SHOTS, `FAILED-${ctx.task.name.slice(0, 40)}.png`),
        fullPage: true,
      });
  });

  afterAll(async () => {
    console.log(
      `accessibility (axe-core, WCAG 2 A/AA) checked on ${checked.length} pages: ${checked.join(', ')}`,
    );
    await browser?.close();
    await stack?.stop([ir]);
  });

  it('Home Affairs: an error is underlined as typed, fixed, previewed, published, then amended', async () => {
    const page = await open(loginOf('home_affairs'));
    await expect.poll(() => page.url()).toMatch(/\/plans$/);
    await page.getByText('Chưa có kế hoạch nào').waitFor();
    expect(await page.getByTestId('who-role').textContent()).toContain('Nội vụ');
    await shot(page, '01-plans-empty');
    await accessible(page, 'plans');

    await page.getByRole('link', { name: 'Soạn kế hoạch mới' }).click();
    await page.locator('.cm-content').waitFor();
    await setEditorText(page, source.replace('chủ trì: mot_cua', 'chủ trì: mot_cuaa'));
    // The checker's diagnostic, underlined in the text and listed with its code, position and hint.
    await page.locator('.cm-lintRange-error').first().waitFor({ timeout: 20_000 });
    await expect.poll(() => page.getByTestId('check-status').textContent()).toContain('1 lỗi');
    const problem = page.locator('.diag.error').first();
    expect(await problem.textContent()).toMatch(/DD3001 ke-hoach\.dondoc:57:\d+/);
    expect(await problem.locator('.hint').textContent()).toContain('mot_cua');
    expect(await page.getByRole('button', { name: 'Ban hành' }).isDisabled()).toBe(true);
    await shot(page, '02-editor-error');
    await accessible(page, 'editor');
    // Clicking the problem puts the cursor on it.
    await problem.getByRole('button').click();
    expect(await page.locator('.cm-activeLine').textContent()).toContain('mot_cuaa');

    await setEditorText(page, source);
    await expect
      .poll(() => page.getByTestId('check-status').textContent(), { timeout: 20_000 })
      .toMatch(/^(✓|0 lỗi)/);
    expect(await page.locator('.cm-lintRange-error').count()).toBe(0);

    // Every keyword into English and back: the checker still finds nothing wrong.
    await page.getByTestId('keyword-lang').selectOption('en');
    await page.getByText('Đã định dạng.').waitFor();
    expect(await page.locator('.cm-content').textContent()).toContain('plan "Kế hoạch CCHC năm 2027');
    await expect
      .poll(() => page.getByTestId('check-status').textContent(), { timeout: 20_000 })
      .toMatch(/^(✓|0 lỗi)/);
    await shot(page, '03-editor-english');
    await page.getByTestId('keyword-lang').selectOption('vi');
    await page.getByText('Đã định dạng.').waitFor();
    expect(await page.locator('.cm-content').textContent()).toContain('kế hoạch "Kế hoạch CCHC năm 2027');

    await page.getByRole('button', { name: 'Xem lịch cả năm' }).click();
    await page.locator('#preview-title').waitFor();
    await page.getByTestId('preview-unit').selectOption('mot_cua');
    const units = await page.locator('.preview tbody tr td:nth-child(3)').allTextContents();
    expect(units.length).toBeGreaterThan(3);
    expect(units.every((u) => u === 'mot_cua' || u === '—')).toBe(true);
    await shot(page, '04-year-preview');
    await accessible(page, 'year preview');

    page.on('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Ban hành' }).click();
    await page.getByText(/Đã ban hành phiên bản 1: \d+ nhiệm vụ giao/).waitFor({ timeout: 30_000 });
    await shot(page, '05-published');
    ir = compileEntry(WARD_FIXTURE, () => source).ir;
    await waitFor('the fan-out', async () => {
      const p = await planProgress(stack.client, planCode).catch(() => undefined);
      return p?.phase === 'running' ? p : undefined;
    });

    // An amendment: the deadline of TT.05 moves; the change is shown field by field before it is applied.
    await page.goto(`${origin}/plans/${planCode}/edit`);
    await page.locator('.cm-content').waitFor();
    await expect.poll(() => page.locator('.cm-content').textContent()).toContain('Kế hoạch CCHC năm 2027');
    await setEditorText(page, source.replace('thời hạn: ngày 31/08/2027', 'thời hạn: ngày 29/10/2027'));
    await expect
      .poll(() => page.getByTestId('check-status').textContent(), { timeout: 20_000 })
      .toMatch(/^(✓|0 lỗi)/);
    await page.getByRole('button', { name: 'Xem thay đổi' }).click();
    await expect
      .poll(() => page.getByTestId('amendment-summary').textContent())
      .toMatch(/^0 thêm, 0 bỏ, 1 sửa/);
    const row = page.locator('.amendment tbody tr', { hasText: 'Hạn' }).first();
    expect(await row.textContent()).toContain('31/08/2027');
    expect(await row.textContent()).toContain('29/10/2027');
    await shot(page, '06-amendment-diff');
    await accessible(page, 'amendment');
    await page.getByRole('button', { name: 'Áp dụng điều chỉnh' }).click();
    await page.getByText('Đã áp dụng điều chỉnh: phiên bản 2.').waitFor({ timeout: 30_000 });

    await page.goto(`${origin}/plans/${planCode}`);
    await page.locator('table.data tbody tr').nth(1).waitFor();
    expect(await page.locator('table.data tbody tr').count()).toBe(2);
    await shot(page, '07-plan-versions');
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it('a unit: acknowledges from the inbox, is told why an empty completion is refused, completes, asks for more time', async () => {
    const page = await open(loginOf('unit_member', 'mot_cua'));
    await expect.poll(() => page.url()).toMatch(/\/inbox$/);
    await page.getByTestId('inbox').waitFor();
    const cards = page.locator('[data-testid=inbox] li');
    // Only the unit's own work.
    expect(await page.getByTestId('inbox').textContent()).not.toContain('Văn phòng HĐND');
    const tt01 = cards.filter({ hasText: 'TT.01' });
    await shot(page, '10-inbox');
    await accessible(page, 'inbox');
    await tt01.getByRole('button', { name: /Tiếp nhận/ }).click();
    await page.getByText(/Đã tiếp nhận: Niêm yết công khai TTHC/).waitFor();
    await expect.poll(() => tt01.textContent()).toContain('Đã tiếp nhận');

    await tt01.getByRole('link').click();
    await page.getByRole('heading', { name: 'Hoàn thành, kèm minh chứng' }).waitFor();
    const complete = page.locator('form.action', { hasText: 'Hoàn thành, kèm minh chứng' });
    await complete.getByRole('button', { name: 'Báo cáo hoàn thành' }).click();
    // The engine's refusal, in Vietnamese, with its code.
    await complete.locator('.feedback.error').waitFor();
    expect(await complete.locator('.feedback.error').textContent()).toContain('EVIDENCE_REQUIRED');
    await shot(page, '11-complete-refused');
    await complete.getByLabel('Số văn bản').fill('15/TB-UBND');
    await complete.getByLabel('Ngày văn bản').fill('20/11/2026');
    await complete.getByLabel('Ghi chú').fill('<script>alert(1)</script> Đã niêm yết đủ 100% TTHC');
    await complete.getByRole('button', { name: 'Báo cáo hoàn thành' }).click();
    await page.locator('.badge', { hasText: 'Đã hoàn thành' }).first().waitFor({ timeout: 20_000 });
    // Stored text is shown as text, never run as markup.
    await page.locator('.timeline .note', { hasText: '<script>alert(1)</script>' }).waitFor();
    expect(await page.locator('.timeline script').count()).toBe(0);
    await shot(page, '12-assignment-done');
    await accessible(page, 'assignment');

    // More time for another task.
    await page.goto(`${origin}/assignments/${encodeURIComponent(id('TT.05', 'mot_cua'))}`);
    const ask = page.locator('form.action', { hasText: 'Đề nghị gia hạn' });
    await ask.getByLabel(/Hạn mới đề nghị/).fill('15/12/2027');
    await ask.getByLabel('Lý do').fill('Chờ hướng dẫn của Sở Nội vụ');
    await ask.getByRole('button', { name: 'Gửi đề nghị' }).click();
    // The request is in the assignment's history and among its extension requests.
    await page.locator('.timeline', { hasText: 'Chờ hướng dẫn của Sở Nội vụ' }).waitFor({ timeout: 20_000 });
    expect(
      await page.locator('ul.plain', { hasText: 'Chờ hướng dẫn của Sở Nội vụ' }).textContent(),
    ).toContain('Chờ duyệt');

    // The inbox on a phone.
    const phone = await open(loginOf('unit_member', 'mot_cua'), { width: 390, height: 844 });
    await phone.getByTestId('inbox').waitFor();
    await shot(phone, '13-inbox-phone');
    const width = await phone.evaluate('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(390);
    expect(pageErrors(page)).toEqual([]);
    await phone.close();
    await page.close();
  });

  it('Home Affairs: decides the extension and reopens work whose evidence is not accepted', async () => {
    const page = await open(loginOf('home_affairs'));
    await page.getByRole('link', { name: 'Gia hạn' }).click();
    const card = page.locator('.card', { hasText: 'Chờ hướng dẫn của Sở Nội vụ' });
    await card.waitFor();
    await shot(page, '20-extensions');
    await accessible(page, 'extension requests');
    await card.getByLabel('Ý kiến').fill('Đồng ý gia hạn');
    await card.getByRole('button', { name: 'Đồng ý', exact: true }).click();
    await page.getByText('Không có đề nghị nào đang chờ.').waitFor({ timeout: 20_000 });

    await page.goto(`${origin}/assignments/${encodeURIComponent(id('TT.01', 'mot_cua'))}`);
    const reopen = page.locator('form.action', { hasText: 'Mở lại' });
    await reopen.getByLabel('Lý do').fill('Thiếu danh mục TTHC cấp xã');
    await reopen.getByRole('button', { name: 'Mở lại' }).click();
    await page.locator('.timeline', { hasText: 'Thiếu danh mục TTHC cấp xã' }).waitFor({ timeout: 20_000 });
    expect(await page.locator('.badges').first().textContent()).not.toContain('Đã hoàn thành');
    await shot(page, '21-reopened');
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it('a chairperson: reads the current digest, the dashboard of the units under them, in both languages', async () => {
    // A digest as the digest workflow's activity stores it, from the engine's own digest builder.
    const now = Date.now();
    const content = overdueWardDigest(planCode, now);
    await engineActivities({
      db: stack.tdb.db,
      repositories: stack.repositories,
      client: stack.client,
      taskQueue,
    }).sendDigest(content);

    const page = await open(loginOf('chairperson', issuer));
    await expect.poll(() => page.url()).toMatch(/\/digests$/);
    const digest = page.getByTestId('digest-current');
    await digest.waitFor();
    expect(await digest.textContent()).toContain('Văn phòng HĐND và UBND phường');
    expect(await digest.textContent()).toContain('1 đơn vị đỏ');
    expect(await digest.getByTestId('overdue-for').first().textContent()).toBe('Quá hạn 9 ngày');
    await shot(page, '30-digest');
    await accessible(page, 'digests');

    await page.getByRole('link', { name: 'Tổng quan' }).click();
    await page.getByTestId('unit-table').waitFor({ timeout: 20_000 });
    const table = await page.getByTestId('unit-table').textContent();
    expect(table).toContain('Bộ phận một cửa phường');
    // The per-unit and per-area charts are drawn (SVG).
    await page.locator('.chart svg').nth(1).waitFor();
    await shot(page, '31-dashboard');
    await accessible(page, 'dashboard');

    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    expect(await page.locator('nav').textContent()).toContain('Reports');
    await shot(page, '32-dashboard-english');
    await page.getByRole('button', { name: 'Chuyển sang tiếng Việt' }).click();
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it('reports: listed, viewed as HTML, downloaded as PDF, XLSX and CSV', async () => {
    const { key } = await engineActivities({
      db: stack.tdb.db,
      repositories: stack.repositories,
      client: stack.client,
      taskQueue,
    }).compileReport({
      planCode,
      reportId: 'bc_quy',
      at: '2027-03-14T17:00:00.000Z',
      runId: 'ui',
    });
    const page = await open(loginOf('chairperson', issuer));
    await page.getByRole('link', { name: 'Báo cáo' }).click();
    const row = page.getByTestId('reports').locator('tbody tr').first();
    await row.waitFor();
    expect(await row.textContent()).toContain('Báo cáo quý về tiến độ CCHC của phường');
    await row.getByRole('button', { name: 'Báo cáo quý về tiến độ CCHC của phường', exact: true }).click();
    const frame = page.frameLocator('.report-view iframe');
    await frame.getByRole('cell', { name: 'Bộ phận một cửa phường' }).first().waitFor();
    await shot(page, '40-report-html');
    await accessible(page, 'reports');

    const files: Record<string, Buffer> = {};
    for (const f of ['PDF', 'XLSX', 'CSV']) {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        row.getByRole('button', { name: new RegExp(`${f}$`) }).click(),
      ]);
      const path = join(SHOTS, download.suggestedFilename());
      await download.saveAs(path);
      files[f] = readFileSync(path);
    }
    expect(files.PDF!.subarray(0, 5).toString()).toBe('%PDF-');
    expect(files.XLSX!.subarray(0, 2).toString()).toBe('PK');
    expect(files.CSV!.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(key).toContain(planCode);

    // Generated on request: a period of the plan's, then any date (computed from the event log, not issued).
    const form = page.getByTestId('generate-report');
    await form.locator('select[name=mode]').selectOption('period');
    await form.locator('select[name=period]').selectOption('2027-Q2');
    await form.getByRole('button', { name: 'Xem' }).click();
    await frame
      .getByText(/Quý II\/2027|2027-Q2/)
      .first()
      .waitFor();
    await shot(page, '41-report-generated');
    await form.locator('select[name=mode]').selectOption('date');
    await form.locator('input[name=date]').fill('01/05/2027');
    const [generated] = await Promise.all([
      page.waitForEvent('download'),
      form.getByRole('button', { name: 'Tải PDF' }).click(),
    ]);
    expect(generated.suggestedFilename()).toBe(`${planCode}-bc_quy-2027-05-01.pdf`);
    const pdfPath = join(SHOTS, generated.suggestedFilename());
    await generated.saveAs(pdfPath);
    expect(readFileSync(pdfPath).subarray(0, 5).toString()).toBe('%PDF-');
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });
});
