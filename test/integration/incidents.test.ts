import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import PostalMime from 'postal-mime';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { findWebDir } from '../../apps/api/web-ui.js';
import { startMailCatcher, type CaughtMessage } from '../../apps/dev-stack/mail-catcher.js';
import { seedUsers } from '../../apps/dev-stack/seed-users.js';
import { MailDispatcher } from '../../apps/mailer/dispatcher.js';
import { planProgress } from '../../apps/publishing/plan-publisher.js';
import type { PlanIR } from '../../dsl/ir/schema.js';
import { apiClient, compileSource } from '../support/api-client.js';
import { startApiStack, type ApiStack } from '../support/api-stack.js';
import { waitFor } from '../support/engine.js';
import { wardPlanCode, wardPlanSource } from '../support/ward-plan.js';

// Issue 18, defects 1 and 2 through the whole product: a step the database refuses for good becomes an incident
// the Home Affairs office sees (its page, the metric, a mail) while the assignment carries on, and the office has
// it written again from the page once the cause is fixed; an idempotency key reused for another action is 422.
const SECRET = 'khoa-bi-mat-cho-su-co-0123456789-0123456789';
const PASSWORD = 'Mat-khau-2027';
const SHOTS = join('test-results', 'incidents');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const run = Date.now() % 1_000_000_000;
const issuer = `ubnd_i${run}`;
const source = wardPlanSource(issuer, { decidedToday: true });
const ir: PlanIR = compileSource(source);
const plan = wardPlanCode(issuer);
const login = (name: string) => `${name}.${issuer}`.replace(/_/g, '-').toLowerCase();
const NOIVU = login('noivu');
const MEMBER = login('mot_cua');
const enc = encodeURIComponent;
const aid = (task: string) => `${plan}/${task}/mot_cua`;

