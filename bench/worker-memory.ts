// Worker memory per 1,000 cached assignment workflows, next to the same number of empty sleeping workflows (the
// SDK's own cost) in the same run. A workflow-only worker with the product's workflow options runs in a child
// process; plans of 2027 published now start assignments that run their first task and sleep, cached, until
// January. Samples, after a full garbage collection of every thread of the child, after a warm-up and after each
// step of 1,000 workflows; prints JSON. The empty workflows are bundled the way the product bundle is. The child
// runs on the allocator the product gives its workers (jemalloc when the system has it), then again on glibc's
// malloc for comparison.
// The target (TARGET, from the engine issue) bounds MB per 1,000 cached assignment workflows; read it next to the
// empty workflows' own figure, which is the SDK's floor for any workflow (its per-run state in the worker's main
// thread and in the workflow thread's heap).
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, NativeConnection, Worker } from '@temporalio/worker';
import { fork } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { workflowBundlePath } from '../apps/config/env.js';
import { freePort } from '../apps/dev-stack/net.js';
import { projectPath } from '../apps/config/project.js';
import { startTemporalDevServer } from '../apps/dev-stack/temporal-dev-server.js';
import { workflowBundleOptions } from '../apps/worker/bundle.js';
import { engineActivities } from '../apps/worker/worker.js';
import { jemallocPath, workerProcessEnv, type Allocator } from '../apps/worker/allocator.js';
import { planProgressQuery, planWorkflowId } from '../workflows/contracts.js';
import type { MemorySample } from './support/memory-worker.js';
import { buildPlan, compilePlanText } from '../apps/dev-stack/plan-builder.js';
import {
  inSlices,
  installRuntime,
  log,
  publish,
  repositories,
  scratchDir,
  sleep,
  startDatabase,
} from './support/stack.js';

const STEP = Number(process.env.BENCH_STEP ?? 1_000);
const STEPS = Number(process.env.BENCH_STEPS ?? 2);
const WARM_UP = 20;
// Deliberately above every workflow this run creates (assignments and one plan workflow per plan): none is evicted.
const MAX_CACHED = Number(process.env.BENCH_MAX_CACHED ?? STEP * STEPS + WARM_UP + 100);
const TARGET = { mbPer1000Cached: 50 };
// A folder to write a heap snapshot of each child's workflow thread into, after its last sample (for reading in
// Chrome DevTools' Memory tab): where a cached workflow's memory goes.
const SNAPSHOTS = process.env.BENCH_HEAP_SNAPSHOTS;

type Sample = MemorySample & { workflows: number };

/**
 * Starts a worker child on `bundle`, and samples its memory after each call of `add(n)`, once all the
 * workflows `add` reports (cumulative) sit in its cache.
 */
async function sampleWorker(
  address: string,
  taskQueue: string,
  bundle: string,
  allocator: Allocator,
  add: (n: number) => Promise<number>,
): Promise<Sample[]> {
  const env = {
    ...process.env,
    TEMPORAL_ADDRESS: address,
    TASK_QUEUE: taskQueue,
    WORKFLOW_BUNDLE_PATH: bundle,
    MAX_CACHED_WORKFLOWS: String(MAX_CACHED),
  };
  const child = fork(fileURLToPath(new URL('./support/memory-worker.js', import.meta.url)), {
    execArgv: ['--expose-gc'],
    // Started the way the product starts its workers (apps/worker/allocator.ts), or on glibc's malloc.
    env: allocator === 'jemalloc' ? workerProcessEnv(env) : { ...env, WORKER_MALLOC: 'system' },
  });
  await once(child, 'message');
  const measure = async (): Promise<MemorySample> => {
    child.send('measure');
    return (await once(child, 'message'))[0] as MemorySample;
  };
  const samples: Sample[] = [];
  for (const n of [WARM_UP, ...Array<number>(STEPS).fill(STEP)]) {
    const expected = await add(n);
    while ((await measure()).numCachedWorkflows < expected) await sleep(500);
    await sleep(2_000); // let the worker settle before sampling
    const sample = { workflows: expected, ...(await measure()) };
    log(`${taskQueue}: ${JSON.stringify(sample)}`);
    samples.push(sample);
  }
  if (SNAPSHOTS) {
    child.send({ snapshot: join(SNAPSHOTS, `${taskQueue}.heapsnapshot`) });
    await once(child, 'message');
  }
  child.send('stop');
  await once(child, 'exit');
  return samples;
}

/** MB per 1,000 cached workflows between two samples (default: from the warm-up to the last). */
function per1000(samples: Sample[], key: keyof MemorySample, from = 0, to = samples.length - 1): number {
  const [a, b] = [samples[from]!, samples[to]!];
  return +(((b[key] - a[key]) / (b.numCachedWorkflows - a.numCachedWorkflows)) * 1000).toFixed(1);
}

function summary(samples: Sample[]) {
  const keys = [
    'rssMB',
    'workflowThreadHeapUsedMB',
    'workflowThreadHeapTotalMB',
    'mainHeapUsedMB',
    'mainHeapTotalMB',
    'externalMB',
  ] as const;
  return {
    mbPer1000Cached: Object.fromEntries(keys.map((k) => [k.replace(/MB$/, ''), per1000(samples, k)])),
    rssMbPer1000ByStep: samples.slice(1).map((_, i) => per1000(samples, 'rssMB', i, i + 1)),
    samples: samples.map((s) => Object.fromEntries(Object.entries(s).map(([k, v]) => [k, +v.toFixed(1)]))),
  };
}

