// The production topology on one machine, without Docker: the real Temporal server (go.temporal.io/server, built
// with Go into the cache) on PostgreSQL, its schemas set up by temporal-sql-tool, the namespace registered, two
// worker processes and the API from dist/, and an SMTP server on loopback standing in for the office relay.
// Then a scenario goes through it (publish a plan through the API, acknowledge and complete through the API,
// read the events back, count the mails) and everything is stopped in reverse order.
//
//   npm run topology                    # build, then run (state kept in .state/topology)
//   npm run topology -- --fresh         # start from empty databases
//   npm run topology -- --tasks=40      # size of the scenario's plan
//
// The settings use the names docker-compose.yml gives the same services (DB, DB_PORT, POSTGRES_SEEDS,
// POSTGRES_USER, POSTGRES_PWD, DBNAME, VISIBILITY_DBNAME, NUM_HISTORY_SHARDS, BIND_ON_IP for Temporal;
// DATABASE_URL, TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TEMPORAL_TASK_QUEUE, SMTP_URL, PUBLIC_URL, … for the app).
// Every step is idempotent: tools are built once into the cache, databases and schemas are created only when
// missing, the namespace only when it is not registered, and each run publishes a plan of its own.
import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time.js';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { cacheDir, stateDir } from '../apps/config/env.js';
import { ensureDatabase } from '../apps/database/ensure-database.js';
import { migrate } from '../apps/database/migrate.js';
import { createPool, type Db } from '../apps/database/pool.js';
import { workerProcessEnv } from '../apps/worker/allocator.js';
import { freePort, waitForPort } from '../apps/dev-stack/net.js';
import { compilePlan } from '../dsl/compile/compile.js';
import { checkPlan, hasErrors } from '../dsl/index.js';
import type { PlanIR } from '../dsl/ir/schema.js';
import { seedUsers } from '../apps/dev-stack/seed-users.js';

export const TEMPORAL_SERVER_VERSION = '1.31.2';
const PASSWORD = 'Mat-khau-2026';
const SECRET = 'khoa-bi-mat-cua-cau-hinh-san-xuat-tren-mot-may-0123456789';

export type Log = (msg: string) => void;

const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---- tools ----

export interface TemporalTools {
  server: string;
  sqlTool: string;
  /** schema/postgresql/v12 of the server module (the SQL tool's versioned schemas). */
  schemaDir: string;
}

