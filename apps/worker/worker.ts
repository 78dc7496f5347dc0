import type { Client } from '@temporalio/client';
import { type NativeConnection, Worker } from '@temporalio/worker';
import { createActivities, PlanContextCache } from '../../workflows/activities/index.js';
import type { Db } from '../shared/db/pool.js';

export interface WorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  db: Db;
  /** Activities start workflows and signal digests through it. */
  client: Client;
  workflowBundlePath: string;
  identity?: string;
  /** Workflows kept in memory between tasks (each sleeping assignment costs memory while cached). */
  maxCachedWorkflows?: number;
}

export function engineActivities(opts: Pick<WorkerOptions, 'db' | 'client' | 'taskQueue'>) {
  return createActivities({ ...opts, plans: new PlanContextCache(opts.db) });
}

export async function createWorker(opts: WorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: opts.connection,
    namespace: opts.namespace,
    taskQueue: opts.taskQueue,
    workflowBundle: { codePath: opts.workflowBundlePath },
    activities: engineActivities(opts),
    ...(opts.identity ? { identity: opts.identity } : {}),
    // Assignment workflows sleep for months between steps; keeping every one of them cached would grow memory
    // with the plan, and a cache miss only costs a replay of a short history.
    maxCachedWorkflows: opts.maxCachedWorkflows ?? 1_000,
    shutdownGraceTime: '10 seconds',
  });
}
