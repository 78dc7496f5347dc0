// Browser journeys of issue 15, parts 1, 2 and 5, in headless Chromium against the real stack: a coordinating
// unit sees the task marked "phối hợp", acknowledges and reports its part, and the lead sees it on the
// assignment page; a unit head invites an officer by e-mail, gives them work and reassigns it; the officer
// accepts the invitation, finds the work in "Việc của tôi" and reports progress. Screenshots go to
// test-results/ui/ for people to look at.
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it, inject } from 'vitest';
import { hashPassword } from '../../apps/credentials/password.js';
import { findWebDir } from '../../apps/api/web-ui.js';
import { seedUsers, type SeededUser } from '../../apps/dev-stack/seed-users.js';
import { planProgress } from '../../apps/publishing/plan-publisher.js';
import type { PlanIR } from '../../dsl/ir/schema.js';
import { apiClient } from '../support/api-client.js';
import { startApiStack, type ApiStack } from '../support/api-stack.js';
import { compileEntry, waitFor } from '../support/engine.js';
import { wardPlanCode, wardPlanSource, WARD_FIXTURE } from '../support/ward-plan.js';

const SECRET = 'khoa-bi-mat-cho-kiem-thu-phoi-hop-0123456789';
const PASSWORD = 'Mat-khau-2027';
const SHOTS = join('test-results', 'ui');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