/** Runs a command; every 15 s of silence says that it is still running, so a cold Go build never looks hung. */
function run(
  cmd: string,
  args: string[],
  o: { env?: NodeJS.ProcessEnv; cwd?: string; label: string; log: Log; quiet?: boolean },
): Promise<string> {
  return new Promise((ok, fail) => {
    const child = spawn(cmd, args, {
      env: o.env ?? process.env,
      cwd: o.cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const keep = (chunk: Buffer) => {
      out = (out + chunk.toString()).slice(-20_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const started = Date.now();
    const beat = setInterval(
      () => o.log(`  … ${o.label} still running (${secs(Date.now() - started)})`),
      15_000,
    );
    child.on('error', (err) => {
      clearInterval(beat);
      fail(new Error(`${o.label}: ${err.message}`));
    });
    child.on('exit', (code) => {
      clearInterval(beat);
      if (code === 0) ok(out);
      else fail(new Error(`${o.label} exited with code ${code}\n${out.slice(-4000)}`));
    });
  });
}

/**
 * The Temporal server and its SQL tool, built with `go install` into the cache (as scripts/setup.mjs builds the
 * CLI): GOPATH, GOMODCACHE and GOCACHE there too, so a second run finds everything and builds nothing.
 */
export async function ensureTemporalServer(log: Log): Promise<TemporalTools> {
  const cache = cacheDir();
  const bin = join(cache, 'tools', `temporal-server-${TEMPORAL_SERVER_VERSION}`);
  const modCache = join(cache, 'go', 'pkg', 'mod');
  const tools: TemporalTools = {
    server: join(bin, 'server'),
    sqlTool: join(bin, 'sql'),
    schemaDir: join(modCache, `go.temporal.io/server@v${TEMPORAL_SERVER_VERSION}`, 'schema/postgresql/v12'),
  };
  if (existsSync(tools.server) && existsSync(tools.sqlTool) && existsSync(tools.schemaDir)) {
    log(`Temporal server ${TEMPORAL_SERVER_VERSION}: cached in ${bin}`);
    return tools;
  }
  log(
    `Temporal server ${TEMPORAL_SERVER_VERSION} and temporal-sql-tool: building with Go into ${bin} ` +
      '(first time only; 10–30 minutes on 2 cores)',
  );
  const started = Date.now();
  mkdirSync(bin, { recursive: true });
  await run(
    'go',
    [
      'install',
      `go.temporal.io/server/cmd/server@v${TEMPORAL_SERVER_VERSION}`,
      `go.temporal.io/server/cmd/tools/sql@v${TEMPORAL_SERVER_VERSION}`,
    ],
    {
      env: {
        ...process.env,
        GOPATH: join(cache, 'go'),
        GOMODCACHE: modCache,
        GOCACHE: join(cache, 'go-build'),
        GOBIN: bin,
        CGO_ENABLED: '0',
        GOFLAGS: '-buildvcs=false',
      },
      cwd: cache,
      label: 'go install go.temporal.io/server',
      log,
    },
  ).catch((err: unknown) => {
    const msg = err instanceof Error ? err.message : String(err);
    throw new Error(
      /ENOENT/.test(msg) ? 'Go is not installed: install Go 1.24+ (the module proxy must be reachable)' : msg,
    );
  });
  for (const p of [tools.server, tools.sqlTool, tools.schemaDir])
    if (!existsSync(p)) throw new Error(`go install finished but ${p} is missing`);
  log(`Temporal server built in ${secs(Date.now() - started)}`);
  return tools;
}

// ---- settings ----

/** Temporal's settings, by the names docker-compose.yml gives them (defaults: this machine). */
export interface TemporalSettings {
  DB: string;
  DB_PORT: number;
  POSTGRES_SEEDS: string;
  POSTGRES_USER: string;
  POSTGRES_PWD: string;
  DBNAME: string;
  VISIBILITY_DBNAME: string;
  NUM_HISTORY_SHARDS: number;
  BIND_ON_IP: string;
}

/** Ports of the four services in one process. */
interface Ports {
  frontend: number;
  frontendHttp: number;
  frontendMembership: number;
  history: number;
  historyMembership: number;
  matching: number;
  matchingMembership: number;
  worker: number;
  workerMembership: number;
}

/** A free port below 32768: Temporal keeps membership ports in a PostgreSQL smallint. */
async function lowFreePort(): Promise<number> {
  const { createServer } = await import('node:net');
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    const free = await new Promise<boolean>((ok) => {
      const s = createServer();
      s.once('error', () => ok(false));
      s.listen(port, '127.0.0.1', () => s.close(() => ok(true)));
    });
    if (free) return port;
  }
}

/** The server's configuration file: all services in one process, PostgreSQL for history and visibility. */
export function temporalConfig(s: TemporalSettings, ports: Ports, dynamicConfigFile: string): string {
  const store = (db: string, maxConns: number) => `      sql:
        pluginName: "${s.DB}"
        databaseName: "${db}"
        connectAddr: "${s.POSTGRES_SEEDS}:${s.DB_PORT}"
        connectProtocol: "tcp"
        user: "${s.POSTGRES_USER}"
        password: "${s.POSTGRES_PWD}"
        maxConns: ${maxConns}
        maxIdleConns: ${maxConns}
        maxConnLifetime: "1h"`;
  const service = (grpc: number, membership: number, http?: number) => `    rpc:
      grpcPort: ${grpc}
      membershipPort: ${membership}
      bindOnIP: "${s.BIND_ON_IP}"${http ? `\n      httpPort: ${http}` : ''}`;
  return `# Generated by scripts/topology.ts — Temporal ${TEMPORAL_SERVER_VERSION} on PostgreSQL, every service in one process.
log:
  stdout: true
  level: warn
persistence:
  defaultStore: default
  visibilityStore: visibility
  # Fixed when the databases are first set up; a cluster cannot change it afterwards.
  numHistoryShards: ${s.NUM_HISTORY_SHARDS}
  datastores:
    default:
${store(s.DBNAME, 20)}
    visibility:
${store(s.VISIBILITY_DBNAME, 5)}
global:
  membership:
    maxJoinDuration: 30s
    broadcastAddress: "${s.BIND_ON_IP === '0.0.0.0' ? '127.0.0.1' : s.BIND_ON_IP}"
services:
  frontend:
${service(ports.frontend, ports.frontendMembership, ports.frontendHttp)}
  history:
${service(ports.history, ports.historyMembership)}
  matching:
${service(ports.matching, ports.matchingMembership)}
  worker:
${service(ports.worker, ports.workerMembership)}
clusterMetadata:
  enableGlobalNamespace: false
  failoverVersionIncrement: 10
  masterClusterName: active
  currentClusterName: active
  clusterInformation:
    active:
      enabled: true
      initialFailoverVersion: 1
      rpcName: frontend
      rpcAddress: "127.0.0.1:${ports.frontend}"
dcRedirectionPolicy:
  policy: noop
dynamicConfigClient:
  filepath: "${dynamicConfigFile}"
  pollInterval: 60s
`;
}

/** Dynamic configuration: the app's needs spelled out (updates are on by default in this release). */
const DYNAMIC_CONFIG = `# Generated by scripts/topology.ts.
frontend.enableUpdateWorkflowExecution:
  - value: true
frontend.enableUpdateWorkflowExecutionAsyncAccepted:
  - value: true
`;

// ---- processes ----

interface Proc {
  name: string;
  child: ChildProcess;
  output: string[];
  exited: Promise<number | null>;
}

function startProcess(name: string, cmd: string, args: string[], env: NodeJS.ProcessEnv): Proc {
  const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 300) output.splice(0, output.length - 300);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return { name, child, output, exited };
}

async function waitForLine(p: Proc, text: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!p.output.join('').includes(text)) {
    if (p.child.exitCode !== null)
      throw new Error(`${p.name} exited (${p.child.exitCode}):\n${p.output.join('').slice(-4000)}`);
    if (Date.now() > deadline) throw new Error(`${p.name} did not say "${text}" within ${secs(timeoutMs)}`);
    await sleep(100);
  }
}

/** SIGTERM and the time it took to exit (SIGKILL after the grace period). */
async function stopProcess(p: Proc, graceMs = 30_000): Promise<{ ms: number; code: number | null }> {
  const started = Date.now();
  if (p.child.exitCode !== null || p.child.signalCode !== null) return { ms: 0, code: p.child.exitCode };
  p.child.kill('SIGTERM');
  const timer = setTimeout(() => p.child.kill('SIGKILL'), graceMs);
  const code = await p.exited;
  clearTimeout(timer);
  return { ms: Date.now() - started, code };
}

/** Resident memory of a process (MiB), from /proc. */
function rssMiB(pid: number | undefined): number | undefined {
  if (!pid) return undefined;
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : undefined;
  } catch {
    return undefined;
  }
}

