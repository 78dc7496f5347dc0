// The parts of a reliability run, each a real process that a test can kill: embedded PostgreSQL, the Temporal
// dev server (apps/dev-stack's launcher, optionally on a SQLite file so that its state survives a restart),
// worker and API processes started from dist/ exactly as production starts them, and an SMTP server on loopback
// that counts what it receives by Message-ID.
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { ensureDatabase } from '../../../apps/database/ensure-database.js';
import { migrate } from '../../../apps/database/migrate.js';
import { createPool, type Db } from '../../../apps/database/pool.js';
import { workerProcessEnv } from '../../../apps/worker/allocator.js';
import { startMailCatcher, type RunningMailCatcher } from '../../../apps/dev-stack/mail-catcher.js';
import { freePort } from '../../../apps/dev-stack/net.js';
import { startEmbeddedPostgres, type RunningPostgres } from '../../../apps/dev-stack/postgres.js';
import { processAlive, superviseProcess, type SupervisedProcess } from '../../../apps/dev-stack/process.js';
import { startTemporalCli, type TemporalDevServer } from '../../../apps/dev-stack/temporal-dev-server.js';

export const NODE = resolve('node_modules/.bin/node');
export const WORKER_MAIN = resolve('dist/apps/worker/main.js');
export const API_MAIN = resolve('dist/apps/api/main.js');
export const SECRET = 'khoa-bi-mat-cho-kiem-thu-do-tin-cay-0123456789';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

export function log(msg: string): void {
  process.stdout.write(`[reliability ${new Date().toISOString().slice(11, 23)}] ${msg}\n`);
}

/** A deterministic generator (mulberry32), so that a failing run can be repeated with its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function scratchDir(prefix: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), `dondoc-${prefix}-`));
  chmodSync(path, 0o755); // as root, PostgreSQL runs as another user that must reach its data directory
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

// ---- PostgreSQL ----

export interface Postgres {
  url: string;
  db: Db;
  /** The server: its maintenance database, its port, other databases on it (Temporal's, in the topology). */
  server: Pick<RunningPostgres, 'url' | 'port' | 'urlFor'>;
  /** Immediate shutdown (SIGQUIT to the postmaster: no checkpoint, crash recovery on the next start). */
  crash(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * `durable` keeps PostgreSQL's defaults (fsync, synchronous_commit on), as production runs it; without it the
 * test settings trade durability for speed (synchronous_commit off), and a crash then loses commits that were
 * already acknowledged, so a step its workflow saw recorded would be gone: only for runs that never crash it.
 */
export async function startPostgres(dir: string, o: { durable?: boolean } = {}): Promise<Postgres> {
  const dataDir = join(dir, 'postgres');
  const port = await freePort();
  const fast = !o.durable;
  let server: RunningPostgres = await startEmbeddedPostgres({ dataDir, port, fast });
  const url = server.urlFor('dondoc');
  await ensureDatabase(url);
  await migrate(url);
  const db = createPool(url, 10);
  return {
    url,
    db,
    server: { url: server.url, port, urlFor: (database) => server.urlFor(database) },
    async crash() {
      const pid = server.pid();
      if (!pid) throw new Error('PostgreSQL is not running');
      process.kill(pid, 'SIGQUIT');
      for (let i = 0; i < 200 && processAlive(pid); i++) await sleep(50);
      if (processAlive(pid)) throw new Error(`PostgreSQL ${pid} did not stop`);
    },
    async start() {
      server = await startEmbeddedPostgres({ dataDir, port, fast });
    },
    async stop() {
      await db.end();
      await server.stop();
    },
  };
}

// ---- Temporal dev server ----

/**
 * The CLI's dev server on a port of its own, kept when it is restarted so that workers find it where it was;
 * on a SQLite file (`dbFile`) its state survives a kill.
 */
export async function startTemporal(opts: { dbFile?: string } = {}): Promise<TemporalDevServer> {
  return startTemporalCli({
    port: await freePort(),
    logLevel: 'error',
    ...(opts.dbFile ? { dbFile: opts.dbFile, fast: true } : {}),
  });
}

// ---- SMTP ----

export interface Mailbox {
  url: string;
  /** Message-ID → copies received. */
  copies: Map<string, number>;
  received(): number;
  close(): Promise<void>;
}

export async function startMailbox(dir: string): Promise<Mailbox> {
  const copies = new Map<string, number>();
  let received = 0;
  const catcher: RunningMailCatcher = await startMailCatcher({
    port: 0,
    dir: join(dir, 'mail'),
    onMessage: (m) => {
      received++;
      const id = m.messageId ?? `(none ${received})`;
      copies.set(id, (copies.get(id) ?? 0) + 1);
    },
  });
  return { url: catcher.url, copies, received: () => received, close: () => catcher.close() };
}

// ---- app processes ----

/** Starts dist/apps/<role>/main.js with `env` and waits for the line that says it is serving. */
export async function startApp(
  role: 'worker' | 'api',
  name: string,
  env: Record<string, string>,
): Promise<SupervisedProcess> {
  const main = role === 'worker' ? WORKER_MAIN : API_MAIN;
  if (!existsSync(main)) throw new Error(`${main} is missing: run "npm run build"`);
  const processEnv = { ...process.env, LOG_LEVEL: 'warn', ...env };
  const p = superviseProcess({
    name,
    command: NODE,
    args: [main],
    env: role === 'worker' ? workerProcessEnv(processEnv) : processEnv,
    keep: 200,
  });
  await p.waitFor(role === 'worker' ? '[worker] polling task queue' : '[api] listening on', 60_000);
  return p;
}

export async function temporalClient(address: string): Promise<{ client: Client; close(): Promise<void> }> {
  const connection = await Connection.connect({ address });
  return { client: new Client({ connection }), close: () => connection.close() };
}

/** The environment the worker and the API read, as docker-compose.yml sets it. */
export function appEnv(o: {
  databaseUrl: string;
  temporalAddress: string;
  smtpUrl?: string;
  bundle: string;
  extra?: Record<string, string>;
}): Record<string, string> {
  return {
    DATABASE_URL: o.databaseUrl,
    TEMPORAL_ADDRESS: o.temporalAddress,
    TEMPORAL_NAMESPACE: 'default',
    TEMPORAL_TASK_QUEUE: 'dondoc',
    APP_SECRET: SECRET,
    PUBLIC_URL: 'http://127.0.0.1:3000',
    WORKFLOW_BUNDLE_PATH: o.bundle,
    ...(o.smtpUrl ? { SMTP_URL: o.smtpUrl } : {}),
    ...o.extra,
  };
}
