// The API under load: 1,000 assignments acknowledged at once through POST /api/assignments/:id/acknowledge by
// autocannon with 1,000 connections, mixed with repeats of some of the same requests (same Idempotency-Key),
// some in flight together with the original and some after it. The API and two workers are processes from
// dist/, on the Temporal dev server and PostgreSQL. Each acknowledgement must be recorded exactly once (one
// `acknowledged` event per assignment), nothing may answer 5xx, and every request repeated with the same key must
// get the same status and body as its original.
import autocannon from 'autocannon';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { hashPassword } from '../../apps/credentials/password.js';
import { planProgress } from '../../apps/publishing/plan-publisher.js';
import { createRepositories } from '../../apps/database/repositories/index.js';
import { seedUsers } from '../../apps/dev-stack/seed-users.js';
import { buildPlan, compilePlanText } from '../../apps/dev-stack/plan-builder.js';
import { freePort } from '../../apps/dev-stack/net.js';
import {
  appEnv,
  log,
  scratchDir,
  seededRandom,
  sleep,
  startApp,
  startPostgres,
  startTemporal,
  temporalClient,
  type Postgres,
} from './support/stack.js';
import type { SupervisedProcess } from '../../apps/dev-stack/process.js';

const ASSIGNMENTS = Number(process.env.RELIABILITY_ACKS ?? 1_000);
const CONNECTIONS = Number(process.env.RELIABILITY_CONNECTIONS ?? 1_000);
/** One assignment in this many is acknowledged twice more with the same key. */
const REPEAT_EVERY = 5;
const PASSWORD = 'Mat-khau-2027';
const ISSUER = 'ubnd_tinh';

