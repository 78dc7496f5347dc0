// The worker measured by worker-memory.ts, in its own process so that nothing else shares its memory: workflows
// only (the benchmark runs the activities), the bundle it is given, and the product's workflow worker options
// (apps/worker/worker.ts) with a deliberate maxCachedWorkflows. Answers 'measure' over IPC with its memory after a
// full garbage collection of every thread: the main thread by gc(), the workflow thread through the inspector.
import { createWriteStream } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { pipeline } from 'node:stream/promises';
import { getHeapSnapshot } from 'node:v8';
import { NativeConnection, Worker } from '@temporalio/worker';
import type { Worker as Thread } from 'node:worker_threads';
import { workflowWorkerOptions } from '../../apps/worker/worker.js';
import { installRuntime, sleep } from './stack.js';

export interface MemorySample {
  numCachedWorkflows: number;
  rssMB: number;
  mainHeapUsedMB: number;
  mainHeapTotalMB: number;
  /** Memory of C++ objects bound to JS objects and array buffers, all threads of the process. */
  externalMB: number;
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
  ...workflowWorkerOptions({
    workflowBundlePath: process.env.WORKFLOW_BUNDLE_PATH!,
    maxCachedWorkflows: Number(process.env.MAX_CACHED_WORKFLOWS),
  }),
});
const running = worker.run();

/**
 * The workflow thread cannot call gc(); its inspector session can. The main thread's inspector attaches to every
 * worker thread (NodeWorker domain) and sends each HeapProfiler.collectGarbage.
 */
const inspector = new Session();
inspector.connect();
const threadSessions = new Set<string>();
const replies = new Map<number, () => void>();
let nextId = 1;
inspector.on('NodeWorker.attachedToWorker', (m) => threadSessions.add(m.params.sessionId));
inspector.on('NodeWorker.detachedFromWorker', (m) => threadSessions.delete(m.params.sessionId));
inspector.on('NodeWorker.receivedMessageFromWorker', (m) => {
  const { id } = JSON.parse(m.params.message) as { id?: number };
  if (id !== undefined) replies.get(id)?.();
});
await inspector.post('NodeWorker.enable', { waitForDebuggerOnStart: false });

function collectThread(sessionId: string): Promise<void> {
  const id = nextId++;
  return new Promise<void>((resolve) => {
    replies.set(id, () => {
      replies.delete(id);
      resolve();
    });
    void inspector.post('NodeWorker.sendMessageToWorker', {
      sessionId,
      message: JSON.stringify({ id, method: 'HeapProfiler.collectGarbage' }),
    });
  });
}

async function collectAll(): Promise<void> {
  globalThis.gc?.();
  await Promise.all([...threadSessions].map(collectThread));
}

async function measure(): Promise<MemorySample> {
  await collectAll();
  await sleep(1_000);
  await collectAll();
  await sleep(500);
  const stats = await Promise.all(threads.map((t) => t.getHeapStatistics().catch(() => undefined)));
  const usage = process.memoryUsage();
  return {
    numCachedWorkflows: worker.getStatus().numCachedWorkflows,
    rssMB: usage.rss / MB,
    mainHeapUsedMB: usage.heapUsed / MB,
    mainHeapTotalMB: usage.heapTotal / MB,
    externalMB: usage.external / MB,
    workflowThreadHeapUsedMB: stats.reduce((sum, s) => sum + (s?.used_heap_size ?? 0), 0) / MB,
    workflowThreadHeapTotalMB: stats.reduce((sum, s) => sum + (s?.total_heap_size ?? 0), 0) / MB,
  };
}

/**
 * Writes heap snapshots of the workflow thread (where cached workflows live) to `path` and of the main thread
 * (where the SDK keeps each run's state) beside it, after a full gc.
 */
async function snapshot(path: string): Promise<void> {
  await collectAll();
  await pipeline(await threads[0]!.getHeapSnapshot(), createWriteStream(path));
  await pipeline(getHeapSnapshot(), createWriteStream(path.replace(/\.heapsnapshot$/, '.main.heapsnapshot')));
}

process.on('message', (msg: string | { snapshot: string }) => {
  if (msg === 'measure') void measure().then((sample) => process.send!(sample));
  if (typeof msg === 'object') void snapshot(msg.snapshot).then(() => process.send!('snapshot written'));
  if (msg === 'stop') {
    worker.shutdown();
    void running.then(() => connection.close()).then(() => process.exit(0));
  }
});
process.send!('ready');
