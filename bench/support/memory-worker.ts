// The worker measured by worker-memory.ts, in its own process so that nothing else shares its memory: workflows
// only (the benchmark runs the activities), the bundle it is given, a deliberate maxCachedWorkflows. Answers
// 'measure' over IPC with its memory after a garbage collection.
import { NativeConnection, Worker } from '@temporalio/worker';
import type { Worker as Thread } from 'node:worker_threads';
import { installRuntime, sleep } from './stack.js';

export interface MemorySample {
  numCachedWorkflows: number;
  rssMB: number;
  mainHeapUsedMB: number;
  /** The workflow thread's V8 heap: where cached workflow state lives (reuseV8Context). */
  workflowThreadHeapUsedMB: number;
  workflowThreadHeapTotalMB: number;
}

const MB = 1024 * 1024;
const threads: Thread[] = [];
process.on('worker', (t) => threads.push(t));

installRuntime();
const connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS! });
const worker = await Worker.create({
  connection,
  taskQueue: process.env.TASK_QUEUE!,
  workflowBundle: { codePath: process.env.WORKFLOW_BUNDLE_PATH! },
  maxCachedWorkflows: Number(process.env.MAX_CACHED_WORKFLOWS),
  shutdownGraceTime: '10 seconds',
});
const running = worker.run();

async function measure(): Promise<MemorySample> {
  // Only this thread's heap can be collected on demand; the workflow thread's used heap is read as it is.
  globalThis.gc?.();
  await sleep(1_000);
  globalThis.gc?.();
  const stats = await Promise.all(threads.map((t) => t.getHeapStatistics().catch(() => undefined)));
  return {
    numCachedWorkflows: worker.getStatus().numCachedWorkflows,
    rssMB: process.memoryUsage().rss / MB,
    mainHeapUsedMB: process.memoryUsage().heapUsed / MB,
    workflowThreadHeapUsedMB: stats.reduce((sum, s) => sum + (s?.used_heap_size ?? 0), 0) / MB,
    workflowThreadHeapTotalMB: stats.reduce((sum, s) => sum + (s?.total_heap_size ?? 0), 0) / MB,
  };
}

process.on('message', (msg: string) => {
  if (msg === 'measure') void measure().then((sample) => process.send!(sample));
  if (msg === 'stop') {
    worker.shutdown();
    void running.then(() => connection.close()).then(() => process.exit(0));
  }
});
process.send!('ready');
