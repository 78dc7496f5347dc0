// Start-up times of the runtime parts, as JSON. Baseline: spawning a bare Node process in the same run,
// so the figures compare across machines as ratios.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitForPort } from '../apps/dev-stack/net.js';
import { startEmbeddedPostgres } from '../apps/dev-stack/postgres.js';
import { startTemporalDevServer } from '../apps/dev-stack/temporal-dev-server.js';
import { temporalTestServerPath } from '../apps/dev-stack/tools.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function timeIt(fn: () => Promise<void>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

async function main() {
  const baseline: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    baseline.push(await timeIt(async () => void spawnSync(process.execPath, ['-e', ''])));
  }

  const dir = mkdtempSync(join(tmpdir(), 'dondoc-bench-'));
  chmodSync(dir, 0o755);
  const pgInit: number[] = [];
  const pgStart: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const dataDir = join(dir, `pg${i}`);
    const port = await freePort();
    let stop = async () => {};
    pgInit.push(
      await timeIt(async () => {
        stop = (await startEmbeddedPostgres({ dataDir, port })).stop;
      }),
    );
    await stop();
    pgStart.push(
      await timeIt(async () => {
        stop = (await startEmbeddedPostgres({ dataDir, port })).stop;
      }),
    );
    await stop();
  }

  const devServer: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    let stop = async () => {};
    devServer.push(
      await timeIt(async () => {
        stop = (await startTemporalDevServer({ port: await freePort() })).stop;
      }),
    );
    await stop();
  }

  const testServer: number[] = [];
  const launcher = temporalTestServerPath();
  if (launcher) {
    for (let i = 0; i < RUNS; i++) {
      const port = await freePort();
      testServer.push(
        await timeIt(async () => {
          const jvm = spawn(launcher, [String(port)], { stdio: 'ignore' });
          await waitForPort(port, { timeoutMs: 60_000, alive: () => jvm.exitCode === null });
          jvm.kill('SIGKILL');
        }),
      );
    }
  }
  rmSync(dir, { recursive: true, force: true });

  const base = median(baseline);
  const figure = (xs: number[]) =>
    xs.length
      ? {
          medianMs: Math.round(median(xs)),
          runsMs: xs.map(Math.round),
          xBaseline: +(median(xs) / base).toFixed(1),
        }
      : null;
  console.log(
    JSON.stringify(
      {
        bench: 'runtime-startup',
        runs: RUNS,
        baselineNodeSpawnMs: Math.round(base),
        embeddedPostgresInitAndStart: figure(pgInit),
        embeddedPostgresRestart: figure(pgStart),
        temporalDevServerToReady: figure(devServer),
        timeSkippingServerPortOpen: figure(testServer),
      },
      null,
      2,
    ),
  );
}

await main();