describe('coordinating units and officers in the web UI (Chromium, API, worker, Temporal, PostgreSQL)', () => {
  let stack: ApiStack;
  let browser: Browser;
  let users: SeededUser[];
  let ir: PlanIR;
  let origin: string;
  const taskQueue = `ui-coord-${Date.now()}`;
  const issuer = `ubnd_c${Date.now() % 1_000_000_000}`;
  // Decided two days ago (Vietnam time), so that its tasks are active now whatever the hour.
  const decided = new Date(Date.now() + 7 * 3_600_000 - 2 * 86_400_000)
    .toISOString()
    .slice(0, 10)
    .split('-')
    .reverse()
    .join('/');
  const source = wardPlanSource(issuer).replace('ngày 11/01/2027', `ngày ${decided}`);
  const planCode = wardPlanCode(issuer);
  const id = (task: string, unit: string) => `${planCode}/${task}/${unit}`;
  const loginOf = (role: string, unit?: string) =>
    users.find((u) => u.role === role && (unit === undefined || u.unit === unit))!.login;
  const head = `truong.motcua.${issuer.replace(/_/g, '-')}`;
  const officerEmail = `lan.${issuer.replace(/_/g, '-')}@tanlap.gov.vn`;
  let lastPage: Page | undefined;

  async function open(login: string, password = PASSWORD): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    lastPage = page;
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    (page as Page & { errors?: string[] }).errors = errors;
    await page.goto(`${origin}/`);
    await page.getByLabel('Tên đăng nhập').fill(login);
    await page.getByLabel('Mật khẩu').fill(password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.locator('header.top').waitFor();
    return page;
  }
  const pageErrors = (page: Page) => (page as Page & { errors?: string[] }).errors ?? [];
  const shot = (page: Page, name: string) =>
    page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

  const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  async function accessible(page: Page, name: string) {
    await page.addScriptTag({ content: AXE });
    const result = (await page.evaluate(
      "window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa'] }).then((r) => r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`))",
    )) as string[];
    expect(result, `accessibility of ${name}`).toEqual([]);
  }

  beforeAll(async () => {
    expect(findWebDir(), 'the built UI (npm run build) is served by the API').toBeDefined();
    mkdirSync(SHOTS, { recursive: true });
    stack = await startApiStack({ temporalAddress: inject('temporalAddress'), taskQueue, secret: SECRET });
    origin = stack.base.replace(/\/api$/, '');
    ir = compileEntry(WARD_FIXTURE, () => source).ir;
    users = await seedUsers(stack.tdb.db, ir, PASSWORD, stack.repositories);
    await stack.repositories.users.upsert(stack.tdb.db, {
      issuerId: issuer,
      login: head,
      displayName: 'Lê Văn Hùng',
      email: `hung.${issuer.replace(/_/g, '-')}@tanlap.gov.vn`,
      passwordHash: await hashPassword(PASSWORD),
      roles: [{ role: 'unit_head', unitCode: 'mot_cua' }],
    });
    const api = apiClient(stack.base, PASSWORD);
    const published = await api.call('POST', '/plans', {
      as: loginOf('home_affairs'),
      body: { entry: 'ke-hoach.dondoc', files: { 'ke-hoach.dondoc': source } },
    });
    expect(published.status, published.text).toBe(201);
    await waitFor('the fan-out', async () => {
      const p = await planProgress(stack.client, planCode).catch(() => undefined);
      return p?.phase === 'running' ? p : undefined;
    });
    await waitFor('TT.02 active', async () => {
      const { rows } = await stack.tdb.db.query(`SELECT 1 FROM assignments WHERE id = $1 AND active`, [
        id('TT.02', 'mot_cua'),
      ]);
      return rows.length ? true : undefined;
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
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
    await browser?.close();
    await stack?.stop([ir]);
  });

  it('a coordinating unit: sees the task marked "phối hợp", acknowledges, reports its part; the lead sees it', async () => {
    const page = await open(loginOf('unit_member', 'van_phong'));
    const card = page.locator('.card', { hasText: 'Rà soát, đơn giản hóa TTHC thuộc thẩm quyền' });
    await card.waitFor();
    expect(await card.textContent()).toContain('phối hợp');
    expect(await card.textContent()).toContain('chủ trì: Bộ phận một cửa phường');
    // The coordinating unit does not acknowledge the lead's task from the inbox.
    expect(await card.getByRole('button', { name: /Tiếp nhận/ }).count()).toBe(0);
    await shot(page, '50-coordinator-inbox');
    await accessible(page, 'inbox with a coordinated task');

    await card.getByRole('link').first().click();
    const coordination = page.getByTestId('coordination');
    await coordination.waitFor();
    expect(await coordination.textContent()).toContain('Chưa tiếp nhận');
    const ack = page.locator('form.action', { hasText: 'Tiếp nhận phần phối hợp' });
    await ack.getByRole('button', { name: 'Tiếp nhận' }).click();
    await coordination
      .locator('td', { hasText: /\d{2}\/\d{2}\/\d{4}/ })
      .first()
      .waitFor({ timeout: 20_000 });
    const report = page.locator('form.action', { hasText: 'Báo cáo phần phối hợp' });
    await report
      .getByLabel('Nội dung đã thực hiện')
      .fill('Đã rà soát 8 TTHC thuộc lĩnh vực văn phòng, đề xuất bãi bỏ 2.');
    await report.getByLabel('Số văn bản (nếu có)').fill('45/VP-UBND');
    await report.getByRole('button', { name: 'Gửi báo cáo' }).click();
    await coordination.getByText('Đã rà soát 8 TTHC').waitFor({ timeout: 20_000 });
    expect(await coordination.textContent()).toContain('Đã báo cáo');
    // Only the lead acts on the work itself.
    expect(await page.locator('form.action', { hasText: 'Báo cáo tiến độ' }).count()).toBe(0);
    await shot(page, '51-coordinator-reported');
    await accessible(page, 'assignment page of a coordinating unit');
    // On a phone the page keeps to the screen's width.
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await shot(page, '51-coordinator-reported-phone');
    expect(pageErrors(page)).toEqual([]);
    await page.close();

    const lead = await open(loginOf('unit_member', 'mot_cua'));
    await lead.goto(`${origin}/assignments/${encodeURIComponent(id('TT.02', 'mot_cua'))}`);
    const says = lead.getByTestId('plan-says');
    await says.waitFor();
    const text = await says.textContent();
    expect(text).toContain(`Văn bản số 05/KH-UBND ngày ${decided}`);
    expect(text).toContain('Báo cáo rà soát');
    expect(text).toContain('Văn phòng HĐND và UBND phường');
    expect(await lead.getByTestId('coordination').textContent()).toContain('Đã rà soát 8 TTHC');
    await lead.locator('.timeline', { hasText: 'Đơn vị phối hợp báo cáo' }).waitFor();
    await shot(lead, '52-lead-sees-contribution');
    await accessible(lead, 'assignment page of the lead');
    expect(pageErrors(lead)).toEqual([]);
    await lead.close();
  });

  it('Home Affairs, also a member of a unit, finds the tasks that unit coordinates, marked', async () => {
    const login = `noivu.vanphong.${issuer.replace(/_/g, '-')}`;
    await stack.repositories.users.upsert(stack.tdb.db, {
      issuerId: issuer,
      login,
      displayName: 'Chuyên viên Nội vụ kiêm Văn phòng',
      passwordHash: await hashPassword(PASSWORD),
      roles: [{ role: 'home_affairs' }, { role: 'unit_member', unitCode: 'van_phong' }],
    });
    const api = apiClient(stack.base, PASSWORD);
    const all = await api.call('GET', '/assignments?limit=500', { as: login });
    const rows = (all.json as { rows: { id: string; coordinating: boolean }[] }).rows;
    // Everything of the plan, and only TT.02 marked: van_phong coordinates it, mot_cua leads it.
    expect(rows.filter((r) => r.coordinating).map((r) => r.id)).toEqual([id('TT.02', 'mot_cua')]);
    expect(rows.some((r) => r.id === id('TT.01', 'mot_cua'))).toBe(true);
    const coordinated = await api.call('GET', '/assignments?coordinator=van_phong', { as: login });
    expect((coordinated.json as { rows: { id: string }[] }).rows.map((r) => r.id)).toEqual([
      id('TT.02', 'mot_cua'),
    ]);
  });

  it('a unit head invites an officer, gives and reassigns work; the officer joins and reports in "Việc của tôi"', async () => {
    const page = await open(head);
    await page.getByRole('link', { name: 'Cán bộ' }).click();
    await page.getByTestId('people-mot_cua').waitFor();
    const invite = page.locator('form.action', { hasText: 'Mời chuyên viên' });
    await invite.getByLabel('Họ và tên').fill('Nguyễn Thị Lan');
    await invite.getByLabel('Thư điện tử công vụ').fill(officerEmail);
    await invite.getByRole('button', { name: 'Gửi thư mời' }).click();
    await page.getByText(`Đã gửi thư mời đến ${officerEmail}.`).waitFor();
    await page.getByTestId('people-mot_cua').getByText('Chờ nhận lời mời').waitFor();
    await shot(page, '60-people-invited');
    await accessible(page, 'people of the unit');
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await shot(page, '60-people-invited-phone');
    await page.setViewportSize({ width: 1366, height: 768 });

    // The invitation mail is in the outbox; its one-time link opens the page that sets the password.
    const { rows } = await stack.tdb.db.query<{ payload: { url: string } }>(
      `SELECT payload FROM outbox WHERE kind = 'invitation' AND recipient = $1`,
      [`person:${officerEmail}`],
    );
    const link = new URL(rows[0]!.payload.url);
    const officerPage = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    lastPage = officerPage;
    await officerPage.goto(`${origin}${link.pathname}`);
    await officerPage
      .getByText('Nguyễn Thị Lan được mời làm chuyên viên của Bộ phận một cửa phường')
      .waitFor();
    await officerPage.getByLabel('Mật khẩu (ít nhất 10 ký tự)').fill('Lan-mat-khau-2027');
    await officerPage.getByLabel('Nhập lại mật khẩu').fill('Lan-mat-khau-2027');
    await shot(officerPage, '61-invitation');
    await accessible(officerPage, 'invitation page');
    await officerPage.getByRole('button', { name: 'Kích hoạt tài khoản' }).click();
    await officerPage.getByText('Tài khoản đã được kích hoạt').waitFor();
    // The link works once.
    await officerPage.reload();
    await officerPage.getByText('Liên kết mời đã được dùng hoặc đã hết hạn').waitFor();
    await officerPage.close();

    // The head gives TT.04 to the officer, then hands it to the unit's clerk and back.
    await page.goto(`${origin}/assignments/${encodeURIComponent(id('TT.04', 'mot_cua'))}`);
    const give = page.locator('form.action', { hasText: 'Giao cho chuyên viên' });
    await give.getByLabel('Chuyên viên').selectOption({ label: 'Nguyễn Thị Lan' });
    await give.getByRole('button', { name: 'Giao việc' }).click();
    await expect
      .poll(() => page.getByTestId('officer').textContent(), { timeout: 20_000 })
      .toBe('Nguyễn Thị Lan');
    const again = page.locator('form.action', { hasText: 'Giao lại cho chuyên viên khác' });
    await again.getByLabel('Chuyên viên').selectOption({ label: 'Cán bộ Bộ phận một cửa phường' });
    await again.getByLabel('Ghi chú').fill('Chị Lan đi tập huấn một tuần');
    await again.getByRole('button', { name: 'Giao lại' }).click();
    await expect
      .poll(() => page.getByTestId('officer').textContent(), { timeout: 20_000 })
      .toBe('Cán bộ Bộ phận một cửa phường');
    await page.locator('.timeline', { hasText: 'thay Nguyễn Thị Lan' }).waitFor();
    const back = page.locator('form.action', { hasText: 'Giao lại cho chuyên viên khác' });
    await back.getByLabel('Chuyên viên').selectOption({ label: 'Nguyễn Thị Lan' });
    await back.getByRole('button', { name: 'Giao lại' }).click();
    await expect
      .poll(() => page.getByTestId('officer').textContent(), { timeout: 20_000 })
      .toBe('Nguyễn Thị Lan');
    await shot(page, '62-reassigned');
    await accessible(page, 'assignment page with an officer');
    expect(pageErrors(page)).toEqual([]);
    await page.close();

    const officer = await open(officerEmail, 'Lan-mat-khau-2027');
    await expect.poll(() => officer.url()).toMatch(/\/inbox\?mine=true$/);
    const mine = officer.getByTestId('inbox');
    await mine.waitFor();
    expect(await mine.locator('.card').count()).toBe(1);
    expect(await mine.textContent()).toContain('Cập nhật cơ sở dữ liệu quốc gia về TTHC');
    expect(await mine.textContent()).toContain('chuyên viên: Nguyễn Thị Lan');
    await shot(officer, '63-officer-my-tasks');
    await accessible(officer, 'my tasks of an officer');
    await mine.getByRole('link').first().click();
    const progress = officer.locator('form.action', { hasText: 'Báo cáo tiến độ' });
    await progress.getByLabel('Phần trăm hoàn thành').fill('30');
    await progress.getByLabel('Ghi chú').fill('Đã cập nhật 45/150 thủ tục');
    await progress.getByRole('button', { name: 'Gửi tiến độ' }).click();
    await officer
      .locator('.timeline', { hasText: 'Đã cập nhật 45/150 thủ tục' })
      .waitFor({ timeout: 20_000 });
    await shot(officer, '64-officer-progress');
    expect(pageErrors(officer)).toEqual([]);
    await officer.close();

    // Home Affairs finds the officer's work in the queue by the officer's name.
    const office = await open(loginOf('home_affairs'));
    await office.goto(`${origin}/queue?plan=${planCode}`);
    await office.getByTestId('queue-officer').selectOption({ label: 'Nguyễn Thị Lan' });
    await expect
      .poll(() => office.getByTestId('queue-total').textContent(), { timeout: 20_000 })
      .toBe('1–1 trong 1 nhiệm vụ');
    expect(await office.getByTestId('queue-table').textContent()).toContain('Chuyên viên: Nguyễn Thị Lan');
    await shot(office, '65-queue-by-officer');
    await accessible(office, 'queue filtered by officer');
    await office.close();

    // Every change is in the audit log.
    const audit = await stack.tdb.db.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE action LIKE 'unit.%' OR action = 'assignment.officer_assigned' ORDER BY id`,
    );
    expect(audit.rows.map((r) => r.action)).toEqual([
      'unit.officer_invited',
      'unit.invitation_accepted',
      'assignment.officer_assigned',
      'assignment.officer_assigned',
      'assignment.officer_assigned',
    ]);
  });
});
