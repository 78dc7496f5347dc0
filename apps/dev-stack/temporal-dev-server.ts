import { Connection } from '@temporalio/client';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { superviseProcess, type SupervisedProcess } from './process.js';
import { temporalCliPath } from './tools.js';
import { waitForPort } from './net.js';

export interface RunningTemporal {
  address: string;
  namespace: string;
  uiUrl?: string;
  stop(): Promise<void>;
}

/** The CLI's dev server as a process of its own, which a test may kill and start again where it was. */
export interface TemporalDevServer extends RunningTemporal {
  /** SIGTERM (the server's own shutdown), SIGKILL after the grace period. */
  stop(graceMs?: number): Promise<void>;
  /** SIGKILL: no shutdown of any kind. */
  kill(): Promise<void>;
  /** Starts it again on the same port and database file, after `kill` or `stop`. */
  restart(): Promise<void>;
  /** The latest lines it wrote. */
  output(): string;
}

export interface DevServerOptions {
  port: number;
  uiPort?: number;
  /** SQLite file; omit for an in-memory server (tests). */
  dbFile?: string;
  /**
   * On a file: WAL without an fsync per commit. A killed server loses nothing (the OS holds the writes), only a
   * crash of the machine could; for tests that restart it, where fsyncs on a shared disk dominate its time.
   */
  fast?: boolean;
  namespace?: string;
  /** Default `warn`. */
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
  onLog?: (line: string) => void;
}

const DYNAMIC_CONFIG = [
  'frontend.enableUpdateWorkflowExecution=true',
  'frontend.enableUpdateWorkflowExecutionAsyncAccepted=true',
  'system.forceSearchAttributesCacheRefreshOnRead=true',
];

/** Waits until the frontend answers and the namespace exists (the port opens before both). */
async function waitReady(address: string, namespace: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const connection = await Connection.connect({ address, connectTimeout: 2_000 });
      try {
        await connection.workflowService.describeNamespace({ namespace });
        return;
      } finally {
        await connection.close();
      }
    } catch (err) {
      lastError = err;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  throw new Error(
    `Temporal at ${address} not ready: ${lastError instanceof Error ? lastError.message : lastError}`,
  );
}

/**
 * The real Temporal server in one process (the CLI's dev server, SQLite inside). Uses the CLI built by the
 * set-up; without one, falls back to the SDK's download (needs internet).
 */
export async function startTemporalDevServer(opts: DevServerOptions): Promise<RunningTemporal> {
  if (!temporalCliPath()) return startWithSdkDownload(opts, opts.namespace ?? 'default');
  return startTemporalCli(opts);
}

/** The dev server from the set-up's CLI (no download fallback): for runs that kill and restart it. */
export async function startTemporalCli(opts: DevServerOptions): Promise<TemporalDevServer> {
  const cli = temporalCliPath();
  if (!cli) throw new Error('no Temporal CLI: run "npm run setup" (it installs one)');
  const namespace = opts.namespace ?? 'default';
  const address = `127.0.0.1:${opts.port}`;
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(opts.port),
    '--namespace',
    namespace,
  ];
  args.push('--log-level', opts.logLevel ?? 'warn', '--log-format', 'json');
  if (opts.uiPort) args.push('--ui-port', String(opts.uiPort));
  else args.push('--headless');
  if (opts.dbFile) {
    mkdirSync(dirname(opts.dbFile), { recursive: true });
    args.push('--db-filename', opts.dbFile);
    if (opts.fast) args.push('--sqlite-pragma', 'journal_mode=wal', '--sqlite-pragma', 'synchronous=off');
  }
  for (const v of DYNAMIC_CONFIG) args.push('--dynamic-config-value', v);

  let server: SupervisedProcess | undefined;
  const start = async () => {
    const p = superviseProcess({
      name: 'Temporal dev server',
      command: cli,
      args,
      env: process.env,
      keep: 40,
    });
    server = p;
    if (opts.onLog) {
      const forward = (chunk: Buffer) => {
        for (const line of chunk.toString().split('\n').filter(Boolean)) opts.onLog?.(line);
      };
      p.child.stdout!.on('data', forward);
      p.child.stderr!.on('data', forward);
    }
    try {
      await waitForPort(opts.port, { what: 'Temporal dev server', alive: p.alive });
      await waitReady(address, namespace, 60_000);
    } catch (err) {
      await p.kill();
      throw new Error(`${err instanceof Error ? err.message : err}\n${p.output()}`);
    }
  };
  await start();
  return {
    address,
    namespace,
    uiUrl: opts.uiPort ? `http://127.0.0.1:${opts.uiPort}` : undefined,
    stop: async (graceMs = 10_000) => void (await server?.stop(graceMs)),
    kill: async () => server?.kill(),
    restart: start,
    output: () => server?.output() ?? '',
  };
}

async function startWithSdkDownload(opts: DevServerOptions, namespace: string): Promise<RunningTemporal> {
  const { TestWorkflowEnvironment } = await import('@temporalio/testing');
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      ip: '127.0.0.1',
      port: opts.port,
      namespace,
      ...(opts.dbFile ? { dbFilename: opts.dbFile } : {}),
      ...(opts.uiPort ? { ui: true, uiPort: opts.uiPort } : {}),
    },
  });
  return {
    address: `127.0.0.1:${opts.port}`,
    namespace,
    uiUrl: opts.uiPort ? `http://127.0.0.1:${opts.uiPort}` : undefined,
    stop: () => env.teardown(),
  };
}
