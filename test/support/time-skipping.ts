import { TestWorkflowEnvironment } from '@temporalio/testing';
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDir } from '../../apps/config/env.js';
import { freePort, waitForPort } from '../../apps/dev-stack/net.js';
import { temporalTestServerPath } from '../../apps/dev-stack/tools.js';

export interface TimeSkipping {
  env: TestWorkflowEnvironment;
  stop(): Promise<void>;
}

// The SDK gives a server only ~5 s to listen. We start the JVM ourselves, wait as long as it takes,
// then hand the SDK a placeholder executable that merely holds on, so its probe finds our server.
function placeholderPath(): string {
  const path = join(cacheDir(), 'tools', 'hold-port.sh');
  if (!existsSync(path)) {
    mkdirSync(join(cacheDir(), 'tools'), { recursive: true });
    writeFileSync(
      path,
      '#!/bin/sh\n# Stands in for a server already listening; the SDK kills it on teardown.\nexec sleep 2147483647\n',
    );
    chmodSync(path, 0o755);
  }
  return path;
}

/**
 * A fresh time-skipping test server for one test file. Each file gets its own because time only moves
 * forward on a server: a file that starts in January must not inherit another file's December.
 */
export async function startTimeSkipping(): Promise<TimeSkipping> {
  const server = temporalTestServerPath();
  if (!server) {
    const env = await TestWorkflowEnvironment.createTimeSkipping();
    return { env, stop: () => env.teardown() };
  }
  const port = await freePort();
  const jvm = spawn(server, [String(port)], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  jvm.stderr?.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-4000)));
  try {
    await waitForPort(port, {
      what: 'time-skipping test server',
      timeoutMs: 60_000,
      alive: () => jvm.exitCode === null,
    });
  } catch (err) {
    jvm.kill('SIGKILL');
    throw new Error(`${err instanceof Error ? err.message : err}\n${stderr}`);
  }
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: placeholderPath() }, port },
  });
  return {
    env,
    async stop() {
      await env.teardown();
      jvm.kill('SIGKILL');
    },
  };
}
