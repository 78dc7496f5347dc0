import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { findWebDir } from '../../apps/api/web-ui.js';
import { seedUsers } from '../../apps/dev-stack/seed-users.js';
import { compileSources, readPlanFiles } from '../../apps/publishing/plan-files.js';
import { planProgress } from '../../apps/publishing/plan-publisher.js';
import type { PlanIR } from '../../dsl/ir/schema.js';
import { apiClient } from '../support/api-client.js';
import { startApiStack, type ApiStack } from '../support/api-stack.js';
import { waitFor } from '../support/engine.js';

// The plan editor as the Home Affairs office uses it: a published multi-file plan opens for amendment with all its
// files and no error, unchanged it changes nothing, many cancellations wait for their count typed, a new plan
// under a running plan's code is refused with the reason, and adding a missing file checks the plan again.

const SECRET = 'khoa-bi-mat-cho-trinh-soan-thao-0123456789';
const PASSWORD = 'Mat-khau-2027';
const SHOTS = join('test-results', 'plan-editor');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const run = Date.now() % 1_000_000_000;
const code = `xa-ea-kar-ui-${run}`;
const NOIVU = 'noivu.ubnd-xa';

const disk = readPlanFiles('plans/xa-ea-kar-2027/ke-hoach.dondoc');
const entryText = disk.files[disk.entry]!.replace(/^(kế hoạch "[^"]*":\n)/m, `$1  mã: "${code}"\n`);
const plan = { entry: disk.entry, files: { ...disk.files, [disk.entry]: entryText } };
const ir: PlanIR = compileSources(plan).ir!;
const dropMonthly = (t: string) => t.replace(/lĩnh vực tuyên truyền[^\n]*\n(?: {2,}[^\n]*\n)+/, '');

describe('the plan editor: identity and amendments (browser)', () => {
  let stack: ApiStack;
  let browser: Browser;
  let origin: string;

  const shot = (page: Page, name: string) =>
    page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

  async function open(path: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await page.goto(`${origin}/`);
    await page.getByLabel('Tên đăng nhập').fill(NOIVU);
    await page.getByLabel('Mật khẩu').fill(PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.locator('header.top').waitFor();
    await page.goto(`${origin}${path}`);
    await page.locator('.cm-content').waitFor();
    return page;
  }

  async function setEditorText(page: Page, text: string) {
    await page.locator('.cm-content').click();
    await page.keyboard.press('Control+a');
    await page.keyboard.insertText(text);
  }

  const status = (page: Page) => page.getByTestId('check-status').textContent();

  beforeAll(async () => {
    expect(findWebDir(), 'the built UI (npm run build) is served by the API').toBeDefined();
    mkdirSync(SHOTS, { recursive: true });
    stack = await startApiStack({
      temporalAddress: inject('temporalAddress'),
      taskQueue: `ui-ed-${run}`,
      secret: SECRET,
    });
    origin = stack.base.replace(/\/api$/, '');
    await seedUsers(stack.tdb.db, ir, PASSWORD, stack.repositories);
    const published = await apiClient(stack.base, PASSWORD).call('POST', '/plans', { as: NOIVU, body: plan });
    expect(published.status, published.text).toBe(201);
    await waitFor('the fan-out', async () => {
      const p = await planProgress(stack.client, code).catch(() => undefined);
      return p?.phase === 'running' && p.started === ir.assignments.length ? p : undefined;
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop([ir]);
  });

  it('opens the published multi-file plan with every file, and unchanged it changes nothing', async () => {
    const page = await open(`/plans/${code}/edit`);
    await expect.poll(() => status(page), { timeout: 30_000 }).toMatch(/^(✓|0 lỗi)/);
    const files = await page.locator('.toolbar select').first().locator('option').allTextContents();
    expect(files).toHaveLength(3);
    await page.getByRole('button', { name: 'Xem thay đổi' }).click();
    await expect
      .poll(() => page.getByTestId('amendment-summary').textContent())
      .toBe(`0 thêm, 0 bỏ, 0 sửa, ${ir.assignments.length} giữ nguyên.`);
    expect(await page.getByRole('button', { name: 'Áp dụng điều chỉnh' }).isDisabled()).toBe(true);
    await shot(page, '01-amend-unchanged');
    await page.close();
  });

  it('asks for the number typed before cancelling many assignments, then applies', async () => {
    const monthly = ir.assignments.filter((a) => a.taskId === 'EK.TTR.01').length;
    const page = await open(`/plans/${code}/edit`);
    await expect.poll(() => status(page), { timeout: 30_000 }).toMatch(/^(✓|0 lỗi)/);
    await setEditorText(page, dropMonthly(entryText));
    await expect.poll(() => status(page), { timeout: 30_000 }).toMatch(/^(✓|0 lỗi)/);
    await page.getByRole('button', { name: 'Xem thay đổi' }).click();
    await expect
      .poll(() => page.getByTestId('amendment-summary').textContent())
      .toMatch(new RegExp(`^0 thêm, ${monthly} bỏ`));
    const apply = page.getByRole('button', { name: 'Áp dụng điều chỉnh' });
    expect(await apply.isDisabled()).toBe(true);
    await page.getByLabel(`Nhập số ${monthly} để xác nhận`).fill(String(monthly - 1));
    expect(await apply.isDisabled()).toBe(true);
    await page.getByLabel(`Nhập số ${monthly} để xác nhận`).fill(String(monthly));
    expect(await apply.isDisabled()).toBe(false);
    await shot(page, '02-confirm-removals');
    await apply.click();
    await page.getByText('Đã áp dụng điều chỉnh: phiên bản 2.').waitFor({ timeout: 30_000 });
    await page.close();
  });

  it('refuses a new plan under the code of a running plan, with the reason', async () => {
    const page = await open('/plans/new');
    await expect.poll(() => status(page), { timeout: 30_000 }).toMatch(/^(✓|0 lỗi)/);
    // The starter plan names its own code: publishing it would not touch the running plan.
    expect(await page.locator('.cm-content').textContent()).toContain('mã: "kh-01-');
    await setEditorText(
      page,
      entryText
        .replace('của UBND xã Ea Kar', '(bản khác)')
        .replace('"../tinh-dak-lak-2027/mau-ke-hoach-xa.dondoc"', '"mau-ke-hoach-xa.dondoc"'),
    );
    // This plan extends a template it does not have yet: adding the files checks it again, without typing.
    await expect.poll(() => status(page), { timeout: 30_000 }).toMatch(/[1-9]\d* lỗi/);
    await page.locator('input[type=file][accept=".dondoc,.ics"]').setInputFiles(
      Object.entries(plan.files)
        .filter(([name]) => name !== plan.entry)
        .map(([name, text]) => ({
          name: name.split('/').pop()!,
          mimeType: 'text/plain',
          buffer: Buffer.from(text),
        })),
    );
    await expect.poll(() => page.locator('.toolbar select').first().locator('option').count()).toBe(3);
    await expect.poll(() => status(page), { timeout: 30_000 }).toMatch(/^(✓|0 lỗi)/);
    await shot(page, '03-new-plan-files-added');
    page.on('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Ban hành' }).click();
    await page.getByText(/Đã có kế hoạch mã/).waitFor({ timeout: 30_000 });
    await shot(page, '04-plan-exists');
    const { rows } = await stack.tdb.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM plan_versions`);
    expect(rows[0]!.n).toBe(2); // the plan's two versions; nothing of the refused one
    await page.close();
  });
});
