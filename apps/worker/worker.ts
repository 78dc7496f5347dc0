import { type NativeConnection, Worker } from '@temporalio/worker';
import { createAssignmentActivities } from '../../workflows/activities/assignment.activities.js';
import type { Db } from '../shared/db/pool.js';

export interface WorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  db: Db;
  workflowBundlePath: string;
  identity?: string;
}

export function createActivities(db: Db) {
  return { ...createAssignmentActivities(db) };
}

export async function createWorker(opts: WorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: opts.connection,
    namespace: opts.namespace,
    taskQueue: opts.taskQueue,
    workflowBundle: { codePath: opts.workflowBundlePath },
    activities: createActivities(opts.db),
    ...(opts.identity ? { identity: opts.identity } : {}),
    // Assignment workflows sleep for months; a bounded cache keeps memory flat with thousands of them.
    maxCachedWorkflows: 500,
    shutdownGraceTime: '10 seconds',
  });
}
