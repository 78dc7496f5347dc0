import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { findWebDir } from '../../apps/api/web-ui.js';
import { seedUsers, type SeededUser } from '../../apps/dev-stack/seed-users.js';
import { planProgress } from '../../apps/publishing/plan-publisher.js';
import type { PlanIR } from '../../dsl/ir/schema.js';
import { startApiStack, type ApiStack } from '../support/api-stack.js';
import { compileEntry, waitFor } from '../support/engine.js';
import { wardPlanCode, wardPlanSource, WARD_FIXTURE } from '../support/ward-plan.js';

// The Home Affairs queue in a browser: the table, a search without diacritics, a bulk reminder confirmed by its
// count, a saved filter, the dashboard's drill-down; and a unit attaching a file and naming a unit in a comment.
const SECRET = 'khoa-bi-mat-cho-bang-nhiem-vu-0123456789';
const PASSWORD = 'Mat-khau-2027';
const SHOTS = join('test-results', 'queue-ui');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

describe('the Home Affairs queue and an assignment’s files and comments (Chromium)', () => {
  let stack: ApiStack;
  let browser: Browser;
  let users: SeededUser[];
  let ir: PlanIR | undefined;
  let origin: string;
  const run = Date.now() % 1_000_000_000;
  const issuer = `ubnd_q${run}`;
  const source = wardPlanSource(issuer, { decidedToday: true });
  const planCode = wardPlanCode(issuer);
  const loginOf = (role: string, unit?: string) =>
    users.find((u) => u.role === role && (unit === undefined || u.unit === unit))!.login;
  const shot = (page: Page, name: string) =>
    page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

  const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  /** WCAG 2 A and AA rules of axe-core on the page as it is now: no violation. */
  async function accessible(page: Page, name: string) {
    await page.addScriptTag({ content: AXE });
    const result = (await page.evaluate(
      "window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa'] }).then((r) => r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`))",
    )) as string[];
    expect(result, `accessibility of ${name}`).toEqual([]);
  }

  async function open(login: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 }, acceptDownloads: true });
    await page.goto(`${origin}/`);
    await page.getByLabel('Tên đăng nhập').fill(login);
    await page.getByLabel('Mật khẩu').fill(PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.locator('header.top').waitFor();
    return page;
  }

  beforeAll(async () => {
    expect(findWebDir(), 'the built UI (npm run build) is served by the API').toBeDefined();
    mkdirSync(SHOTS, { recursive: true });
    stack = await startApiStack({
      temporalAddress: inject('temporalAddress'),
      taskQueue: `queue-ui-${run}`,
      secret: SECRET,
    });
    origin = stack.base.replace(/\/api$/, '');
    ir = compileEntry(WARD_FIXTURE, () => source).ir;
    users = await seedUsers(stack.tdb.db, ir, PASSWORD, stack.repositories);
    const res = await fetch(`${stack.base}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: loginOf('home_affairs'), password: PASSWORD }),
    });
    const { token } = (await res.json()) as { token: string };
    const published = await fetch(`${stack.base}/plans`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ entry: 'ke-hoach.dondoc', files: { 'ke-hoach.dondoc': source } }),
    });
    expect(published.status).toBe(201);
    await waitFor('the fan-out', async () => {
      const p = await planProgress(stack.client, planCode).catch(() => undefined);
      return p?.phase === 'running' ? p : undefined;
    });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop([ir]);
  });

  it('Home Affairs: table, search without diacritics, bulk reminder, saved filter, drill-down', async () => {
    const page = await open(loginOf('home_affairs'));
    await page.getByRole('link', { name: 'Nhiệm vụ' }).click();
    await page.waitForURL(/\/queue/);
    await page.getByText(/Không có nhiệm vụ nào khớp bộ lọc|trong \d+ nhiệm vụ/).waitFor();
    await page.getByLabel('Cả kỳ chưa đến').check();
    await page.waitForURL(/includeInactive=true/);
    const table = page.getByTestId('queue-table');
    await table.waitFor();
    await shot(page, '1-queue');
    const total = await page.getByTestId('queue-total').textContent();
    expect(total).toMatch(/trong \d+ nhiệm vụ/);

    await page.getByTestId('queue-search').fill('bao cao hang quy');
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    await page.waitForURL(/q=bao\+cao\+hang\+quy/);
    // Until the answer comes, the table still shows the previous view.
    await expect
      .poll(async () => {
        const titles = await table.locator('tbody tr td:nth-child(2) a').allTextContents();
        return titles.length > 0 && titles.every((t) => t.includes('Báo cáo CCHC hằng quý'));
      })
      .toBe(true);
    await shot(page, '2-search-without-diacritics');

    // Two rows, "Nhắc ngay" with a reason; the confirmation names the count.
    const boxes = table.locator('tbody input[type=checkbox]');
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    const bar = page.getByTestId('bulk-bar');
    await bar.getByLabel('Lý do').fill('Đề nghị gửi báo cáo quý đúng hạn');
    let question = '';
    page.once('dialog', (d) => {
      question = d.message();
      void d.accept();
    });
    await bar.getByRole('button', { name: 'Nhắc ngay (2)' }).click();
    await page.getByText('Nhắc ngay: xong 2/2 nhiệm vụ.').waitFor();
    expect(question).toBe('Nhắc ngay 2 nhiệm vụ đã chọn?');
    await shot(page, '3-bulk-reminder');
    await accessible(page, 'the queue');
    // On a phone: the table scrolls inside the page, the page is no wider than the screen.
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, '3b-queue-phone');
    const wide = (await page.evaluate(
      "[...document.querySelectorAll('main *')].filter((e) => e.getBoundingClientRect().right > 390 && !e.closest('.table-scroll')).map((e) => e.tagName + '.' + e.className + ':' + Math.round(e.getBoundingClientRect().right)).slice(0, 8)",
    )) as string[];
    expect(await page.evaluate('document.documentElement.scrollWidth'), wide.join(' ')).toBeLessThanOrEqual(
      390,
    );
    await page.setViewportSize({ width: 1366, height: 900 });

    page.once('dialog', (d) => void d.accept('Báo cáo quý'));
    await page.getByRole('button', { name: 'Lưu bộ lọc này' }).click();
    await page.getByText('Đã lưu bộ lọc "Báo cáo quý".').waitFor();
    await expect
      .poll(() => page.getByLabel('Bộ lọc đã lưu').locator('option').allTextContents())
      .toContain('Báo cáo quý');

    await page.getByRole('link', { name: 'Tổng quan' }).click();
    const unitLink = page.getByTestId('drill-unit').filter({ hasText: 'Bộ phận một cửa phường' });
    await unitLink.waitFor();
    await shot(page, '4-dashboard');
    await unitLink.click();
    await page.waitForURL(/\/queue\?.*unit=mot_cua/);
    // The dashboard counts the occurrences not yet due: so does the table it opens.
    expect(await page.getByLabel('Cả kỳ chưa đến').isChecked()).toBe(true);
    await page.getByTestId('queue-table').waitFor();
    const units = await page.getByTestId('queue-table').locator('tbody tr td:nth-child(3)').allTextContents();
    expect(new Set(units)).toEqual(new Set(['Bộ phận một cửa phường']));
    await shot(page, '5-drill-down');
    await page.close();
  });

  it('a unit attaches a file and names another unit in a comment', async () => {
    const page = await open(loginOf('unit_member', 'mot_cua'));
    const id = `${planCode}/TT.01/mot_cua`;
    await page.goto(`${origin}/assignments/${encodeURIComponent(id)}`);
    const files = page.getByTestId('assignment-files');
    await files.waitFor();
    await page.getByTestId('file-input').setInputFiles({
      name: 'Biên bản niêm yết.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n'),
    });
    await files.getByRole('button', { name: 'Biên bản niêm yết.pdf' }).waitFor();
    const text = page.getByTestId('comment-text');
    await text.fill('Đề nghị @van');
    await page.getByRole('option').getByRole('button', { name: 'Văn phòng HĐND và UBND phường' }).click();
    await text.press('End');
    await text.type('phối hợp cung cấp ảnh chụp.');
    await page.getByRole('button', { name: 'Gửi', exact: true }).click();
    await page.getByText('Đã báo cho: Văn phòng HĐND và UBND phường').waitFor();
    await shot(page, '6-assignment-files-comments');
    await accessible(page, 'an assignment with files and comments');
    const { rows } = await stack.tdb.db.query<{ recipient: string }>(
      `SELECT recipient FROM outbox WHERE assignment_id = $1 AND kind = 'comment_mention'`,
      [id],
    );
    expect(rows.map((r) => r.recipient)).toEqual(['unit:van_phong']);
    await page.close();
  });
});