describe('the API under load (1,000 connections, autocannon)', () => {
  const cleanup: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const c of cleanup.reverse()) await c().catch(() => {});
  });

  it(`records ${ASSIGNMENTS} concurrent acknowledgements exactly once, answers repeats alike, no 5xx`, async () => {
    const started = Date.now();
    const dir = scratchDir('api-load');
    cleanup.push(async () => dir.remove());
    const pg: Postgres = await startPostgres(dir.path);
    cleanup.push(() => pg.stop());
    const temporal = await startTemporal();
    cleanup.push(() => temporal.kill());
    const { client, close } = await temporalClient(temporal.address);
    cleanup.push(close);
    const port = await freePort();
    const env = appEnv({
      databaseUrl: pg.url,
      temporalAddress: temporal.address,
      bundle: inject('workflowBundlePath'),
      extra: { PORT: String(port), HOST: '127.0.0.1' },
    });
    const procs: SupervisedProcess[] = await Promise.all([
      startApp('worker', 'worker#1', env),
      startApp('worker', 'worker#2', env),
      startApp('api', 'api', env),
    ]);
    cleanup.push(() => Promise.all(procs.map((p) => p.kill('SIGTERM'))));
    const base = `http://127.0.0.1:${port}/api`;

    // Sign-ins: Home Affairs publishes, an administrator (who may act on any assignment) acknowledges.
    const { source, ir } = compilePlanText(buildPlan({ tasks: ASSIGNMENTS, issuer: ISSUER }));
    const repositories = createRepositories();
    const users = await seedUsers(pg.db, ir, PASSWORD, repositories);
    await repositories.users.upsert(pg.db, {
      issuerId: ISSUER,
      login: 'quantri.ubnd-tinh',
      displayName: 'Quản trị hệ thống',
      passwordHash: await hashPassword(PASSWORD),
      roles: [{ role: 'admin' }],
    });
    const login = async (name: string) => {
      const res = await fetch(`${base}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ login: name, password: PASSWORD }),
      });
      expect(res.status, `login ${name}`).toBe(200);
      return ((await res.json()) as { token: string }).token;
    };
    const homeAffairs = await login(users.find((u) => u.role === 'home_affairs')!.login);
    const admin = await login('quantri.ubnd-tinh');

    const publishedAt = Date.now();
    const published = await fetch(`${base}/plans`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${homeAffairs}` },
      body: JSON.stringify({ entry: 'ke-hoach.dondoc', files: { 'ke-hoach.dondoc': source } }),
    });
    expect(published.status, await published.clone().text()).toBe(201);
    for (;;) {
      const p = await planProgress(client, ir.plan.code).catch(() => undefined);
      if (p?.phase === 'running' && p.total === ASSIGNMENTS && p.started + p.alreadyRunning === p.total)
        break;
      await sleep(250);
    }
    const publishMs = Date.now() - publishedAt;
    log(`api-load: ${ir.assignments.length} assignments running ${publishMs} ms after publishing`);

    // The requests: one per assignment, and for one in REPEAT_EVERY two repeats with the same key, shuffled so
    // that some repeats are in flight with their original and others come after it.
    const random = seededRandom(2027);
    const ids = ir.assignments.map((a) => a.id);
    const requests = ids.flatMap((id, i) => {
      const one = { id, key: `ack-${i}` };
      return i % REPEAT_EVERY === 0 ? [one, one, one] : [one];
    });
    for (let i = requests.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [requests[i], requests[j]] = [requests[j]!, requests[i]!];
    }
    const answers = new Map<string, { status: number; body: string }[]>();
    const statuses: Record<string, number> = {};
    let next = 0;
    const loadStarted = Date.now();
    const result = await new Promise<autocannon.Result>((resolve, reject) => {
      const instance = autocannon(
        {
          url: base,
          connections: Math.min(CONNECTIONS, requests.length),
          pipelining: 1,
          amount: requests.length,
          timeout: 240,
          requests: [
            {
              method: 'POST',
              setupRequest: (req, context: object) => {
                const r = requests[next++ % requests.length]!;
                (context as { key?: string }).key = r.key;
                return {
                  ...req,
                  path: `/api/assignments/${encodeURIComponent(r.id)}/acknowledge`,
                  headers: {
                    authorization: `Bearer ${admin}`,
                    'content-type': 'application/json',
                    'idempotency-key': r.key,
                  },
                  body: '{}',
                };
              },
              onResponse: (status, body, context: object) => {
                const key = String((context as { key?: string }).key);
                const list = answers.get(key) ?? [];
                list.push({ status, body });
                answers.set(key, list);
              },
            },
          ],
        },
        (err: unknown, r: autocannon.Result) =>
          err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve(r),
      );
      instance.on('response', (_client, status) => {
        statuses[status] = (statuses[status] ?? 0) + 1;
      });
    });
    const loadMs = Date.now() - loadStarted;

    const { rows } = await pg.db.query<{ id: string; n: number }>(
      `SELECT a.id, count(e.id)::int AS n
         FROM assignments a LEFT JOIN events e ON e.assignment_id = a.id AND e.type = 'acknowledged'
        GROUP BY a.id`,
    );
    const events = new Map(rows.map((r) => [r.id, r.n]));
    const inconsistent = [...answers].filter(
      ([, list]) => new Set(list.map((a) => `${a.status} ${a.body}`)).size > 1,
    );
    const repeated = [...answers.values()].filter((l) => l.length > 1).length;
    const serverErrors = Object.entries(statuses)
      .filter(([s]) => Number(s) >= 500)
      .reduce((n, [, c]) => n + c, 0);
    const samples: Record<string, string> = {};
    for (const list of answers.values())
      for (const a of list) if (a.status !== 200) samples[a.status] ??= a.body.slice(0, 300);
    if (Object.keys(samples).length)
      log(`api-load: answers other than 200, one of each: ${JSON.stringify(samples)}`);
    log(
      `api-load: FIGURES ${JSON.stringify({
        assignments: ids.length,
        connections: Math.min(CONNECTIONS, requests.length),
        requests: requests.length,
        repeatedKeys: repeated,
        statusCodes: statuses,
        errors: result.errors,
        timeouts: result.timeouts,
        latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
        requestsPerSecond: Math.round((requests.length / loadMs) * 1000),
        publishMs,
        loadMs,
        totalMs: Date.now() - started,
      })}`,
    );
    if (serverErrors > 0) log(`api-load: the API said:\n${procs[2]!.output().slice(-4000)}`);
    for (const p of procs.filter((x) => !x.alive()))
      log(`api-load: ${p.name} exited:\n${p.output().slice(-2000)}`);

    expect(result.errors, 'connection errors').toBe(0);
    expect(result.timeouts, 'timeouts').toBe(0);
    expect(serverErrors, `5xx answers (${JSON.stringify(statuses)})`).toBe(0);
    expect(statuses['200'], 'every request answered 200').toBe(requests.length);
    // Exactly one `acknowledged` event per assignment.
    expect(rows).toHaveLength(ids.length);
    expect(
      ids.filter((id) => events.get(id) !== 1),
      'assignments without exactly one event',
    ).toEqual([]);
    // Repeats of a request are answered as the request was.
    expect(repeated).toBe(Math.ceil(ids.length / REPEAT_EVERY));
    expect(
      inconsistent.map(([k, l]) => `${k}: ${JSON.stringify(l)}`),
      'repeats answered otherwise',
    ).toEqual([]);
    expect(
      procs.every((p) => p.alive()),
      'API and workers still running',
    ).toBe(true);
  }, 900_000);
});
