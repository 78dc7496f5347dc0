import { Connection } from '@temporalio/client';
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { stopChild } from './process.js';
import { temporalCliPath } from './tools.js';
import { waitForPort } from './net.js';

export interface RunningTemporal {
  address: string;
  namespace: string;
  uiUrl?: string;
  stop(): Promise<void>;
}

export interface DevServerOptions {
  port: number;
  uiPort?: number;
  /** SQLite file; omit for an in-memory server (tests). */
  dbFile?: string;
  namespace?: string;
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
  const namespace = opts.namespace ?? 'default';
  const address = `127.0.0.1:${opts.port}`;
  const cli = temporalCliPath();
  if (!cli) return startWithSdkDownload(opts, namespace);

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
  args.push('--log-level', 'warn', '--log-format', 'json');
  if (opts.uiPort) args.push('--ui-port', String(opts.uiPort));
  else args.push('--headless');
  if (opts.dbFile) {
    mkdirSync(dirname(opts.dbFile), { recursive: true });
    args.push('--db-filename', opts.dbFile);
  }
  for (const v of DYNAMIC_CONFIG) args.push('--dynamic-config-value', v);

  const child = spawn(cli, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const tail: string[] = [];
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n').filter(Boolean)) {
      tail.push(line);
      if (tail.length > 30) tail.shift();
      opts.onLog?.(line);
    }
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  try {
    await waitForPort(opts.port, { what: 'Temporal dev server', alive: () => child.exitCode === null });
    await waitReady(address, namespace, 60_000);
  } catch (err) {
    await stopChild(child);
    throw new Error(`${err instanceof Error ? err.message : err}\n${tail.join('\n')}`);
  }
  return {
    address,
    namespace,
    uiUrl: opts.uiPort ? `http://127.0.0.1:${opts.uiPort}` : undefined,
    stop: () => stopChild(child),
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
