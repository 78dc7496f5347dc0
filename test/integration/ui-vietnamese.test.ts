// Every page, for every role, in Vietnamese: what a person reads is Vietnamese and names, never English words,
// engine codes (unit codes, "person:…", snake_case), raw ISO dates or rates scaled twice. Screenshots of every
// page at 1366 and 390 px wide go to test-results/ui-vi/ for people to look at; they are not committed.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { findWebDir } from '../../apps/api/web-ui.js';
import { seedUsers, type SeededUser } from '../../apps/dev-stack/seed-users.js';
import { planProgress } from '../../apps/publishing/plan-publisher.js';
import { engineActivities } from '../../apps/worker/worker.js';
import type { PlanIR } from '../../dsl/ir/schema.js';
import { startApiStack, type ApiStack } from '../support/api-stack.js';
import { compileEntry, waitFor } from '../support/engine.js';
import { overdueWardDigest, wardPlanCode, wardPlanSource, WARD_FIXTURE } from '../support/ward-plan.js';

const SECRET = 'khoa-bi-mat-cho-kiem-thu-tieng-viet-0123456789';
const PASSWORD = 'Mat-khau-2027';
const SHOTS = join('test-results', 'ui-vi');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** English words an official must not meet in the Vietnamese interface (whole words, any case). */
const ENGLISH = [
  'pending',
  'approved',
  'rejected',
  'refused',
  'withdrawn',
  'system',
  'level',
  'overdue',
  'assigned',
  'acknowledged',
  'done',
  'status',
  'unit',
  'units',
  'plan',
  'plans',
  'deadline',
  'due',
  'report',
  'reports',
  'task',
  'tasks',
  'progress',
  'cancelled',
  'extension',
  'escalated',
  'escalation',
  'dashboard',
  'inbox',
  'late',
  'left',
  'days',
  'loading',
  'error',
  'null',
  'undefined',
  'NaN',
  'true',
  'false',
];
const ENGLISH_RE = new RegExp(`(?<![\\p{L}\\d_])(${ENGLISH.join('|')})(?![\\p{L}\\d_])`, 'iu');

