// Worker memory per 1,000 cached assignment workflows, next to the same number of empty sleeping workflows (the
// SDK's own cost) in the same run. A workflow-only worker with the product's workflow options runs in a child
// process; plans of 2027 published now start assignments that run their first task and sleep, cached, until
// January. Samples, after a full garbage collection of every thread of the child, after a warm-up and after each
// step of 1,000 workflows; prints JSON. The empty workflows are bundled the way the product bundle is.
// Target (engine issue): ≤ 50 MB per 1,000 cached assignment workflows; read next to the empty workflows' own
// figure, since an empty cached workflow already costs more than that in the SDK (its share in Rust core and in
// the worker's main thread).
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, NativeConnection, Worker } from '@temporalio/worker';
import { fork } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { workflowBundlePath } from '../apps/shared/config.js';
import { freePort } from '../apps/shared/runtime/net.js';
import { projectPath } from '../apps/shared/runtime/project.js';
import { startTemporalDevServer } from '../apps/shared/runtime/temporal-dev-server.js';
import { workflowBundleOptions } from '../apps/worker/bundle.js';
import { engineActivities } from '../apps/worker/worker.js';
import { planProgressQuery, planWorkflowId } from '../workflows/contracts.js';
import type { MemorySample } from './support/memory-worker.js';
import {
  compileText,
  generatePlan,
  inSlices,
  installRuntime,
  log,
  publish,
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

type Sample = MemorySample & { workflows: number };

/**
 * Starts a worker child on `bundle`, and samples its memory after each call of `add(n)`, once all the
 * workflows `add` reports (cumulative) sit in its cache.
 */
async function sampleWorker(
  address: string,
  taskQueue: string,
  bundle: string,
  add: (n: number) => Promise<number>,
): Promise<Sample[]> {
  const child = fork(fileURLToPath(new URL('./support/memory-worker.js', import.meta.url)), {
    execArgv: ['--expose-gc'],
    env: {
      ...process.env,
      TEMPORAL_ADDRESS: address,
      TASK_QUEUE: taskQueue,
      WORKFLOW_BUNDLE_PATH: bundle,
      MAX_CACHED_WORKFLOWS: String(MAX_CACHED),
    },
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

async function main() {
  installRuntime();
  const dir = scratchDir();
  const database = await startDatabase(dir.path, { fast: true });
  const temporal = await startTemporalDevServer({ port: await freePort() });
  const connection = await Connection.connect({ address: temporal.address });
  const client = new Client({ connection });
  const native = await NativeConnection.connect({ address: temporal.address });
  // Activities here, so the measured process holds workflows only (not the plan IRs the activities cache).
  const activities = await Worker.create({
    connection: native,
    taskQueue: 'bench-memory',
    activities: engineActivities({ db: database.db, client, taskQueue: 'bench-memory' }),
  });
  const activitiesRunning = activities.run();

  log('assignment workflows, product bundle');
  let plans = 0;
  let assignments = 0;
  const engine = await sampleWorker(temporal.address, 'bench-memory', workflowBundlePath(), async (n) => {
    const plan = compileText(generatePlan(n, `ubnd_${++plans}`));
    await publish(database.db, client, 'bench-memory', plan);
    assignments += plan.ir.assignments.length;
    const handle = client.workflow.getHandle(planWorkflowId(plan.ir.plan.code));
    while ((await handle.query(planProgressQuery).catch(() => undefined))?.phase !== 'running')
      await sleep(500);
    return assignments + plans;
  });

  log('empty sleeping workflows, their own bundle');
  const sleeperBundle = join(dir.path, 'sleeper-bundle.js');
  const { code } = await bundleWorkflowCode({
    ...workflowBundleOptions(projectPath('bench/support/sleeper.workflow.ts')),
    logger: { trace() {}, debug() {}, info() {}, warn() {}, error: console.error, log() {} },
  });
  writeFileSync(sleeperBundle, code);
  let sleepers = 0;
  const empty = await sampleWorker(temporal.address, 'bench-sleepers', sleeperBundle, async (n) => {
    const ids = Array.from({ length: n }, () => `sleeper/${++sleepers}`);
    await inSlices(ids, 32, (workflowId) =>
      client.workflow.start('sleeperWorkflow', { taskQueue: 'bench-sleepers', workflowId }),
    );
    return sleepers;
  });

  activities.shutdown();
  await activitiesRunning;
  await native.close();
  await connection.close();
  await temporal.stop();
  await database.stop();
  dir.remove();

  const rss = per1000(engine, 'rssMB');
  const emptyRss = per1000(empty, 'rssMB');
  const overEmpty = {
    rss: +(rss - emptyRss).toFixed(1),
    workflowThreadHeapUsed: +(
      per1000(engine, 'workflowThreadHeapUsedMB') - per1000(empty, 'workflowThreadHeapUsedMB')
    ).toFixed(1),
    mainHeapUsed: +(per1000(engine, 'mainHeapUsedMB') - per1000(empty, 'mainHeapUsedMB')).toFixed(1),
  };
  console.log(
    JSON.stringify(
      {
        bench: 'worker-memory',
        maxCachedWorkflows: MAX_CACHED,
        assignmentWorkflows: summary(engine),
        emptyWorkflows: summary(empty),
        assignmentOverEmptyMbPer1000Cached: overEmpty,
        ratioAssignmentToEmptyRss: +(rss / emptyRss).toFixed(2),
        target: TARGET,
        met: {
          assignmentOverEmptyRss: overEmpty.rss <= TARGET.mbPer1000Cached,
          absoluteRss: rss <= TARGET.mbPer1000Cached,
        },
        environment: {
          node: process.version,
          malloc: process.env.MALLOC_ARENA_MAX
            ? `MALLOC_ARENA_MAX=${process.env.MALLOC_ARENA_MAX}`
            : 'default',
          measured:
            'a child process running a workflow-only worker with the options of apps/worker/worker.ts (reuseV8Context, workflow modules preloaded), after a full gc of its main thread (gc()) and of its workflow thread (inspector, HeapProfiler.collectGarbage); MB per 1,000 = growth from the warm-up sample to the last, over the added cached workflows (for assignments: one plan workflow per plan included); over-empty = the assignments figure less the empty workflows figure',
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