/** The figures of one allocator: assignment workflows next to empty ones, per 1,000 cached. */
function figures(engine: Sample[], empty: Sample[]) {
  const rss = per1000(engine, 'rssMB');
  const emptyRss = per1000(empty, 'rssMB');
  const overEmpty = {
    rss: +(rss - emptyRss).toFixed(1),
    workflowThreadHeapUsed: +(
      per1000(engine, 'workflowThreadHeapUsedMB') - per1000(empty, 'workflowThreadHeapUsedMB')
    ).toFixed(1),
    mainHeapUsed: +(per1000(engine, 'mainHeapUsedMB') - per1000(empty, 'mainHeapUsedMB')).toFixed(1),
  };
  return {
    assignmentRssMbPer1000Cached: rss,
    emptyRssMbPer1000Cached: emptyRss,
    assignmentOverEmptyMbPer1000Cached: overEmpty,
    ratioAssignmentToEmptyRss: +(rss / emptyRss).toFixed(2),
    met: {
      assignmentOverEmptyRss: overEmpty.rss <= TARGET.mbPer1000Cached,
      absoluteRss: rss <= TARGET.mbPer1000Cached,
    },
    assignmentWorkflows: summary(engine),
    emptyWorkflows: summary(empty),
  };
}

async function main() {
  installRuntime();
  const dir = scratchDir();
  const database = await startDatabase(dir.path, { fast: true });
  const temporal = await startTemporalDevServer({ port: await freePort() });
  const connection = await Connection.connect({ address: temporal.address });
  const client = new Client({ connection });
  const native = await NativeConnection.connect({ address: temporal.address });

  const sleeperBundle = join(dir.path, 'sleeper-bundle.js');
  const { code } = await bundleWorkflowCode({
    ...workflowBundleOptions(projectPath('bench/support/sleeper.workflow.ts')),
    logger: { trace() {}, debug() {}, info() {}, warn() {}, error: console.error, log() {} },
  });
  writeFileSync(sleeperBundle, code);

  // The product's allocator first (jemalloc when the system has it), then glibc's malloc for comparison.
  const allocators: Allocator[] =
    jemallocPath() && process.env.WORKER_MALLOC !== 'system' ? ['jemalloc', 'system'] : ['system'];
  const results: Partial<Record<Allocator, ReturnType<typeof figures>>> = {};
  let plans = 0;
  let sleepers = 0;
  for (const allocator of allocators) {
    const taskQueue = `bench-memory-${allocator}`;
    // Activities here, so the measured process holds workflows only (not the plan IRs the activities cache).
    const activities = await Worker.create({
      connection: native,
      taskQueue,
      activities: engineActivities({ db: database.db, client, taskQueue, repositories }),
    });
    const activitiesRunning = activities.run();

    log(`${allocator}: assignment workflows, product bundle`);
    let cached = 0;
    const engine = await sampleWorker(
      temporal.address,
      taskQueue,
      workflowBundlePath(),
      allocator,
      async (n) => {
        const plan = compilePlanText(buildPlan({ tasks: n, issuer: `ubnd_${++plans}` }));
        await publish(database.db, client, taskQueue, plan);
        const handle = client.workflow.getHandle(planWorkflowId(plan.ir.plan.code));
        while ((await handle.query(planProgressQuery).catch(() => undefined))?.phase !== 'running')
          await sleep(500);
        cached += plan.ir.assignments.length + 1; // and the plan workflow
        return cached;
      },
    );
    activities.shutdown();
    await activitiesRunning;

    log(`${allocator}: empty sleeping workflows, their own bundle`);
    const sleeperQueue = `bench-sleepers-${allocator}`;
    let started = 0;
    const empty = await sampleWorker(temporal.address, sleeperQueue, sleeperBundle, allocator, async (n) => {
      const ids = Array.from({ length: n }, () => `sleeper/${++sleepers}`);
      await inSlices(ids, 32, (workflowId) =>
        client.workflow.start('sleeperWorkflow', { taskQueue: sleeperQueue, workflowId }),
      );
      started += n;
      return started;
    });
    results[allocator] = figures(engine, empty);
  }

  await native.close();
  await connection.close();
  await temporal.stop();
  await database.stop();
  dir.remove();

  const product = results[allocators[0]!]!;
  console.log(
    JSON.stringify(
      {
        bench: 'worker-memory',
        maxCachedWorkflows: MAX_CACHED,
        allocator: allocators[0],
        ...product,
        target: TARGET,
        ...(results.jemalloc && results.system
          ? {
              systemMalloc: results.system,
              ratioSystemToJemallocRss: +(
                results.system.assignmentRssMbPer1000Cached / results.jemalloc.assignmentRssMbPer1000Cached
              ).toFixed(2),
            }
          : {}),
        environment: {
          node: process.version,
          allocators,
          measured:
            'a child process running a workflow-only worker with the options of apps/worker/worker.ts (reuseV8Context, workflow modules preloaded), started with the allocator the product starts workers with (apps/worker/allocator.ts) and again on glibc malloc, after a full gc of its main thread (gc()) and of its workflow thread (inspector, HeapProfiler.collectGarbage); MB per 1,000 = growth from the warm-up sample to the last, over the added cached workflows (for assignments: one plan workflow per plan included); over-empty = the assignments figure less the empty workflows figure',
          server:
            'temporal CLI dev server (in memory), embedded PostgreSQL, activities in the parent process',
        },
      },
      null,
      2,
    ),
  );
}

await main();
