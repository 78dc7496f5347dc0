import ExcelJS from 'exceljs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { MailDispatcher } from '../../apps/mailer/dispatcher.js';
import { startMailCatcher, type CaughtMessage } from '../../apps/dev-stack/mail-catcher.js';
import { createAcknowledgeLink } from '../../apps/credentials/one-click.js';
import { planProgress } from '../../apps/publishing/plan-publisher.js';
import type { ReportContent } from '../../apps/reports/report-model.js';
import { seedUsers, type SeededUser } from '../../apps/dev-stack/seed-users.js';
import { engineActivities } from '../../apps/worker/worker.js';
import type { PlanIR } from '../../dsl/ir/schema.js';
import type { Client } from '@temporalio/client';
import { startApiStack, type ApiStack } from '../support/api-stack.js';
import type { TestDatabase } from '../support/db.js';
import { compileEntry, waitFor } from '../support/engine.js';
import { wardPlanCode, wardPlanSource, WARD_FIXTURE } from '../support/ward-plan.js';

const SECRET = 'khoa-bi-mat-cho-kiem-thu-0123456789';
const PASSWORD = 'Mat-khau-2027';

// One scenario per kind of user, through HTTP only, over PostgreSQL, the Temporal dev server and a worker.
describe('the API for each role (PostgreSQL, Temporal dev server, worker)', () => {
  let stack: ApiStack;
  let tdb: TestDatabase;
  let client: Client;
  let base: string;
  let users: SeededUser[];
  let ir: PlanIR | undefined;
  const tokens = new Map<string, string>();
  const taskQueue = `api-${Date.now()}`;
  // The dev server outlives test runs: an issuer (and so a plan code) of this run's own.
  const issuer = `ubnd_p${Date.now() % 1_000_000_000}`;
  const source = wardPlanSource(issuer, { indicator: true });
  const sources = { entry: 'ke-hoach.dondoc', files: { 'ke-hoach.dondoc': source } };
  const planCode = wardPlanCode(issuer);
  const id = (task: string, unit: string, occurrence = '') =>
    `${planCode}/${task}/${unit}${occurrence ? `/${occurrence}` : ''}`;
  const loginOf = (role: string, unit?: string) =>
    users.find((u) => u.role === role && (unit === undefined || u.unit === unit))!.login;

  async function call(
    method: string,
    path: string,
    o: { as?: string; body?: unknown; headers?: Record<string, string> } = {},
  ) {
    const headers: Record<string, string> = { ...o.headers };
    if (o.as) headers.authorization = `Bearer ${await token(o.as)}`;
    if (o.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${base}${path}`, {
      method,
      headers,
      ...(o.body !== undefined ? { body: JSON.stringify(o.body) } : {}),
    });
    const type = res.headers.get('content-type') ?? '';
    const body: unknown = type.includes('json') ? await res.json() : Buffer.from(await res.arrayBuffer());
    return { status: res.status, body: body as never, type };
  }

  async function token(login: string): Promise<string> {
    const known = tokens.get(login);
    if (known) return known;
    const res = await fetch(`${base}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login, password: PASSWORD }),
    });
    expect(res.status, `login ${login}`).toBe(200);
    const t = ((await res.json()) as { token: string }).token;
    tokens.set(login, t);
    return t;
  }

  const enc = encodeURIComponent;

  beforeAll(async () => {
    stack = await startApiStack({
      temporalAddress: inject('temporalAddress'),
      taskQueue,
      secret: SECRET,
      env: { PUBLIC_URL: 'http://127.0.0.1:1' },
    });
    ({ tdb, client, base } = stack);
    // The first Home Affairs account is created by an administrator; here straight from the plan's data.
    users = await seedUsers(
      tdb.db,
      compileEntry(WARD_FIXTURE, () => source).ir,
      PASSWORD,
      stack.repositories,
    );
  });

  afterAll(async () => {
    await stack?.stop([ir]);
  });

  it('Home Affairs: checks a plan with an error, previews, publishes, previews an amendment', async () => {
    const noivu = loginOf('home_affairs');
    const broken = {
      entry: 'ke-hoach.dondoc',
      files: { 'ke-hoach.dondoc': source.replace('chủ trì: mot_cua', 'chủ trì: mot_cuaa') },
    };
    const checked = await call('POST', '/plans/check', { as: noivu, body: broken });
    expect(checked.status).toBe(200);
    const diagnostics = checked.body as {
      ok: boolean;
      diagnostics: { code: string; range: { start: { line: number } }; hint?: { vi: string } }[];
    };
    expect((checked.body as { ok: boolean }).ok).toBe(false);
    expect(diagnostics.diagnostics[0]).toMatchObject({ code: 'DD3001', range: { start: { line: 57 } } });
    expect(diagnostics.diagnostics[0]!.hint?.vi).toContain('mot_cua');
    const refused = await call('POST', '/plans', { as: noivu, body: broken });
    expect(refused).toMatchObject({ status: 422, body: { code: 'plan_has_errors' } });

    const preview = await call('POST', '/plans/preview?unit=mot_cua', { as: noivu, body: sources });
    expect(preview.status).toBe(200);
    const events = (preview.body as { events: { kind: string; unit?: string }[] }).events;
    expect(events.length).toBeGreaterThan(10);
    expect(events.every((e) => !e.unit || e.unit === 'mot_cua')).toBe(true);

    // A unit member may not author plans.
    expect(
      (await call('POST', '/plans/check', { as: loginOf('unit_member', 'mot_cua'), body: sources })).status,
    ).toBe(403);

    const published = await call('POST', '/plans', { as: noivu, body: sources });
    expect(published).toMatchObject({ status: 201, body: { action: 'started', version: 1, planCode } });
    ir = compileEntry(WARD_FIXTURE, () => source).ir;
    await waitFor('the fan-out', async () => {
      const p = await planProgress(client, planCode).catch(() => undefined);
      return p?.phase === 'running' ? p : undefined;
    });
    const again = await call('POST', '/plans', { as: noivu, body: sources });
    expect(again.body).toMatchObject({ action: 'unchanged', version: 1 });

    const listed = await call('GET', '/plans', { as: noivu });
    expect(listed.body).toEqual([expect.objectContaining({ code: planCode, publishedVersion: 1 })]);

    const moved = {
      entry: 'ke-hoach.dondoc',
      files: { 'ke-hoach.dondoc': source.replace('thời hạn: ngày 31/08/2027', 'thời hạn: ngày 29/10/2027') },
    };
    const diff = await call('POST', `/plans/${planCode}/amendments/preview`, { as: noivu, body: moved });
    expect(diff.status).toBe(200);
    expect(diff.body).toMatchObject({ fromVersion: 1, added: [], removed: [] });
    expect((diff.body as { changed: { taskId: string; fields: Record<string, unknown> }[] }).changed).toEqual(
      [
        expect.objectContaining({
          taskId: 'TT.05',
          fields: expect.objectContaining({ dueDate: { from: '2027-08-31', to: '2027-10-29' } }),
        }),
      ],
    );
  });

  it('a unit: sees only its own work, acknowledges once, completes with evidence, asks for more time', async () => {
    const motCua = loginOf('unit_member', 'mot_cua');
    const inbox = await call('GET', '/assignments?includeInactive=true', { as: motCua });
    expect(inbox.status).toBe(200);
    const rows = (inbox.body as { rows: { unitCode: string }[]; total: number }).rows;
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.unitCode))).toEqual(new Set(['mot_cua']));
    // Another unit's assignment does not exist for this user.
    const other = await call('GET', `/assignments/${enc(id('CĐ.01', 'van_phong'))}`, { as: motCua });
    expect(other).toMatchObject({ status: 404, body: { code: 'assignment_not_found' } });
    const notMine = await call('POST', `/assignments/${enc(id('CĐ.01', 'van_phong'))}/acknowledge`, {
      as: motCua,
      body: {},
    });
    expect(notMine.status).toBe(404);

    const tt01 = enc(id('TT.01', 'mot_cua'));
    const ack = await call('POST', `/assignments/${tt01}/acknowledge`, {
      as: motCua,
      body: { note: 'Đã phân công chuyên viên' },
      headers: { 'idempotency-key': 'ack-tt01' },
    });
    expect(ack).toMatchObject({ status: 200, body: { status: 'acknowledged' } });
    // The same request again (a retried click) is answered the same; the key with another body is refused
    // (IETF Idempotency-Key draft), and a new request with the reason.
    const retried = await call('POST', `/assignments/${tt01}/acknowledge`, {
      as: motCua,
      body: { note: 'Đã phân công chuyên viên' },
      headers: { 'idempotency-key': 'ack-tt01' },
    });
    expect(retried).toMatchObject({ status: 200, body: { status: 'acknowledged' } });
    const reused = await call('POST', `/assignments/${tt01}/acknowledge`, {
      as: motCua,
      body: {},
      headers: { 'idempotency-key': 'ack-tt01' },
    });
    expect(reused).toMatchObject({ status: 422, body: { code: 'IDEMPOTENCY_KEY_REUSED' } });
    const badKey = await call('POST', `/assignments/${tt01}/acknowledge`, {
      as: motCua,
      body: {},
      headers: { 'idempotency-key': 'khoa/co dau' },
    });
    expect(badKey).toMatchObject({ status: 400, body: { code: 'invalid_idempotency_key' } });
    const twice = await call('POST', `/assignments/${tt01}/acknowledge`, { as: motCua, body: {} });
    expect(twice).toMatchObject({
      status: 409,
      body: { code: 'ALREADY_ACKNOWLEDGED', message: { vi: 'Nhiệm vụ đã được tiếp nhận.' } },
    });

    const badPercent = await call('POST', `/assignments/${tt01}/progress`, {
      as: motCua,
      body: { percent: 150 },
    });
    expect(badPercent).toMatchObject({ status: 400, body: { code: 'validation_failed' } });
    const noEvidence = await call('POST', `/assignments/${tt01}/complete`, {
      as: motCua,
      body: { evidence: {} },
    });
    expect(noEvidence).toMatchObject({ status: 422, body: { code: 'EVIDENCE_REQUIRED' } });
    const progress = await call('POST', `/assignments/${tt01}/progress`, {
      as: motCua,
      body: { percent: 60, note: 'Đã niêm yết 60%' },
    });
    expect(progress).toMatchObject({ status: 200, body: { status: 'in_progress' } });
    const done = await call('POST', `/assignments/${tt01}/complete`, {
      as: motCua,
      body: {
        evidence: {
          documentNumber: '12/BC-UBND',
          documentDate: '2026-11-20',
          link: 'https://tanlap.gov.vn/bc/12',
        },
      },
    });
    expect(done).toMatchObject({ status: 200, body: { status: 'done', progressClass: 'done_on_time' } });

    const tt02 = enc(id('TT.02', 'mot_cua'));
    const past = await call('POST', `/assignments/${tt02}/extension-requests`, {
      as: motCua,
      body: { newDueDate: '2026-01-05', reason: 'Thiếu người' },
    });
    expect(past).toMatchObject({ status: 422, body: { code: 'DATE_IN_PAST' } });
    const asked = await call('POST', `/assignments/${tt02}/extension-requests`, {
      as: motCua,
      body: { newDueDate: '2027-07-30', reason: 'Chờ hướng dẫn của tỉnh' },
    });
    expect(asked.status).toBe(200);
    // A unit member may not decide its own extension.
    const self = await call('POST', `/assignments/${tt02}/extension-decision`, {
      as: motCua,
      body: { approve: true },
    });
    expect(self.status).toBe(403);

    const value = await call('POST', '/indicators/values', {
      as: motCua,
      body: { plan: planCode, indicator: 'ho_so_dung_han', unit: 'mot_cua', period: '2027-03', value: 93.5 },
    });
    expect(value.status).toBe(200);
    const elsewhere = await call('POST', '/indicators/values', {
      as: motCua,
      body: { plan: planCode, indicator: 'ho_so_dung_han', unit: 'van_phong', period: '2027-03', value: 99 },
    });
    expect(elsewhere.status).toBe(403);

    const detail = await call('GET', `/assignments/${tt01}`, { as: motCua });
    expect((detail.body as { events: { type: string; actor: string }[] }).events.map((e) => e.type)).toEqual(
      expect.arrayContaining(['acknowledged', 'progress_reported', 'completed']),
    );
  });

  it('Home Affairs: decides the extension and sends back weak evidence', async () => {
    const noivu = loginOf('home_affairs');
    const pending = await waitFor('the extension projection', async () => {
      const r = await call('GET', `/extension-requests?plan=${planCode}`, { as: noivu });
      return (r.body as unknown[]).length === 1
        ? (r.body as { assignmentId: string; newDueDate: string }[])
        : undefined;
    });
    expect(pending[0]).toMatchObject({ assignmentId: id('TT.02', 'mot_cua'), newDueDate: '2027-07-30' });
    const decided = await call('POST', `/assignments/${enc(id('TT.02', 'mot_cua'))}/extension-decision`, {
      as: noivu,
      body: { approve: true, note: 'Đồng ý' },
    });
    expect(decided.status).toBe(200);
    expect(new Date((decided.body as { dueAt: string }).dueAt).getTime()).toBeGreaterThan(
      Date.parse('2027-07-29T00:00:00Z'),
    );
    const reopened = await call('POST', `/assignments/${enc(id('TT.01', 'mot_cua'))}/reopen`, {
      as: noivu,
      body: { reason: 'Thiếu danh mục TTHC niêm yết' },
    });
    expect(reopened).toMatchObject({ status: 200, body: { status: 'in_progress' } });
    await waitFor('the decision in the projection', async () => {
      const r = await call('GET', `/extension-requests?plan=${planCode}`, { as: noivu });
      return (r.body as unknown[]).length === 0 ? true : undefined;
    });
  });

  it('e-mail: the request reaches the issuer and the decisions reach the unit, by SMTP, once', async () => {
    const caught: CaughtMessage[] = [];
    const catcher = await startMailCatcher({
      port: 0,
      dir: mkdtempSync(join(tmpdir(), 'dondoc-mail-')),
      onMessage: (m) => caught.push(m),
    });
    const dispatcher = new MailDispatcher({
      db: tdb.db,
      repositories: stack.repositories,
      smtpUrl: catcher.url,
      from: 'Đôn Đốc <dondoc@tanlap.gov.vn>',
      publicUrl: 'http://127.0.0.1:1',
      oneClick: { secret: SECRET, ttlDays: 14 },
    });
    try {
      // Only what has fallen due goes out: the year's reminders (2027) stay in the outbox.
      while ((await dispatcher.runOnce()).claimed > 0);
      await waitFor('three messages', async () => (caught.length >= 3 ? true : undefined));
      expect(await dispatcher.runOnce()).toMatchObject({ claimed: 0 });
    } finally {
      await dispatcher.stop();
      await catcher.close();
    }
    const seen = caught.map((m) => `${m.recipients.join(',')} | ${m.subject}`).sort();
    expect(seen).toHaveLength(3);
    expect(seen).toEqual([
      expect.stringMatching(
        /^motcua\.tanlap@daklak\.gov\.vn \| \[Đôn Đốc\] Trả lại kết quả nhiệm vụ: Niêm yết/,
      ),
      expect.stringMatching(/^motcua\.tanlap@daklak\.gov\.vn \| \[Đôn Đốc\] Đồng ý gia hạn: Rà soát/),
      expect.stringMatching(
        /^tanlap@daklak\.gov\.vn \| \[Đôn Đốc\] Đề nghị gia hạn: Bộ phận một cửa phường – Rà soát/,
      ),
    ]);
    const { rows } = await tdb.db.query<{ status: string; n: number }>(
      `SELECT status, count(*)::int AS n FROM outbox WHERE due_at <= now() GROUP BY status`,
    );
    expect(rows).toEqual([{ status: 'sent', n: 3 }]);
  });

  it('the chairperson: digests addressed to them, figures of the units under them', async () => {
    const chair = loginOf('chairperson', issuer);
    const digest = {
      key: `digest/${planCode}/person:chu_tich/2027-03-08T01:00:00.000Z`,
      planCode,
      recipient: { kind: 'person' as const, id: 'chu_tich', name: 'Chủ tịch UBND phường' },
      at: '2027-03-08T01:00:00.000Z',
      units: [
        {
          unit: { code: 'van_phong', name: 'Văn phòng HĐND và UBND phường' },
          rag: 'amber' as const,
          items: [
            {
              assignmentId: id('CĐ.01', 'van_phong'),
              taskId: 'CĐ.01',
              title: 'Ban hành Kế hoạch CCHC năm 2027 của phường',
              occurrence: '',
              dueAt: '2027-02-26T17:00:00.000Z',
              daysOverdue: 9,
              level: 1,
            },
          ],
        },
      ],
      rollUp: { red: 0, amber: 1, green: 0, openEscalations: 1 },
    };
    // Stored as the digest workflow's activity stores it.
    await engineActivities({ db: tdb.db, repositories: stack.repositories, client, taskQueue }).sendDigest(
      digest,
    );
    const mine = await call('GET', '/digests', { as: chair });
    expect(mine.status).toBe(200);
    expect((mine.body as { key: string }[]).map((d) => d.key)).toEqual([digest.key]);
    const current = await call('GET', '/digests/current', { as: chair });
    expect((current.body as { content: { rollUp: unknown } }[])[0]!.content.rollUp).toEqual(digest.rollUp);
    // Not addressed to a unit member.
    expect((await call('GET', '/digests', { as: loginOf('unit_member', 'mot_cua') })).body).toEqual([]);

    const dash = await call('GET', `/dashboard?plan=${planCode}`, { as: chair });
    expect(dash.status).toBe(200);
    const byUnit = (dash.body as { byUnit: { unit: { code: string }; doneOnTime: number }[] }).byUnit;
    expect(byUnit.map((u) => u.unit.code).sort()).toEqual(['mot_cua', 'van_phong']);
    // A unit member's dashboard holds its own unit only.
    const own = await call('GET', `/dashboard?plan=${planCode}`, { as: loginOf('unit_member', 'mot_cua') });
    expect((own.body as { byUnit: { unit: { code: string } }[] }).byUnit.map((u) => u.unit.code)).toEqual([
      'mot_cua',
    ]);
  });

  it('reports: issued by the schedule activity, fetched in every format; generated for any date', async () => {
    const noivu = loginOf('home_affairs');
    const chair = loginOf('chairperson', issuer);
    const { key } = await engineActivities({
      db: tdb.db,
      repositories: stack.repositories,
      client,
      taskQueue,
    }).compileReport({
      planCode,
      reportId: 'bc_quy',
      at: '2027-03-14T17:00:00.000Z',
      runId: 'test',
    });
    expect(key).toBe(`report/${planCode}/bc_quy/2027-Q1`);
    const list = await call('GET', '/reports', { as: chair });
    expect((list.body as { key: string }[]).map((r) => r.key)).toEqual([key]);
    const json = await call('GET', `/reports/${enc(key!)}`, { as: chair });
    const content = json.body as ReportContent;
    expect(content.period).toBe('2027-Q1');
    expect(content.indicators[0]).toMatchObject({
      id: 'ho_so_dung_han',
      values: [expect.objectContaining({ value: 93.5, meetsTarget: false })],
    });

    const csv = await call('GET', `/reports/${enc(key!)}?format=csv`, { as: noivu });
    expect(csv.type).toContain('text/csv');
    expect((csv.body as Buffer).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const pdf = await call('GET', `/reports/${enc(key!)}?format=pdf`, { as: noivu });
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    const xlsx = await call('GET', `/reports/${enc(key!)}?format=xlsx`, { as: noivu });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body as Buffer as unknown as ArrayBuffer);
    expect(book.worksheets.length).toBeGreaterThanOrEqual(4);
    const html = await call('GET', `/reports/${enc(key!)}?format=html`, { as: noivu });
    expect((html.body as Buffer).toString()).toContain('<svg');

    // What the reports page offers to generate: the plan's reports and their periods.
    const definitions = await call('GET', `/reports/definitions?plan=${planCode}`, { as: chair });
    const bcQuy = (definitions.body as { id: string; periods: { period: string }[] }[]).find(
      (d) => d.id === 'bc_quy',
    );
    expect(bcQuy?.periods.map((x) => x.period)).toEqual(['2027-Q1', '2027-Q2', '2027-Q3', '2027-Q4']);

    const onDemand = await call('POST', '/reports/generate', {
      as: noivu,
      body: { plan: planCode, report: 'bc_quy', asOf: '2027-05-01' },
    });
    expect(onDemand).toMatchObject({
      status: 200,
      body: { period: '2027-Q2', asOf: '2027-05-01T17:00:00.000Z' },
    });
    // A unit member reads no plan-wide report.
    expect(
      (await call('GET', `/reports/${enc(key!)}`, { as: loginOf('unit_member', 'mot_cua') })).status,
    ).toBe(403);
    const unknown = await call('POST', '/reports/generate', {
      as: noivu,
      body: { plan: planCode, report: 'khong_co' },
    });
    expect(unknown).toMatchObject({ status: 404, body: { code: 'report_not_found' } });
  });

  it('the iCal feed and the one-click link work without signing in, and only with their secret', async () => {
    const motCua = loginOf('unit_member', 'mot_cua');
    const link = await call('GET', '/units/mot_cua/calendar', { as: motCua });
    const url = new URL((link.body as { url: string }).url);
    const feed = await fetch(`${base}${url.pathname.replace(/^\/api/, '')}`);
    expect(feed.headers.get('content-type')).toContain('text/calendar');
    const ics = await feed.text();
    expect(ics).toContain('BEGIN:VEVENT');
    expect(ics).toContain('Niêm yết công khai TTHC');
    expect(ics).not.toContain('Ban hành Kế hoạch CCHC năm 2027'); // van_phong's task
    expect((await call('GET', '/units/van_phong/calendar', { as: motCua })).status).toBe(404);
    await call('POST', '/units/mot_cua/calendar/rotate', { as: motCua });
    expect((await fetch(`${base}${url.pathname.replace(/^\/api/, '')}`)).status).toBe(404);

    const ackLink = await createAcknowledgeLink(tdb.db, stack.repositories.oneClick, {
      assignmentId: id('TT.05', 'mot_cua'),
      publicUrl: 'http://127.0.0.1:1',
      secret: SECRET,
      ttlDays: 14,
    });
    const path = new URL(ackLink).pathname.replace(/^\/api/, '');
    const page = await fetch(`${base}${path}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<form method="post">');
    const used = await fetch(`${base}${path}`, { method: 'POST' });
    expect(used.status).toBe(200);
    expect(await used.text()).toContain('Đã tiếp nhận');
    // A second click says the task is acknowledged already (who and when), not an error.
    const again = await fetch(`${base}${path}`, { method: 'POST' });
    expect(again.status).toBe(200);
    expect(await again.text()).toContain('không cần xác nhận lại');
    const tampered = path.slice(0, -3) + (path.endsWith('AAA') ? 'BBB' : 'AAA');
    expect((await fetch(`${base}${tampered}`, { method: 'POST' })).status).toBe(404);
    const state = await call('GET', `/assignments/${enc(id('TT.05', 'mot_cua'))}`, { as: motCua });
    expect(state.body).toMatchObject({ status: 'acknowledged' });
  });

  it('signing in: wrong passwords are refused, then rate-limited; sessions end on sign-out', async () => {
    const viewer = loginOf('viewer');
    const me = await call('GET', '/auth/me', { as: viewer });
    expect(me.body).toMatchObject({ login: viewer, roles: [{ role: 'viewer' }] });
    const t = await token(viewer);
    expect((await call('POST', '/auth/logout', { headers: { authorization: `Bearer ${t}` } })).status).toBe(
      204,
    );
    expect((await call('GET', '/auth/me', { headers: { authorization: `Bearer ${t}` } })).status).toBe(401);

    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const r = await call('POST', '/auth/login', { body: { login: viewer, password: `sai-${i}` } });
      statuses.push(r.status);
    }
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    expect(statuses).toContain(429);
    // Without TRUST_PROXY a forwarded-for header is not believed: it does not buy new attempts.
    const spoofed = await call('POST', '/auth/login', {
      body: { login: viewer, password: 'sai-nua' },
      headers: { 'x-forwarded-for': '198.51.100.99' },
    });
    expect(spoofed.status).toBe(429);
    const audit = await tdb.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'auth.login_failed'`,
    );
    expect(audit.rows[0]!.n).toBeGreaterThanOrEqual(3);
  });

  it('describes itself: OpenAPI document and Prometheus metrics', async () => {
    const doc = await call('GET', '/docs/openapi.json');
    expect(doc.status).toBe(200);
    const paths = Object.keys((doc.body as { paths: Record<string, unknown> }).paths);
    expect(paths).toEqual(
      expect.arrayContaining(['/api/assignments/{id}/acknowledge', '/api/plans', '/api/reports/generate']),
    );
    const metrics = await fetch(`${base}/metrics`).then((r) => r.text());
    expect(metrics).toMatch(
      /dondoc_api_http_request_duration_seconds_count\{method="POST",route="\/api\/assignments\/:id\/acknowledge",status="200"\} \d+/,
    );
    expect(metrics).toMatch(/dondoc_api_problems_total\{code="ALREADY_ACKNOWLEDGED"\} 1/);
  });
});