describe('incidents and reused keys through the API, the mailer and the web UI', () => {
  let stack: ApiStack;
  let api: ReturnType<typeof apiClient>;
  let browser: Browser;
  const taskQueue = `incidents-${run}`;
  const openIncidents = async () =>
    Number(
      /dondoc_incidents_open\{issuer="([^"]+)"\} (\d+)/
        .exec((await api.call('GET', '/metrics')).text.split('\n').find((l) => l.includes(issuer)) ?? '')
        ?.at(2) ?? 0,
    );

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    stack = await startApiStack({
      temporalAddress: inject('temporalAddress'),
      taskQueue,
      secret: SECRET,
      env: { PUBLIC_URL: 'http://127.0.0.1:1' },
    });
    api = apiClient(stack.base, PASSWORD);
    await seedUsers(stack.tdb.db, ir, PASSWORD, stack.repositories);
    await stack.tdb.db.query(`UPDATE users SET email = 'noivu@phuong.example.gov.vn' WHERE login = $1`, [
      NOIVU,
    ]);
    const published = await api.call('POST', '/plans', {
      as: NOIVU,
      body: { entry: 'ke-hoach.dondoc', files: { 'ke-hoach.dondoc': source } },
    });
    expect(published.status, published.text).toBe(201);
    await waitFor('the fan-out', async () => {
      const p = await planProgress(stack.client, plan).catch(() => undefined);
      return p?.phase === 'running' ? p : undefined;
    });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop([ir]);
  });

  it('answers a reused key with 422 and the same request with the stored answer', async () => {
    const path = (action: string) => `/assignments/${enc(aid('TT.02'))}/${action}`;
    const key = { 'idempotency-key': `k-${run}` };
    const first = await api.call('POST', path('progress'), {
      as: MEMBER,
      headers: key,
      body: { percent: 40 },
    });
    expect(first.status, first.text).toBe(200);
    const again = await api.call('POST', path('progress'), {
      as: MEMBER,
      headers: key,
      body: { percent: 40 },
    });
    expect(again.status).toBe(200);
    expect(again.json).toEqual(first.json);
    const complete = await api.call('POST', path('complete'), {
      as: MEMBER,
      headers: key,
      body: { evidence: { documentNumber: '33/BC-UBND' } },
    });
    expect(complete.status, complete.text).toBe(422);
    expect(complete.type).toMatch(/^application\/problem\+json/);
    expect(complete.json).toMatchObject({
      code: 'IDEMPOTENCY_KEY_REUSED',
      message: { vi: expect.stringMatching(/đã dùng/) },
    });
    const other = await api.call('POST', path('progress'), {
      as: MEMBER,
      headers: key,
      body: { percent: 60 },
    });
    expect(other.status, other.text).toBe(422);
    const detail = await api.call('GET', `/assignments/${enc(aid('TT.02'))}`, { as: MEMBER });
    expect(detail.json).toMatchObject({ status: 'in_progress', progressPercent: 40 });
    expect((detail.json as { events: { type: string }[] }).events.map((e) => e.type)).not.toContain(
      'completed',
    );
  });

  it(
    'shows a refused step to the office (page, metric, mail), carries on, and writes it again on repair',
    { timeout: 120_000 },
    async () => {
      const id = aid('TT.04');
      await stack.tdb.db.query(
        `ALTER TABLE events ADD CONSTRAINT test_refused_note CHECK (payload->>'note' IS DISTINCT FROM 'không lưu được')`,
      );
      const ack = await api.call('POST', `/assignments/${enc(id)}/acknowledge`, {
        as: MEMBER,
        body: { note: 'không lưu được' },
      });
      expect(ack.status, ack.text).toBe(200);
      // Not wedged: the next action is accepted and written, and the list shows the assignment as it is.
      const progress = await api.call('POST', `/assignments/${enc(id)}/progress`, {
        as: MEMBER,
        body: { percent: 30, note: 'Đang cập nhật dữ liệu' },
      });
      expect(progress.status, progress.text).toBe(200);
      expect((await api.call('GET', `/assignments/${enc(id)}`, { as: MEMBER })).json).toMatchObject({
        status: 'in_progress',
        progressPercent: 30,
      });

      // The office sees it: the list (a unit member may not), the metric.
      expect((await api.call('GET', '/incidents', { as: MEMBER })).status).toBe(403);
      const list = await api.call('GET', '/incidents?status=open', { as: NOIVU });
      expect(list.json).toMatchObject([
        { assignmentId: id, stepType: 'acknowledged', status: 'open', sqlstate: '23514', failures: 1 },
      ]);
      const incidentId = (list.json as { id: string }[])[0]!.id;
      expect(await openIncidents()).toBe(1);

      // And a mail, through the real dispatcher and SMTP. The unit's name as text stored before bidirectional
      // controls were refused would have it (an override reversing part of it): the mail shows it without them.
      await stack.tdb.db.query(
        `UPDATE outbox SET payload = jsonb_set(payload, '{unit,name}', to_jsonb($1::text)) WHERE kind = 'incident'`,
        ['Bộ phận \u202emột cửa\u202c phường'],
      );
      const caught: CaughtMessage[] = [];
      const catcher = await startMailCatcher({
        port: 0,
        dir: mkdtempSync(join(tmpdir(), 'dondoc-incidents-')),
        onMessage: (m) => caught.push(m),
      });
      const dispatcher = new MailDispatcher({
        db: stack.tdb.db,
        repositories: stack.repositories,
        smtpUrl: catcher.url,
        from: 'Đôn Đốc <dondoc@example.gov.vn>',
        publicUrl: 'http://127.0.0.1:1',
      });
      try {
        await waitFor('the incident mail', async () => {
          while ((await dispatcher.runOnce()).claimed > 0);
          const mails = await Promise.all(caught.map((m) => PostalMime.parse(readFileSync(m.file))));
          return mails.find((m) => m.subject?.startsWith('[Đôn Đốc] Sự cố ghi dữ liệu'));
        });
      } finally {
        await dispatcher.stop();
        await catcher.close();
      }
      const mails = await Promise.all(caught.map((m) => PostalMime.parse(readFileSync(m.file))));
      const mail = mails.find((m) => m.subject?.startsWith('[Đôn Đốc] Sự cố ghi dữ liệu'))!;
      expect(mail.subject).toBe(
        '[Đôn Đốc] Sự cố ghi dữ liệu: Tiếp nhận – Cập nhật cơ sở dữ liệu quốc gia về TTHC',
      );
      expect(mail.to?.map((t) => t.address)).toEqual(['noivu@phuong.example.gov.vn']);
      expect(mail.text).toContain('không ghi được bước "Tiếp nhận"');
      expect(mail.text).toContain('http://127.0.0.1:1/incidents');
      expect(mail.text).toContain('Bộ phận một cửa phường');
      for (const part of [mail.subject ?? '', mail.text ?? '', mail.html ?? ''])
        expect(part).not.toMatch(/[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/);

      // The page, then the repair from it once the cause is fixed.
      expect(findWebDir(), 'the built UI (npm run build:web) is served by the API').toBeDefined();
      browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
      const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(stack.base.replace(/\/api$/, '/'));
      await page.getByLabel('Tên đăng nhập').fill(NOIVU);
      await page.getByLabel('Mật khẩu').fill(PASSWORD);
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await page.getByRole('link', { name: 'Sự cố' }).click();
      const card = page.getByTestId('incident');
      await card.getByText('Chưa xử lý').waitFor();
      expect(await card.textContent()).toContain('Bước “Tiếp nhận”');
      expect(await card.textContent()).toContain('Cập nhật cơ sở dữ liệu quốc gia về TTHC');
      await page.screenshot({ path: join(SHOTS, '01-open.png'), fullPage: true });
      // Still failing: the page says so and the incident stays open.
      await card.getByRole('button', { name: 'Ghi lại bước này' }).click();
      await card.getByText('Vẫn chưa ghi được bước này').waitFor();
      await stack.tdb.db.query('ALTER TABLE events DROP CONSTRAINT test_refused_note');
      await card.getByRole('button', { name: 'Ghi lại bước này' }).click();
      await page.getByText('Đã ghi lại', { exact: true }).first().waitFor();
      await page.screenshot({ path: join(SHOTS, '02-repaired.png'), fullPage: true });
      expect(errors).toEqual([]);

      const after = await api.call('GET', '/incidents', { as: NOIVU });
      expect(after.json).toMatchObject([
        { id: incidentId, status: 'resolved', resolution: 'retried', failures: 2 },
      ]);
      expect(await openIncidents()).toBe(0);
      const detail = await api.call('GET', `/assignments/${enc(id)}`, { as: MEMBER });
      expect((detail.json as { events: { type: string }[] }).events.map((e) => e.type)).toEqual(
        expect.arrayContaining(['acknowledged', 'progress_reported']),
      );
      expect(detail.json).toMatchObject({ status: 'in_progress', progressPercent: 30 });
    },
  );
});