// ---- the scenario's plan ----

/** A small plan of the current year, decided a few days ago: every assignment starts (and is mailed) at once. */
export function scenarioPlan(issuer: string, tasks: number, today = new Date()): string {
  const year = today.getUTCFullYear();
  const d = (date: Date) =>
    `${String(date.getUTCDate()).padStart(2, '0')}/${String(date.getUTCMonth() + 1).padStart(2, '0')}/${date.getUTCFullYear()}`;
  const decided = new Date(Date.UTC(year, today.getUTCMonth(), today.getUTCDate() - 3));
  const out = [
    `kế hoạch "Kế hoạch CCHC năm ${year} (kiểm tra cấu hình ${issuer})":`,
    `  cơ quan ban hành: ${issuer}`,
    `  quyết định: "01/KH-UBND" ngày ${d(decided)}`,
    `  năm: ${year}`,
    '  chính sách: thuong',
    '',
    `đơn vị ${issuer} "UBND tỉnh":`,
    '  loại: tỉnh',
    '  thư điện tử: "ubnd@tinh.gov.vn"',
    '',
    'người chu_tich "Chủ tịch UBND tỉnh":',
    '  chức vụ: chủ tịch',
    `  đơn vị: ${issuer}`,
    '  thư điện tử: "chutich@tinh.gov.vn"',
    '',
  ];
  const units = ['so_noi_vu', 'so_tu_phap', 'so_tai_chinh', 'xa_mot', 'xa_hai'];
  for (const u of units)
    out.push(
      `đơn vị ${u} "${u.startsWith('so') ? 'Sở' : 'UBND xã'} ${u}":`,
      `  loại: ${u.startsWith('so') ? 'sở' : 'xã'}`,
      `  cấp trên: ${issuer}`,
      `  thư điện tử: "${u}@tinh.gov.vn"`,
      '',
    );
  out.push(
    'chính sách thuong "Đôn đốc thông thường":',
    '  tiếp nhận trong: 2 ngày làm việc',
    '  nhắc: trước 1 ngày làm việc',
    '  leo thang:',
    '    bậc 1 sau 1 ngày làm việc: thủ trưởng đơn vị',
    '',
    'lĩnh vực thủ tục hành chính "Thủ tục hành chính":',
  );
  // A deadline two weeks ahead, within the plan's year.
  const due = new Date(Math.min(today.getTime() + 14 * 86_400_000, Date.UTC(year, 11, 31)));
  for (let n = 0; n < tasks; n++)
    out.push(
      `  nhiệm vụ N${n} "Nhiệm vụ số ${n}: rà soát thủ tục hành chính":`,
      `    chủ trì: ${units[n % units.length]}`,
      `    thời hạn: ngày ${d(due)}`,
      '    sản phẩm: "Báo cáo kết quả"',
      '',
    );
  return out.join('\n');
}

