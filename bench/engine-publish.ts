// Publishing a plan of 10,000 assignments on the Temporal dev server until all are running, next to starting the
// same 10,000 workflows with the bare client in the same run. Prints JSON.
// The targets (TARGET, from the engine issue): engine time as a ratio of raw time, and the plan workflow's history.
import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { workflowBundlePath } from '../apps/config/env.js';
import { startOrAmendPlan, storePlanVersion } from '../apps/publishing/plan-publisher.js';
import { freePort } from '../apps/dev-stack/net.js';
import { startTemporalDevServer } from '../apps/dev-stack/temporal-dev-server.js';
import { createWorker } from '../apps/worker/worker.js';
import { PlanContext } from '../apps/worker/activities/plan-context.js';
import { forEachResumable, START_CONCURRENCY } from '../apps/worker/activities/plan.activities.js';
import { assignmentWorkflowId, planProgressQuery, planWorkflowId } from '../workflows/contracts.js';
import { buildPlan, compilePlanText } from '../apps/dev-stack/plan-builder.js';
import {
  coreWarnings,
  inSlices,
  repositories,
  installRuntime,
  log,
  scratchDir,
  sleep,
  startDatabase,
} from './support/stack.js';

const ASSIGNMENTS = Number(process.env.BENCH_ASSIGNMENTS ?? 10_000);
const TARGET = { ratio: 1.5, planHistoryEvents: 2_000 };
const TASK_QUEUE = 'bench-engine';
const RAW_QUEUE = 'bench-raw'; // no worker polls it: the raw workflows are started, never run

/** Events of a workflow over all its runs: the latest run's start event names the run it continued. */
async function historyOverRuns(client: Client, workflowId: string) {
  const runs: number[] = [];
  let runId: string | undefined;
  for (;;) {
    const { events } = await client.workflow.getHandle(workflowId, runId).fetchHistory();
    runs.unshift(events?.length ?? 0);
    runId = events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId ?? undefined;
    if (!runId) return { events: runs.reduce((a, b) => a + b, 0), runs };
  }
}

/** Workflow tasks waiting on a queue: first tasks of started assignments that the worker has yet to run. */
async function backlog(client: Client, taskQueue: string): Promise<number> {
  const r = await client.workflowService.describeTaskQueue({
    namespace: 'default',
    taskQueue: { name: taskQueue },
    taskQueueType: 1, // workflow tasks
    reportStats: true,
  });
  return Number(r.stats?.approximateBacklogCount ?? 0);
}

const terminateAll = (handles: WorkflowHandle[]) =>
  inSlices(handles, START_CONCURRENCY, (h) => h.terminate('benchmark over').catch(() => {}));

