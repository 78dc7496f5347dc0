// Acknowledging assignments through the API (POST /api/assignments/:id/acknowledge under load, autocannon),
// next to the bare Temporal update the API sends, from one process with the same concurrency, in the same run.
// Embedded PostgreSQL, the Temporal dev server, a worker and the API all run here. Prints JSON.
// The targets (TARGET): API throughput as a ratio of bare throughput, the API's p99 over its p50; and every
// acknowledged assignment has exactly one `acknowledged` event.
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import autocannon from 'autocannon';
import { cpus, loadavg } from 'node:os';
import { createApp } from '../apps/api/app.js';
import { createMetrics } from '../apps/api/metrics/metrics.js';
import { hashPassword } from '../apps/credentials/password.js';
import { readEnv, workflowBundlePath } from '../apps/config/env.js';
import { createPool } from '../apps/database/pool.js';
import { planProgress } from '../apps/publishing/plan-publisher.js';
import { freePort } from '../apps/dev-stack/net.js';
import { startTemporalDevServer } from '../apps/dev-stack/temporal-dev-server.js';
import { buildPlan, compilePlanText } from '../apps/dev-stack/plan-builder.js';
import { seedUsers } from '../apps/dev-stack/seed-users.js';
import { createWorker } from '../apps/worker/worker.js';
import { acknowledgeUpdate, assignmentWorkflowId } from '../workflows/contracts.js';
import { closedLoop, round, summarise, withLoad, workflowBacklog } from './support/figures.js';
import {
  coreWarnings,
  installRuntime,
  log,
  repositories,
  scratchDir,
  sleep,
  startDatabase,
} from './support/stack.js';