function compile(source: string): PlanIR {
  const checked = checkPlan(new Map([['ke-hoach.dondoc', source]]), 'ke-hoach.dondoc');
  if (hasErrors(checked.diagnostics))
    throw new Error(`scenario plan: ${checked.diagnostics.map((x) => x.message.en).join('; ')}`);
  return compilePlan(checked.model);
}

// ---- the run ----

export interface TopologyOptions {
  /** Where PostgreSQL's data, the generated configuration and caught mail live (default .state/topology). */
  dir?: string;
  /** Remove `dir` first. */
  fresh?: boolean;
  /** Tasks in the scenario's plan (one assignment each). */
  tasks?: number;
  log?: Log;
}

export interface TopologyFigures {
  temporalServerVersion: string;
  historyShards: number;
  tasks: number;
  startupMs: Record<string, number>;
  scenarioMs: Record<string, number>;
  rssMiB: Record<string, number | undefined>;
  pollers: string[];
  events: Record<string, number>;
  mails: { expected: number; received: number; distinctMessageIds: number };
  duplicateAcknowledge: { firstStatus: number; againStatus: number; sameBody: boolean };
  stopMs: Record<string, number>;
  exitCodes: Record<string, number | null>;
  totalMs: number;
}

export async function runTopology(o: TopologyOptions = {}): Promise<TopologyFigures> {
  const log = o.log ?? ((m: string) => process.stdout.write(`[topology] ${m}\n`));
  const t0 = Date.now();
  const dir = resolve(o.dir ?? join(stateDir(), 'topology'));
  if (o.fresh) rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true, mode: 0o755 });
  const tasks = o.tasks ?? 20;
  const startupMs: Record<string, number> = {};
  const timed = async <T>(what: string, fn: () => Promise<T>): Promise<T> => {
    const started = Date.now();
    log(`▸ ${what}`);
    const v = await fn();
    startupMs[what] = Date.now() - started;
    log(`✓ ${what} (${secs(startupMs[what])})`);
    return v;
  };
  const procs: Proc[] = [];
  const cleanups: (() => Promise<unknown>)[] = [];
  try {
    const tools = await timed('Temporal server binaries', () => ensureTemporalServer(log));

    // PostgreSQL: the project's embedded server, data kept in `dir` (as the pgdata volume).
    const pgPortFile = join(dir, 'postgres.port');
    const pgPort = existsSync(pgPortFile) ? Number(readFileSync(pgPortFile, 'utf8')) : await freePort();
    writeFileSync(pgPortFile, String(pgPort));
    const { startEmbeddedPostgres } = await import('../apps/dev-stack/postgres.js');
    const postgres = await timed('PostgreSQL', () =>
      startEmbeddedPostgres({ dataDir: join(dir, 'postgres'), port: pgPort }),
    );
    cleanups.push(() => postgres.stop());
    const settings: TemporalSettings = {
      DB: 'postgres12',
      DB_PORT: pgPort,
      POSTGRES_SEEDS: '127.0.0.1',
      POSTGRES_USER: 'dondoc',
      POSTGRES_PWD: 'dondoc',
      DBNAME: 'temporal',
      VISIBILITY_DBNAME: 'temporal_visibility',
      NUM_HISTORY_SHARDS: Number(process.env.NUM_HISTORY_SHARDS ?? 512),
      BIND_ON_IP: '127.0.0.1',
    };
    // The shard count is fixed for the life of the databases: a later run must not change it.
    const shardsFile = join(dir, 'temporal-history-shards');
    if (existsSync(shardsFile)) settings.NUM_HISTORY_SHARDS = Number(readFileSync(shardsFile, 'utf8'));

    // temporal-sql-tool, as the compose job temporal-admin-tools runs it.
    await timed('Temporal schemas (temporal-sql-tool)', async () => {
      const admin = new pg.Client({ connectionString: postgres.url });
      await admin.connect();
      const env = { ...process.env, SQL_PASSWORD: settings.POSTGRES_PWD };
      const sql = (db: string, ...args: string[]) =>
        run(
          tools.sqlTool,
          [
            '--plugin',
            settings.DB,
            '--ep',
            settings.POSTGRES_SEEDS,
            '-p',
            String(settings.DB_PORT),
            '-u',
            settings.POSTGRES_USER,
            '--db',
            db,
            ...args,
          ],
          { env, label: `temporal-sql-tool ${args[0]} ${db}`, log },
        );
      try {
        for (const [db, schema] of [
          [settings.DBNAME, 'temporal'],
          [settings.VISIBILITY_DBNAME, 'visibility'],
        ] as const) {
          const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [db]);
          if (!exists.rowCount) await sql(db, 'create-database');
          const versioned = await (async () => {
            const c = new pg.Client({ connectionString: postgres.urlFor(db) });
            await c.connect();
            try {
              const r = await c.query(`SELECT to_regclass('schema_version') IS NOT NULL AS present`);
              return (r.rows[0] as { present: boolean }).present;
            } finally {
              await c.end();
            }
          })();
          if (!versioned) await sql(db, 'setup-schema', '-v', '0.0');
          await sql(db, 'update-schema', '-d', join(tools.schemaDir, schema, 'versioned'));
        }
      } finally {
        await admin.end();
      }
      writeFileSync(shardsFile, String(settings.NUM_HISTORY_SHARDS));
    });

    // The server, from a configuration file written here.
    const ports: Ports = {
      frontend: await freePort(),
      frontendHttp: await freePort(),
      frontendMembership: await lowFreePort(),
      history: await freePort(),
      historyMembership: await lowFreePort(),
      matching: await freePort(),
      matchingMembership: await lowFreePort(),
      worker: await freePort(),
      workerMembership: await lowFreePort(),
    };
    const configFile = join(dir, 'temporal', 'config.yaml');
    const dynamicConfigFile = join(dir, 'temporal', 'dynamicconfig.yaml');
    mkdirSync(join(dir, 'temporal'), { recursive: true });
    writeFileSync(dynamicConfigFile, DYNAMIC_CONFIG);
    writeFileSync(configFile, temporalConfig(settings, ports, dynamicConfigFile));
    const temporalAddress = `127.0.0.1:${ports.frontend}`;
    const server = startProcess(
      'temporal-server',
      tools.server,
      ['--config-file', configFile, '--allow-no-auth', 'start'],
      process.env,
    );
    procs.push(server);
    await timed('Temporal server', async () => {
      await waitForPort(ports.frontend, {
        what: 'Temporal server',
        timeoutMs: 180_000,
        alive: () => server.child.exitCode === null,
      }).catch((err: unknown) => {
        throw new Error(
          `${err instanceof Error ? err.message : err}\n${server.output.join('').slice(-4000)}`,
        );
      });
    });

    // The namespace, as the compose job temporal-namespace registers it (retention 30 days).
    await timed('namespace "default"', async () => {
      const deadline = Date.now() + 120_000;
      for (;;) {
        try {
          const connection = await Connection.connect({ address: temporalAddress, connectTimeout: 5_000 });
          try {
            try {
              await connection.workflowService.describeNamespace({ namespace: 'default' });
              return;
            } catch {
              await connection.workflowService.registerNamespace({
                namespace: 'default',
                workflowExecutionRetentionPeriod: msToTs('30 days'),
              });
            }
          } finally {
            await connection.close();
          }
        } catch (err) {
          if (server.child.exitCode !== null || Date.now() > deadline)
            throw new Error(
              `${err instanceof Error ? err.message : String(err)}\n${server.output.join('').slice(-4000)}`,
            );
          await sleep(1_000);
        }
      }
    });
    // A namespace just registered reaches every service within the namespace cache's refresh (≈10 s).
    await timed('namespace visible to workflows', async () => {
      const connection = await Connection.connect({ address: temporalAddress });
      try {
        for (const deadline = Date.now() + 60_000; ; await sleep(1_000)) {
          try {
            await connection.workflowService.listWorkflowExecutions({ namespace: 'default', pageSize: 1 });
            await connection.workflowService.describeTaskQueue({
              namespace: 'default',
              taskQueue: { name: 'dondoc' },
            });
            return;
          } catch (err) {
            if (Date.now() > deadline) throw err;
          }
        }
      } finally {
        await connection.close();
      }
    });

    // SMTP on loopback, in place of the office relay.
    const { startMailCatcher } = await import('../apps/dev-stack/mail-catcher.js');
    const mails = new Map<string, number>();
    let received = 0;
    const catcher = await timed('SMTP server', () =>
      startMailCatcher({
        port: 0,
        dir: join(dir, 'mail'),
        onMessage: (m) => {
          received++;
          if (m.messageId) mails.set(m.messageId, (mails.get(m.messageId) ?? 0) + 1);
        },
      }),
    );
    cleanups.push(() => catcher.close());

    // The app: the migrate job, two workers, the API — the environment of docker-compose.yml.
    const databaseUrl = postgres.urlFor('dondoc');
    await timed('app database (migrate job)', async () => {
      await ensureDatabase(databaseUrl);
      await migrate(databaseUrl);
    });
    const apiPort = await freePort();
    const appEnv: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: temporalAddress,
      TEMPORAL_NAMESPACE: 'default',
      TEMPORAL_TASK_QUEUE: 'dondoc',
      SMTP_URL: catcher.url,
      PUBLIC_URL: `http://127.0.0.1:${apiPort}`,
      LOG_LEVEL: 'warn',
      APP_SECRET: SECRET,
      MAIL_FROM: 'Đôn Đốc <dondoc@localhost>',
      SESSION_TTL_HOURS: '12',
      ONE_CLICK_TTL_DAYS: '14',
      MAIL_LEASE_SECONDS: '600',
      TZ: 'Asia/Ho_Chi_Minh',
    };
    const node = process.execPath;
    const workers = [1, 2].map((n) =>
      // Docker's hostname tells workers apart in the Temporal UI; here the process id does.
      startProcess(`worker-${n}`, node, [resolve('dist/apps/worker/main.js')], workerProcessEnv(appEnv)),
    );
    procs.push(...workers);
    await timed('two workers', () =>
      Promise.all(workers.map((w) => waitForLine(w, '[worker] polling task queue'))),
    );
    const api = startProcess('api', node, [resolve('dist/apps/api/main.js')], {
      ...appEnv,
      PORT: String(apiPort),
      HOST: '127.0.0.1',
    });
    procs.push(api);
    await timed('API', () => waitForLine(api, '[api] listening on'));
    const base = `http://127.0.0.1:${apiPort}/api`;

    // ---- the scenario ----
    const scenarioMs: Record<string, number> = {};
    const step = async <T>(what: string, fn: () => Promise<T>): Promise<T> => {
      const started = Date.now();
      const v = await fn();
      scenarioMs[what] = Date.now() - started;
      log(`  ✓ ${what} (${secs(scenarioMs[what])})`);
      return v;
    };
    const issuer = `tinh_${Date.now().toString(36)}`;
    const source = scenarioPlan(issuer, tasks);
    const ir = compile(source);
    const db: Db = createPool(databaseUrl, 4);
    cleanups.unshift(() => db.end());
    log(`▸ scenario: plan ${ir.plan.code}, ${ir.assignments.length} assignments`);
    const users = await seedUsers(db, ir, PASSWORD);
    const http = async (
      method: string,
      path: string,
      token?: string,
      body?: unknown,
      headers: Record<string, string> = {},
    ) => {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: {
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...headers,
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      const text = await res.text();
      return { status: res.status, text, json: (text ? JSON.parse(text) : undefined) as unknown };
    };
    const login = async (name: string) => {
      const r = await http('POST', '/auth/login', undefined, { login: name, password: PASSWORD });
      if (r.status !== 200) throw new Error(`login ${name}: HTTP ${r.status} ${r.text}`);
      return (r.json as { token: string }).token;
    };
    const homeAffairs = await login(users.find((u) => u.role === 'home_affairs')!.login);
    await step('publish through the API', async () => {
      const r = await http('POST', '/plans', homeAffairs, {
        entry: 'ke-hoach.dondoc',
        files: { 'ke-hoach.dondoc': source },
      });
      if (r.status !== 201) throw new Error(`publish: HTTP ${r.status} ${r.text}`);
    });
    type AssignmentView = {
      status: string;
      events: { type: string }[];
      notifications: { sentAt: string | null }[];
    };
    const view = async (id: string) => {
      const r = await http('GET', `/assignments/${encodeURIComponent(id)}`, homeAffairs);
      return r.status === 200 ? (r.json as AssignmentView) : undefined;
    };
    await step('every assignment assigned and its notice mailed (read through the API)', async () => {
      for (const deadline = Date.now() + 180_000; ; await sleep(500)) {
        const views = await Promise.all(ir.assignments.map((a) => view(a.id)));
        const done = views.filter(
          (v) => v?.events.some((e) => e.type === 'assigned') && v.notifications.every((n) => n.sentAt),
        ).length;
        if (done === ir.assignments.length && received >= ir.assignments.length) return;
        if (Date.now() > deadline)
          throw new Error(`${done}/${ir.assignments.length} assigned and mailed, ${received} mails`);
      }
    });
    const first = ir.assignments[0]!;
    const unitUser = users.find((u) => u.role === 'unit_member' && u.unit === first.unit)!;
    const unitToken = await login(unitUser.login);
    const ack = { firstStatus: 0, againStatus: 0, sameBody: false };
    await step('acknowledge through the API (and the same request again)', async () => {
      const key = { 'idempotency-key': `topology-ack-${issuer}` };
      const a = await http(
        'POST',
        `/assignments/${encodeURIComponent(first.id)}/acknowledge`,
        unitToken,
        {},
        key,
      );
      const b = await http(
        'POST',
        `/assignments/${encodeURIComponent(first.id)}/acknowledge`,
        unitToken,
        {},
        key,
      );
      Object.assign(ack, { firstStatus: a.status, againStatus: b.status, sameBody: a.text === b.text });
      if (a.status !== 200) throw new Error(`acknowledge: HTTP ${a.status} ${a.text}`);
    });
    await step('complete through the API', async () => {
      const r = await http(
        'POST',
        `/assignments/${encodeURIComponent(first.id)}/complete`,
        unitToken,
        { evidence: { documentNumber: '12/BC-UBND', note: 'Đã rà soát' } },
        { 'idempotency-key': `topology-complete-${issuer}` },
      );
      if (r.status !== 200) throw new Error(`complete: HTTP ${r.status} ${r.text}`);
    });
    const finalView = await step('events read back through the API', async () => {
      for (const deadline = Date.now() + 60_000; ; await sleep(300)) {
        const v = await view(first.id);
        if (v && v.status === 'done' && v.events.some((e) => e.type === 'completed')) return v;
        if (Date.now() > deadline) throw new Error(`assignment not done: ${JSON.stringify(v)}`);
      }
    });
    const events: Record<string, number> = {};
    for (const e of finalView.events) events[e.type] = (events[e.type] ?? 0) + 1;

    const pollers = await (async () => {
      const connection = await Connection.connect({ address: temporalAddress });
      try {
        const r = await connection.workflowService.describeTaskQueue({
          namespace: 'default',
          taskQueue: { name: 'dondoc' },
        });
        return [...new Set((r.pollers ?? []).map((p) => p.identity ?? ''))].sort();
      } finally {
        await connection.close();
      }
    })();
    const { rows } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM outbox WHERE assignment_id = ANY($1) AND status = 'sent'`,
      [ir.assignments.map((a) => a.id)],
    );
    const rss: Record<string, number | undefined> = {
      'temporal-server': rssMiB(server.child.pid),
      'worker-1': rssMiB(workers[0]!.child.pid),
      'worker-2': rssMiB(workers[1]!.child.pid),
      api: rssMiB(api.child.pid),
      'postgresql (postmaster)': rssMiB(
        Number(readFileSync(join(dir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]),
      ),
    };

    // ---- stop, in reverse order of the start ----
    log('▸ stopping: API, workers, Temporal server, SMTP, PostgreSQL');
    const stopMs: Record<string, number> = {};
    const exitCodes: Record<string, number | null> = {};
    for (const p of [api, ...workers, server]) {
      const r = await stopProcess(p);
      stopMs[p.name] = r.ms;
      exitCodes[p.name] = r.code;
      procs.splice(procs.indexOf(p), 1);
    }
    for (const c of cleanups.splice(0)) await c();
    const figures: TopologyFigures = {
      temporalServerVersion: TEMPORAL_SERVER_VERSION,
      historyShards: settings.NUM_HISTORY_SHARDS,
      tasks: ir.assignments.length,
      startupMs,
      scenarioMs,
      rssMiB: rss,
      pollers,
      events,
      mails: {
        expected: rows[0]!.n,
        received,
        distinctMessageIds: mails.size,
      },
      duplicateAcknowledge: ack,
      stopMs,
      exitCodes,
      totalMs: Date.now() - t0,
    };
    log(`done in ${secs(figures.totalMs)}`);
    return figures;
  } finally {
    for (const p of procs) p.child.kill('SIGKILL');
    for (const c of cleanups) await c().catch(() => {});
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  const args = new Map(
    process.argv.slice(2).map((a) => {
      const [k, v] = a.replace(/^--/, '').split('=');
      return [k!, v ?? 'true'];
    }),
  );
  runTopology({
    fresh: args.has('fresh'),
    ...(args.has('tasks') ? { tasks: Number(args.get('tasks')) } : {}),
    ...(args.has('dir') ? { dir: args.get('dir')! } : {}),
  }).then(
    (figures) => console.log(JSON.stringify(figures, null, 2)),
    (err: unknown) => {
      console.error(`[topology] ✗ ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    },
  );
}
