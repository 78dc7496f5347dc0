import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { createAcknowledgeLink } from '../../apps/credentials/one-click.js';
import { planProgress } from '../../apps/publishing/plan-publisher.js';
import { seedUsers } from '../../apps/dev-stack/seed-users.js';
import type { PlanIR } from '../../dsl/ir/schema.js';
import { apiClient, compileSource, scopedPlanSource } from '../support/api-client.js';
import { startApiStack, type ApiStack } from '../support/api-stack.js';
import { waitFor } from '../support/engine.js';

// Secrets and audit: with the most talkative log level (debug: Nest's own messages as well as every request), sign in with passwords, act, use a feed URL and a
// one-click link; no password, APP_SECRET, session token or URL secret may appear in any log line (nor in the
// tables that record what happened), and every request that changed something left an audit_log row.

const SECRET = 'khoa-bi-mat-kiem-tra-nhat-ky-0123456789';
const PASSWORD = 'Mat-khau-Bi-Mat-2027!';
const WRONG_PASSWORD = 'Mat-khau-Sai-Cung-Bi-Mat-42';
const run = Date.now() % 1_000_000_000;
const issuer = `ubnd_s${run}`;
const source = scopedPlanSource({ issuer, titleTag: `phường S${run}` });
const ir: PlanIR = compileSource(source);
const plan = ir.plan.code;
const login = (name: string) => `${name}.${issuer}`.replace(/_/g, '-').toLowerCase();
const NOIVU = login('noivu');
const MEMBER = login('mot_cua');
const aid = (task: string) => `${plan}/${task}/mot_cua`;
const enc = encodeURIComponent;
const sources = (text: string) => ({ entry: 'ke-hoach.dondoc', files: { 'ke-hoach.dondoc': text } });