async function main() {
  installRuntime();
  const dir = scratchDir();
  const database = await startDatabase(dir.path);
  // In-memory SQLite unless BENCH_TEMPORAL_DB=file: on a small machine the file's fsyncs dominate both timings.
  const temporal = await startTemporalDevServer({
    port: await freePort(),
    ...(process.env.BENCH_TEMPORAL_DB === 'file' ? { dbFile: join(dir.path, 'temporal.sqlite') } : {}),
  });
  const connection = await Connection.connect({ address: temporal.address });
  const client = new Client({ connection });
  const native = await NativeConnection.connect({ address: temporal.address });
  const worker = await createWorker({
    connection: native,
    namespace: 'default',
    taskQueue: TASK_QUEUE,
    db: database.db,
    client,
    workflowBundlePath: workflowBundlePath(),
    repositories,
  });
  const running = worker.run();

  const plan = compilePlanText(buildPlan({ tasks: ASSIGNMENTS }));
  const { ir } = plan;
  log(`plan ${ir.plan.code}: ${ir.assignments.length} assignments`);

  // Baseline: the very inputs the engine would send, started by the bare client with the engine's concurrency.
  const context = new PlanContext(ir, 'raw', 1);
  const inputs = ir.assignments.map((a) => context.input(a));
  // The same pool as the engine's fan-out (forEachResumable: START_CONCURRENCY starts in flight at all times).
  const startRaw = (prefix: string, items: typeof inputs) =>
    forEachResumable(
      items,
      async (input) => {
        await client.workflow.start('assignmentWorkflow', {
          args: [input],
          taskQueue: RAW_QUEUE,
          workflowId: `${prefix}/${input.assignmentId}`,
        });
      },
      START_CONCURRENCY,
      () => {},
      0,
    );
  log('warming up the server with 500 raw starts');
  await startRaw('warm-up', inputs.slice(0, 500));
  log(`raw: starting ${inputs.length} workflows with the bare client`);
  let t = performance.now();
  await startRaw('raw', inputs);
  const rawMs = performance.now() - t;
  log(`raw: ${Math.round(rawMs)} ms; terminating them`);
  await terminateAll(
    [
      ...inputs.slice(0, 500).map((i) => `warm-up/${i.assignmentId}`),
      ...inputs.map((i) => `raw/${i.assignmentId}`),
    ].map((id) => client.workflow.getHandle(id)),
  );

  log('engine: publishing the plan');
  t = performance.now();
  const stored = await storePlanVersion(database.db, { ...plan, author: 'bench' }, repositories);
  const storeMs = performance.now() - t;
  await startOrAmendPlan(client, TASK_QUEUE, ir, stored, 'bench');
  const planHandle = client.workflow.getHandle(planWorkflowId(ir.plan.code));
  for (;;) {
    const p = await planHandle.query(planProgressQuery).catch(() => undefined);
    if (p?.phase === 'running' && p.started + p.alreadyRunning === p.total) break;
    await sleep(100);
  }
  const engineMs = performance.now() - t;
  log(`engine: all ${ir.assignments.length} running after ${Math.round(engineMs)} ms`);
  // Started is not yet run: the worker may still be working through the assignments' first tasks.
  let drainedMs: number | undefined; // stays unset if the (approximate) count never reaches 0
  for (const deadline = Date.now() + 15 * 60_000; Date.now() < deadline && !drainedMs; await sleep(500))
    if ((await backlog(client, TASK_QUEUE)) === 0) drainedMs = performance.now() - t;
  log(`engine: workflow task backlog drained after ${Math.round(drainedMs ?? NaN)} ms`);
  const history = await historyOverRuns(client, planHandle.workflowId);
  const progress = await planHandle.query(planProgressQuery);
  const warnings = Object.fromEntries(coreWarnings); // terminating in the clean-up adds its own

  log('cleaning up');
  worker.shutdown(); // first, so that terminations do not race the worker's tasks
  await running;
  await terminateAll([
    planHandle,
    ...ir.assignments.map((a) => client.workflow.getHandle(assignmentWorkflowId(a.id))),
  ]);
  await native.close();
  await connection.close();
  await temporal.stop();
  await database.stop();
  dir.remove();

  const ratio = engineMs / rawMs;
  console.log(
    JSON.stringify(
      {
        bench: 'engine-publish',
        assignments: ir.assignments.length,
        startConcurrency: START_CONCURRENCY,
        rawStartMs: Math.round(rawMs),
        engine: {
          publishUntilAllRunningMs: Math.round(engineMs),
          storeVersionMs: Math.round(storeMs),
          handOverUntilAllRunningMs: Math.round(engineMs - storeMs),
          untilFirstTasksRunMs: drainedMs === undefined ? null : Math.round(drainedMs),
          started: progress.started,
          alreadyRunning: progress.alreadyRunning,
        },
        ratioEngineToRaw: +ratio.toFixed(2),
        ratioHandOverToRaw: +((engineMs - storeMs) / rawMs).toFixed(2),
        planHistory: { events: history.events, runs: history.runs.length, eventsPerRun: history.runs },
        target: TARGET,
        met: { ratio: ratio <= TARGET.ratio, planHistoryEvents: history.events <= TARGET.planHistoryEvents },
        sdkWarnings: warnings,
        environment: {
          node: process.version,
          cpus: cpus().length,
          temporalDb: process.env.BENCH_TEMPORAL_DB === 'file' ? 'SQLite file' : 'SQLite in memory',
          server: 'temporal CLI dev server, embedded PostgreSQL, worker in this process',
          note: 'raw = same inputs, bare client, no worker on its queue; engine = store version + plan workflow fan-out with the worker also running each assignment’s first task',
        },
      },
      null,
      2,
    ),
  );
}

await main();