const ASSIGNMENTS = Number(process.env.BENCH_ACKS ?? 2_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 50);
/** Requests per side that warm the path up before it is measured (not counted in the figures). */
const WARM_UP = Number(process.env.BENCH_WARM_UP ?? 2 * CONCURRENCY);
/** Measured rounds; bare and API alternate which goes first. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4);
const TARGET = { throughputRatio: 0.7, p99OverP50: 3 };
const TASK_QUEUE = 'bench-api';
const SECRET = 'khoa-bi-mat-cho-do-hieu-nang-0123456789';
const PASSWORD = 'Mat-khau-2027';
const ISSUER = 'ubnd_tinh';

async function main() {
  if (Math.floor(ASSIGNMENTS / 2) - WARM_UP < ROUNDS * CONCURRENCY)
    throw new Error(
      `BENCH_ACKS=${ASSIGNMENTS} is too few: each side needs ${WARM_UP} warm-up requests and ${ROUNDS} rounds of at least ${CONCURRENCY}`,
    );
  installRuntime();
  const dir = scratchDir();
  const database = await startDatabase(dir.path);
  const temporal = await startTemporalDevServer({ port: await freePort() });

  // The worker, as `dondoc worker` runs it.
  const workerConnection = await Connection.connect({ address: temporal.address });
  const workerClient = new Client({ connection: workerConnection });
  const native = await NativeConnection.connect({ address: temporal.address });
  const worker = await createWorker({
    connection: native,
    namespace: 'default',
    taskQueue: TASK_QUEUE,
    db: database.db,
    client: workerClient,
    workflowBundlePath: workflowBundlePath(),
    repositories,
  });
  const running = worker.run();

  // The API with its own pool and Temporal connection, as `dondoc api` runs it.
  const apiDb = createPool(database.url);
  const apiConnection = await Connection.connect({ address: temporal.address });
  const env = readEnv({
    DATABASE_URL: database.url,
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_TASK_QUEUE: TASK_QUEUE,
    LOG_LEVEL: 'fatal',
    APP_SECRET: SECRET,
    PUBLIC_URL: 'http://127.0.0.1:1',
  });
  const app = await createApp({
    env,
    db: apiDb,
    temporal: new Client({ connection: apiConnection }),
    secret: SECRET,
    metrics: createMetrics(),
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `${await app.getUrl()}/api`.replace('[::1]', '127.0.0.1');

  // The bare client: another connection, as another process would have.
  const bareConnection = await Connection.connect({ address: temporal.address });
  const bare = new Client({ connection: bareConnection });

  const { source, ir } = compilePlanText(buildPlan({ tasks: ASSIGNMENTS, issuer: ISSUER }));
  const ids = ir.assignments.map((a) => a.id);
  log(`plan ${ir.plan.code}: ${ids.length} assignments over ${ir.units.length} units`);

  // Sign-ins: Home Affairs publishes; an administrator (who may act on any assignment) acknowledges.
  const users = await seedUsers(database.db, ir, PASSWORD, repositories);
  const adminLogin = `quantri.${ISSUER}`.replace(/_/g, '-');
  await repositories.users.upsert(database.db, {
    issuerId: ISSUER,
    login: adminLogin,
    displayName: 'Quản trị hệ thống',
    passwordHash: await hashPassword(PASSWORD),
    roles: [{ role: 'admin' }],
  });
  const login = async (name: string): Promise<string> => {
    const res = await fetch(`${base}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: name, password: PASSWORD }),
    });
    if (res.status !== 200) throw new Error(`login ${name}: HTTP ${res.status}`);
    return ((await res.json()) as { token: string }).token;
  };
  const homeAffairs = await login(users.find((u) => u.role === 'home_affairs')!.login);
  const admin = await login(adminLogin);

  log('publishing the plan through the API');
  const t = performance.now();
  const published = await fetch(`${base}/plans`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${homeAffairs}` },
    body: JSON.stringify({ entry: 'ke-hoach.dondoc', files: { 'ke-hoach.dondoc': source } }),
  });
  if (published.status !== 201)
    throw new Error(`publish: HTTP ${published.status} ${await published.text()}`);
  for (;;) {
    const p = await planProgress(bare, ir.plan.code).catch(() => undefined);
    if (p?.phase === 'running' && p.started + p.alreadyRunning === p.total) break;
    await sleep(200);
  }
  for (const deadline = Date.now() + 15 * 60_000; ; await sleep(500)) {
    if ((await workflowBacklog(bare, TASK_QUEUE)) === 0) break;
    if (Date.now() > deadline) throw new Error('the workflow task backlog did not drain');
  }
  const publishMs = performance.now() - t;
  log(`all ${ids.length} assignment workflows running after ${Math.round(publishMs)} ms`);

  // Interleaved halves, so that both sides touch every unit; each side's first requests only warm it up.
  const bareIds = ids.filter((_, i) => i % 2 === 0);
  const apiIds = ids.filter((_, i) => i % 2 === 1);

  const bareAck = (id: string) =>
    bare.workflow
      .getHandle(assignmentWorkflowId(id))
      .executeUpdate(acknowledgeUpdate, { args: [{ by: 'bench', requestId: `bare:${id}` }] });

  /** autocannon against the acknowledge route, one assignment of `batch` per request, `CONCURRENCY` connections. */
  const apiRun = async (batch: readonly string[], keyPrefix: string) => {
    const latenciesMs: number[] = [];
    const statuses: Record<string, number> = {};
    let next = 0;
    const options: autocannon.Options = {
      url: base,
      connections: Math.min(CONCURRENCY, batch.length),
      pipelining: 1,
      amount: batch.length,
      timeout: 60,
      requests: [
        {
          method: 'POST',
          setupRequest: (req) => {
            const n = next++;
            const id = batch[n % batch.length]!;
            return {
              ...req,
              path: `/api/assignments/${encodeURIComponent(id)}/acknowledge`,
              headers: {
                authorization: `Bearer ${admin}`,
                'content-type': 'application/json',
                'idempotency-key': `${keyPrefix}-${n}`,
              },
              body: '{}',
            };
          },
        },
      ],
    };
    const result = await new Promise<autocannon.Result>((resolve, reject) => {
      const instance = autocannon(options, (err: unknown, r: autocannon.Result) =>
        err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve(r),
      );
      instance.on('response', (_client, status, _bytes, ms) => {
        statuses[status] = (statuses[status] ?? 0) + 1;
        if (status >= 200 && status < 300) latenciesMs.push(ms);
      });
    });
    const wallMs = result.finish.getTime() - result.start.getTime();
    return { latenciesMs, wallMs, result, statuses, sent: next };
  };

  log(`warming up: ${WARM_UP} bare updates, ${WARM_UP} API requests`);
  const bareWarm = await closedLoop(bareIds.slice(0, WARM_UP), CONCURRENCY, bareAck);
  const apiWarm = await apiRun(apiIds.slice(0, WARM_UP), 'warm');

  // Measured in alternating rounds (bare first, then API first, …), so that load from elsewhere on the machine
  // falls on both sides alike.
  const sides = {
    bare: { latenciesMs: [] as number[], wallMs: 0, cpuMs: 0, busyMs: 0, failures: bareWarm.failures.length },
    api: {
      latenciesMs: [] as number[],
      wallMs: 0,
      cpuMs: 0,
      busyMs: 0,
      non2xx: apiWarm.result.non2xx,
      errors: apiWarm.result.errors,
      timeouts: apiWarm.result.timeouts,
      statuses: {} as Record<string, number>,
    },
  };
  const chunk = (xs: readonly string[], r: number) => {
    const size = Math.ceil((xs.length - WARM_UP) / ROUNDS);
    return xs.slice(WARM_UP + r * size, WARM_UP + (r + 1) * size);
  };
  const runBare = async (batch: readonly string[]) => {
    const { value, cpuMs, eventLoopUtilisation } = await withLoad(() =>
      closedLoop(batch, CONCURRENCY, bareAck),
    );
    sides.bare.latenciesMs.push(...value.latenciesMs);
    sides.bare.wallMs += value.wallMs;
    sides.bare.cpuMs += cpuMs;
    sides.bare.busyMs += eventLoopUtilisation * value.wallMs;
    sides.bare.failures += value.failures.length;
  };
  const runApi = async (batch: readonly string[], r: number) => {
    const { value, cpuMs, eventLoopUtilisation } = await withLoad(() => apiRun(batch, `run${r}`));
    sides.api.latenciesMs.push(...value.latenciesMs);
    sides.api.wallMs += value.wallMs;
    sides.api.cpuMs += cpuMs;
    sides.api.busyMs += eventLoopUtilisation * value.wallMs;
    sides.api.non2xx += value.result.non2xx;
    sides.api.errors += value.result.errors;
    sides.api.timeouts += value.result.timeouts;
    for (const [code, n] of Object.entries(value.statuses))
      sides.api.statuses[code] = (sides.api.statuses[code] ?? 0) + n;
  };
  for (let r = 0; r < ROUNDS; r++) {
    log(
      `round ${r + 1}/${ROUNDS}: ${chunk(bareIds, r).length} bare updates, ${chunk(apiIds, r).length} API requests`,
    );
    if (r % 2 === 0) {
      await runBare(chunk(bareIds, r));
      await runApi(chunk(apiIds, r), r);
    } else {
      await runApi(chunk(apiIds, r), r);
      await runBare(chunk(bareIds, r));
    }
  }
  const bareFigures = summarise(sides.bare.latenciesMs, sides.bare.wallMs);
  const apiFigures = summarise(sides.api.latenciesMs, sides.api.wallMs);
  log(`bare: ${bareFigures.perSecond}/s, p50 ${bareFigures.p50Ms} ms, p99 ${bareFigures.p99Ms} ms`);
  log(`API: ${apiFigures.perSecond}/s, p50 ${apiFigures.p50Ms} ms, p99 ${apiFigures.p99Ms} ms`);

  // A retried click (the first measured request again, same key) is answered the same and records nothing more.
  const retried = chunk(apiIds, 0)[0]!;
  const retry = await fetch(`${base}/assignments/${encodeURIComponent(retried)}/acknowledge`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${admin}`,
      'content-type': 'application/json',
      'idempotency-key': 'run0-0',
    },
    body: '{}',
  });

  // Every assignment either side acknowledged has exactly one `acknowledged` event.
  const { rows } = await database.db.query<{ assignmentId: string; n: number }>(
    `SELECT a.id AS "assignmentId", count(e.id)::int AS n
     FROM assignments a LEFT JOIN events e ON e.assignment_id = a.id AND e.type = 'acknowledged'
     WHERE a.plan_id = (SELECT id FROM plans WHERE code = $1)
     GROUP BY a.id`,
    [ir.plan.code],
  );
  const events = new Map(rows.map((r) => [r.assignmentId, r.n]));
  const acknowledged = [...bareIds, ...apiIds];
  const check = {
    assignments: rows.length,
    acknowledged: acknowledged.length,
    withExactlyOneEvent: acknowledged.filter((id) => events.get(id) === 1).length,
    withNone: acknowledged.filter((id) => !events.get(id)).length,
    withMoreThanOne: acknowledged.filter((id) => (events.get(id) ?? 0) > 1).length,
    retriedRequestStatus: retry.status,
  };
  const exactlyOnce = check.withExactlyOneEvent === acknowledged.length && retry.status === 200;
  const warnings = Object.fromEntries(coreWarnings);

  log('cleaning up');
  await app.close();
  worker.shutdown();
  await running;
  await apiDb.end();
  await Promise.all([apiConnection.close(), bareConnection.close(), workerConnection.close()]);
  await native.close();
  await temporal.stop();
  await database.stop();
  dir.remove();

  const throughputRatio = apiFigures.perSecond / bareFigures.perSecond;
  const non2xx = sides.api.non2xx;
  const figures = {
    bench: 'api-acknowledge',
    assignments: ids.length,
    units: ir.units.length,
    concurrency: CONCURRENCY,
    warmUpPerSide: WARM_UP,
    rounds: ROUNDS,
    publishUntilAllRunningMs: Math.round(publishMs),
    bare: {
      ...bareFigures,
      failures: sides.bare.failures,
      processCpuMsPerRequest: round(sides.bare.cpuMs / bareFigures.requests, 2),
      mainThreadBusy: round(sides.bare.busyMs / sides.bare.wallMs, 2),
    },
    api: {
      ...apiFigures,
      non2xx,
      errors: sides.api.errors,
      timeouts: sides.api.timeouts,
      statusCodes: sides.api.statuses,
      processCpuMsPerRequest: round(sides.api.cpuMs / apiFigures.requests, 2),
      mainThreadBusy: round(sides.api.busyMs / sides.api.wallMs, 2),
    },
    ratios: {
      throughputApiOverBare: round(throughputRatio, 2),
      p50ApiOverBare: round(apiFigures.p50Ms / bareFigures.p50Ms, 2),
      p99ApiOverBare: round(apiFigures.p99Ms / bareFigures.p99Ms, 2),
    },
    exactlyOnce: check,
    target: { ...TARGET, non2xx: 0, exactlyOnce: true },
    met: {
      throughputRatio: throughputRatio >= TARGET.throughputRatio,
      p99OverP50: apiFigures.p99OverP50 <= TARGET.p99OverP50,
      non2xx: non2xx === 0,
      exactlyOnce,
    },
    sdkWarnings: warnings,
    environment: {
      node: process.version,
      cpus: cpus().length,
      loadAverage: loadavg().map((x) => round(x, 2)),
      server:
        'temporal CLI dev server (SQLite in memory), embedded PostgreSQL, worker, API and load generator in this process',
      note: 'bare = executeUpdate(acknowledge) from a Temporal client, closed loop; api = autocannon POST /api/assignments/:id/acknowledge as an administrator, one assignment per request; both with the same number in flight',
    },
  };
  console.log(JSON.stringify(figures, null, 2));
  if (!exactlyOnce) process.exitCode = 1;
}

await main();