describe('secrets stay out of the logs; every change is audited', () => {
  let stack: ApiStack;
  let api: ReturnType<typeof apiClient>;
  const log: string[] = [];
  const restore: (() => void)[] = [];
  /** X-Request-Id of each state-changing request → the audit action it must have left. */
  const changes: { requestId: string; route: string; action: string }[] = [];
  const secrets: Record<string, string> = { PASSWORD, WRONG_PASSWORD, APP_SECRET: SECRET };

  beforeAll(async () => {
    // Nest's own logger writes to the process streams; Fastify's request log goes to the stream given.
    for (const s of [process.stdout, process.stderr]) {
      const write = s.write.bind(s);
      s.write = ((chunk: string | Uint8Array) => {
        log.push(String(chunk));
        return true;
      }) as typeof s.write;
      restore.push(() => (s.write = write));
    }
    stack = await startApiStack({
      temporalAddress: inject('temporalAddress'),
      taskQueue: `secrets-${run}`,
      secret: SECRET,
      env: { LOG_LEVEL: 'debug', PUBLIC_URL: 'http://127.0.0.1:1' },
      logStream: { write: (line: string) => void log.push(line) },
    });
    api = apiClient(stack.base, PASSWORD);
    await seedUsers(stack.tdb.db, ir, PASSWORD, stack.repositories);
  });

  afterAll(async () => {
    await stack?.stop([ir]);
    for (const r of restore) r();
  });

  /** A state-changing request, with a request id of its own to find its audit row. */
  async function change(
    action: string,
    method: string,
    path: string,
    o: { as?: string; body?: unknown } = {},
  ) {
    const requestId = `audit-${changes.length}-${run}`;
    const r = await api.call(method, path, { ...o, headers: { 'x-request-id': requestId } });
    changes.push({ requestId, route: `${method} ${path}`, action });
    return r;
  }

  it('signs in, acts, uses a feed and a one-click link, signs out', { timeout: 90_000 }, async () => {
    // Sign-ins by hand, to know each request's id; one with a wrong password.
    for (const [who, password, action] of [
      [NOIVU, WRONG_PASSWORD, 'auth.login_failed'],
      [NOIVU, PASSWORD, 'auth.login'],
      [MEMBER, PASSWORD, 'auth.login'],
    ] as const) {
      const r = await change(action, 'POST', '/auth/login', { body: { login: who, password } });
      if (r.status === 200) {
        api.tokens.set(who, (r.json as { token: string }).token);
        secrets[`token of ${who}`] = (r.json as { token: string }).token;
      } else expect(r.status).toBe(401);
    }
    const published = await change('plan.published', 'POST', '/plans', { as: NOIVU, body: sources(source) });
    expect(published.status, published.text).toBe(201);
    await waitFor('the fan-out', async () => {
      const p = await planProgress(stack.client, plan).catch(() => undefined);
      return p?.phase === 'running' ? p : undefined;
    });
    const moved = source.replace('thời hạn: ngày 30/06/2027', 'thời hạn: ngày 29/10/2027');
    const amended = await change('plan.amended', 'POST', `/plans/${plan}/amendments`, {
      as: NOIVU,
      body: sources(moved),
    });
    expect(amended.status, amended.text).toBe(201);

    const act = async (action: string, task: string, route: string, body: unknown, as = MEMBER) => {
      const r = await change(action, 'POST', `/assignments/${enc(aid(task))}/${route}`, { as, body });
      expect(r.status, `${route}: ${r.text}`).toBe(200);
    };
    await act('assignment.acknowledged', 'MC.02', 'acknowledge', { note: 'Đã nhận' });
    await act('assignment.progress_reported', 'MC.02', 'progress', { percent: 50 });
    await act('assignment.completed', 'MC.02', 'complete', { evidence: { documentNumber: '7/BC' } });
    await act('assignment.reopened', 'MC.02', 'reopen', { reason: 'Bổ sung' }, NOIVU);
    await act('assignment.extension_requested', 'MC.03', 'extension-requests', {
      newDueDate: '2027-07-20',
      reason: 'Chờ hướng dẫn',
    });
    await waitFor('the pending request', async () => {
      const { rows } = await stack.tdb.db.query(`SELECT 1 FROM extension_requests WHERE status = 'pending'`);
      return rows.length ? true : undefined;
    });
    await act('assignment.extension_decided', 'MC.03', 'extension-decision', { approve: true }, NOIVU);
    await act('assignment.cancelled', 'MC.04', 'cancel', { reason: 'Không cần' }, NOIVU);
    const value = await change('indicator.value_entered', 'POST', '/indicators/values', {
      as: MEMBER,
      body: { plan, indicator: 'ho_so_dung_han', unit: 'mot_cua', period: '2027-01', value: 97 },
    });
    expect(value.status, value.text).toBe(200);

    // The feed URL: handed out, used, rotated.
    const link = await change('calendar.link_issued', 'GET', '/units/mot_cua/calendar', { as: MEMBER });
    const feedPath = new URL((link.json as { url: string }).url).pathname.replace(/^\/api/, '');
    secrets['feed secret'] = feedPath
      .split('/')
      .pop()!
      .replace(/\.ics$/, '');
    expect((await api.call('GET', feedPath)).status).toBe(200);
    const rotated = await change('calendar.rotated', 'POST', '/units/mot_cua/calendar/rotate', {
      as: MEMBER,
    });
    secrets['rotated feed secret'] = (rotated.json as { url: string }).url
      .split('/')
      .pop()!
      .replace(/\.ics$/, '');
    expect((await api.call('GET', feedPath)).status).toBe(404);

    // A one-click link: the confirmation page, then the button (an HTML form posts an empty urlencoded body).
    const url = await createAcknowledgeLink(stack.tdb.db, stack.repositories.oneClick, {
      assignmentId: aid('MC.05'),
      publicUrl: 'http://127.0.0.1:1',
      secret: SECRET,
      ttlDays: 14,
    });
    const token = url.slice(url.lastIndexOf('/') + 1);
    secrets['one-click token'] = token;
    secrets['one-click signature'] = token.split('.')[1]!;
    expect((await api.call('GET', `/one-click/${token}`)).status).toBe(200);
    const clicked = await api.call('POST', `/one-click/${token}`, {
      raw: '',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(clicked.status, clicked.text).toBe(200);
    // A second click acknowledges nothing again: the page says who acknowledged the task and when.
    const again = await api.call('POST', `/one-click/${token}`);
    expect(again.status).toBe(200);
    expect(again.text).toContain('không cần xác nhận lại');

    // A refusal and a request the router cannot decode, for good measure in the logs.
    expect((await api.call('GET', '/assignments?dueFrom=2027-13-45', { as: MEMBER })).status).toBe(400);
    expect((await api.call('GET', `/assignments/${enc(aid('MC.01'))}`, { as: MEMBER })).status).toBe(200);

    for (const who of [NOIVU, MEMBER]) {
      const out = await change('auth.logout', 'POST', '/auth/logout', { as: who });
      expect(out.status).toBe(204);
    }
  });

  it('no secret in any log line, and the logs are there', () => {
    const text = log.join('');
    // The check is not vacuous: request lines were written, with the secret parts of URLs replaced.
    expect(text).toContain('"url":"/api/auth/login"');
    expect(text).toContain('/api/one-click/[redacted]');
    expect(text).toContain('/api/ical/[redacted]');
    expect(log.length).toBeGreaterThan(30);
    const found = Object.entries(secrets).filter(([, s]) => text.includes(s));
    expect(found.map(([name]) => name)).toEqual([]);
    // No bearer token in any form: whole, or its signature alone.
    expect(text).not.toMatch(/Bearer\s+\S/);
    for (const [name, s] of Object.entries(secrets))
      if (name.startsWith('token of ')) expect(text, name).not.toContain(s.split('.')[2]!);
    console.log(
      `secrets: ${log.length} log lines (${text.length} characters) checked for ${Object.keys(secrets).length} secrets`,
    );
  });

  it('no secret in what the database records either', async () => {
    const { rows } = await stack.tdb.db.query<{ dump: string }>(
      `SELECT concat_ws(' ',
         (SELECT json_agg(a)::text FROM audit_log a), (SELECT json_agg(s)::text FROM sessions s),
         (SELECT json_agg(t)::text FROM one_click_tokens t), (SELECT json_agg(o)::text FROM outbox o),
         (SELECT json_agg(e)::text FROM events e)) AS dump`,
    );
    const dump = rows[0]!.dump;
    expect(dump.length).toBeGreaterThan(1000);
    const found = Object.entries(secrets)
      .filter(([name]) => name !== 'feed secret' && name !== 'rotated feed secret')
      .filter(([, s]) => dump.includes(s));
    expect(found.map(([name]) => name)).toEqual([]);
  });

  it('every state-changing request left an audit_log row with its request id', async () => {
    const { rows } = await stack.tdb.db.query<{ requestId: string; action: string; actor: string }>(
      `SELECT request_id AS "requestId", action, actor FROM audit_log WHERE request_id LIKE 'audit-%'`,
    );
    const missing = changes.filter(
      (c) => !rows.some((r) => r.requestId === c.requestId && r.action === c.action),
    );
    expect(missing).toEqual([]);
    expect(changes.length).toBeGreaterThanOrEqual(17);
    // The one-click acknowledgement is audited under the link's own id.
    const byLink = await stack.tdb.db.query(
      `SELECT 1 FROM audit_log WHERE action = 'assignment.acknowledged_by_link' AND target = $1`,
      [`assignment:${aid('MC.05')}`],
    );
    expect(byLink.rowCount).toBe(1);
    console.log(`audit: ${changes.length} state-changing requests, each with its audit_log row`);
  });
});