/** What gives a code away: snake_case, the engine's recipient keys, ISO dates and periods, objects. */
const CODES: [string, RegExp][] = [
  ['snake_case code', /[\p{L}\d]+_[\p{L}\d_]+/u],
  ['recipient key', /\b(person|unit):/],
  ['ISO date', /\b\d{4}-\d{2}-\d{2}\b/],
  ['raw period', /\b\d{4}-(Q[1-4]|H[12]|\d{2})\b/],
  ['object', /\[object |Invalid Date/],
];

/** Every "n %" on the page: a rate is a percentage from 0 to 100 ("85,5 %"), never "10.000 %". */
function percents(text: string): number[] {
  return [...text.matchAll(/(\d[\d.]*(?:,\d+)?)\s?%/g)].map((m) =>
    Number(m[1]!.replaceAll('.', '').replace(',', '.')),
  );
}

/** What is wrong with a page's text for a Vietnamese reader (empty when nothing). */
export function vietnameseProblems(text: string): string[] {
  const problems: string[] = [];
  for (const line of text.split('\n')) {
    const english = ENGLISH_RE.exec(line);
    if (english) problems.push(`English "${english[1]}" in: ${line.trim().slice(0, 120)}`);
    for (const [what, re] of CODES) {
      const m = re.exec(line);
      if (m) problems.push(`${what} "${m[0]}" in: ${line.trim().slice(0, 120)}`);
    }
  }
  for (const p of percents(text)) if (p > 100) problems.push(`a rate of ${p} % (scaled twice?)`);
  return problems;
}

describe('what a person reads on each page, in Vietnamese (Chromium, API, worker, Temporal, PostgreSQL)', () => {
  let stack: ApiStack;
  let browser: Browser;
  let users: SeededUser[];
  let ir: PlanIR | undefined;
  let origin: string;
  const tokens = new Map<string, string>();
  const taskQueue = `ui-vi-${Date.now()}`;
  const issuer = `ubnd_v${Date.now() % 1_000_000_000}`;
  const source = wardPlanSource(issuer, { decidedToday: true, indicator: true });
  const planCode = wardPlanCode(issuer);
  const id = (task: string, unit: string) => `${planCode}/${task}/${unit}`;
  const loginOf = (role: string, unit?: string) =>
    users.find((u) => u.role === role && (unit === undefined || u.unit === unit))!.login;
  const problemsOf = new Map<string, string[]>();

  async function call(method: string, path: string, as: string, body?: unknown) {
    let token = tokens.get(as);
    if (!token) {
      const res = await fetch(`${stack.base}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ login: as, password: PASSWORD }),
      });
      token = ((await res.json()) as { token: string }).token;
      tokens.set(as, token);
    }
    const res = await fetch(`${stack.base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        'idempotency-key': crypto.randomUUID(),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, body: (await res.json().catch(() => null)) as unknown };
  }

  async function signIn(login: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'en-US' });
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

  /** The text a person reads: the page's visible text and the hints in empty fields; not the plan's source. */
  async function readableText(page: Page): Promise<string> {
    return page.evaluate(`(() => {
      const editors = [...document.querySelectorAll('.cm-editor')];
      for (const e of editors) e.style.setProperty('display', 'none', 'important');
      const text = document.body.innerText;
      for (const e of editors) e.style.removeProperty('display');
      const hints = [...document.querySelectorAll('input[placeholder], textarea[placeholder]')].map((e) => e.placeholder);
      return [text, ...hints].join('\\n');
    })()`);
  }

  /** Waits until the page has drawn its title and loaded its data. */
  async function loaded(page: Page, what: string) {
    try {
      await page.locator('main h1').first().waitFor();
      await page.waitForLoadState('networkidle');
      await expect.poll(() => page.locator('.loading').count(), { timeout: 20_000 }).toBe(0);
    } catch (err) {
      await page.screenshot({ path: join(SHOTS, `FAILED-${what}.png`), fullPage: true });
      throw err;
    }
  }

  /** Opens a page, waits until it has loaded, checks its text and takes its screenshots at both widths. */
  async function visit(page: Page, role: string, name: string, path: string) {
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(`${origin}${path}`);
    await loaded(page, `${role}-${name}`);
    const text = await readableText(page);
    const problems = vietnameseProblems(text);
    await page.screenshot({ path: join(SHOTS, `${role}-${name}-1366.png`), fullPage: true });
    // As a phone opens it: loaded at its width, and no wider than the screen.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${origin}${path}`);
    await loaded(page, `${role}-${name}-390`);
    const width = (await page.evaluate('document.documentElement.scrollWidth')) as number;
    if (width > 390) problems.push(`${width} px wide on a 390 px screen`);
    await page.screenshot({ path: join(SHOTS, `${role}-${name}-390.png`), fullPage: true });
    problemsOf.set(`${role} ${name} (${path})`, problems);
    return text;
  }

  beforeAll(async () => {
    expect(findWebDir(), 'the built UI (npm run build) is served by the API').toBeDefined();
    mkdirSync(SHOTS, { recursive: true });
    stack = await startApiStack({ temporalAddress: inject('temporalAddress'), taskQueue, secret: SECRET });
    origin = stack.base.replace(/\/api$/, '');
    ir = compileEntry(WARD_FIXTURE, () => source).ir;
    users = await seedUsers(stack.tdb.db, ir, PASSWORD, stack.repositories);
    const noivu = loginOf('home_affairs');
    const published = await call('POST', '/plans', noivu, {
      entry: 'ke-hoach.dondoc',
      files: { 'ke-hoach.dondoc': source },
    });
    expect(published.status, JSON.stringify(published.body)).toBeLessThan(300);
    await waitFor('the fan-out', async () => {
      const p = await planProgress(stack.client, planCode).catch(() => undefined);
      return p?.phase === 'running' ? p : undefined;
    });
    // Some of everything: acknowledged, done with evidence, an extension waiting, a digest, an issued report.
    const motCua = loginOf('unit_member', 'mot_cua');
    await waitFor('TT.01 assigned', async () => {
      const r = await call('GET', `/assignments/${encodeURIComponent(id('TT.01', 'mot_cua'))}`, motCua);
      return (r.body as { status?: string })?.status === 'assigned' ? true : undefined;
    });
    for (const [path, body] of [
      [`${id('TT.01', 'mot_cua')}/acknowledge`, { note: 'Đã nhận' }],
      [
        `${id('TT.01', 'mot_cua')}/complete`,
        { evidence: { documentNumber: '15/TB-UBND', note: 'Đã niêm yết' } },
      ],
      [`${id('TT.05', 'mot_cua')}/extension-requests`, { newDueDate: '2027-12-15', reason: 'Chờ hướng dẫn' }],
    ] as const) {
      const [assignment, action] = [path.slice(0, path.lastIndexOf('/')), path.slice(path.lastIndexOf('/'))];
      const r = await call('POST', `/assignments/${encodeURIComponent(assignment)}${action}`, motCua, body);
      expect(r.status, `${path}: ${JSON.stringify(r.body)}`).toBeLessThan(300);
    }
    const now = Date.now();
    const activities = engineActivities({
      db: stack.tdb.db,
      repositories: stack.repositories,
      client: stack.client,
      taskQueue,
    });
    await activities.sendDigest(overdueWardDigest(planCode, now));
    await activities.compileReport({
      planCode,
      reportId: 'bc_quy',
      at: '2027-03-14T17:00:00.000Z',
      runId: 'ui-vi',
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop([ir]);
  });

  it('knows an English word, a code and a rate scaled twice when it sees one', () => {
    expect(vietnameseProblems('Đề nghị gia hạn · pending')).toHaveLength(1);
    expect(vietnameseProblems('Leo thang, level 2')).toHaveLength(1);
    expect(vietnameseProblems('Đơn vị: xa_ea_kar')).toHaveLength(1);
    expect(vietnameseProblems('Người nhận person:chu_tich')).not.toEqual([]);
    expect(vietnameseProblems('Tỷ lệ hoàn thành 10.000 %')).toEqual(['a rate of 10000 % (scaled twice?)']);
    expect(vietnameseProblems('Dưới 8000 % đúng hạn')).toHaveLength(1);
    expect(
      vietnameseProblems(
        'Hạn 15:05 ngày 23/12/2027 · Hạn hôm nay, còn 5 giờ · Tỷ lệ hoàn thành 85,5 % · Dưới 80 % đúng hạn · Quý I/2027',
      ),
    ).toEqual([]);
  });

  it('Home Affairs reads every page in Vietnamese; the extension queue and the assignment agree on the deadline', async () => {
    const page = await signIn(loginOf('home_affairs'));
    await visit(page, 'home-affairs', 'plans', '/plans');
    await visit(page, 'home-affairs', 'plan', `/plans/${planCode}`);
    await visit(page, 'home-affairs', 'editor', `/plans/${planCode}/edit`);
    await visit(page, 'home-affairs', 'extensions', '/extensions');
    const queued = await page.getByTestId('current-deadline').first().textContent();
    expect(await page.getByTestId('asked-deadline').first().textContent()).toBe('15/12/2027');
    const tt05 = await visit(
      page,
      'home-affairs',
      'assignment-extension',
      `/assignments/${encodeURIComponent(id('TT.05', 'mot_cua'))}`,
    );
    // The same last day on both pages (the queue once showed the day after: the 24:00 instant read as a date).
    expect(queued).toBe('31/08/2027');
    expect(await page.getByTestId('deadline').textContent()).toMatch(/^31\/08\/2027/);
    expect(tt05).toContain('Chờ duyệt gia hạn');
    expect(await page.getByTestId('extension-pending').textContent()).toContain('15/12/2027');
    await visit(
      page,
      'home-affairs',
      'assignment-done',
      `/assignments/${encodeURIComponent(id('TT.01', 'mot_cua'))}`,
    );
    // Actors by name and unit, never by login.
    expect(await page.locator('.timeline').textContent()).toContain('Cán bộ Bộ phận một cửa phường');
    await visit(page, 'home-affairs', 'inbox', '/inbox');
    await visit(page, 'home-affairs', 'indicators', '/indicators');
    await visit(page, 'home-affairs', 'digests', '/digests');
    const dashboard = await visit(page, 'home-affairs', 'dashboard', '/dashboard');
    expect(percents(dashboard).filter((p) => p > 100)).toEqual([]);
    await visit(page, 'home-affairs', 'reports', '/reports');
    expect((page as Page & { errors?: string[] }).errors).toEqual([]);
    await page.close();
  });

  it('a unit member, a chairperson and a viewer read every page of theirs in Vietnamese', async () => {
    const member = await signIn(loginOf('unit_member', 'mot_cua'));
    const inbox = await visit(member, 'unit-member', 'inbox', '/inbox');
    expect(inbox).toContain('Chờ duyệt gia hạn');
    await visit(
      member,
      'unit-member',
      'assignment',
      `/assignments/${encodeURIComponent(id('TT.05', 'mot_cua'))}`,
    );
    await visit(
      member,
      'unit-member',
      'assignment-new',
      `/assignments/${encodeURIComponent(id('TT.02', 'mot_cua'))}`,
    );
    await visit(member, 'unit-member', 'indicators', '/indicators');
    await visit(member, 'unit-member', 'dashboard', '/dashboard');
    await member.close();

    const chair = await signIn(loginOf('chairperson', issuer));
    await visit(chair, 'chairperson', 'digests', '/digests');
    await visit(chair, 'chairperson', 'inbox', '/inbox');
    await visit(
      chair,
      'chairperson',
      'assignment',
      `/assignments/${encodeURIComponent(id('TT.01', 'mot_cua'))}`,
    );
    const dashboard = await visit(chair, 'chairperson', 'dashboard', '/dashboard');
    expect(percents(dashboard).filter((p) => p > 100)).toEqual([]);
    await visit(chair, 'chairperson', 'reports', '/reports');
    await chair.close();

    const viewer = await signIn(loginOf('viewer'));
    await visit(viewer, 'viewer', 'inbox', '/inbox');
    await visit(viewer, 'viewer', 'assignment', `/assignments/${encodeURIComponent(id('TT.05', 'mot_cua'))}`);
    await visit(viewer, 'viewer', 'dashboard', '/dashboard');
    await visit(viewer, 'viewer', 'reports', '/reports');
    await viewer.close();

    const failing = [...problemsOf].filter(([, p]) => p.length > 0);
    expect(Object.fromEntries(failing)).toEqual({});
  });
});
