import type { Client } from '@temporalio/client';
import {
  type NativeConnection,
  Worker,
  type WorkerDeploymentOptions,
  type WorkerOptions as SdkWorkerOptions,
} from '@temporalio/worker';
import { createActivities, PlanContextCache } from './activities/index.js';
import type { Db } from '../database/pool.js';
import { createRepositories, type Repositories } from '../database/repositories/index.js';

/**
 * Workflows kept in memory between tasks. Assignment workflows sleep for months between steps and each cached one
 * costs worker memory, mostly what the SDK spends on any cached workflow (docs/benchmarks.md, worker memory). A cache
 * miss only costs a replay of a short history when the workflow's next timer fires or an update arrives.
 */
export const DEFAULT_MAX_CACHED_WORKFLOWS = 1_000;

export interface WorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  db: Db;
  /** The process's set (createRepositories()); a fresh one when not given (repositories hold no state). */
  repositories?: Repositories;
  /** Activities start workflows and signal digests through it. */
  client: Client;
  /** The time now for the activities; the system clock by default. */
  clock?: () => Date;
  workflowBundlePath: string;
  identity?: string;
  /** Workflows kept in memory between tasks (each sleeping assignment costs memory while cached). */
  maxCachedWorkflows?: number;
  /** The Worker Deployment version it polls as (apps/worker/versioning.ts); unversioned when not given. */
  deployment?: WorkerDeploymentOptions;
}

/** The composition root of the activities: every one of them, built from the worker's dependencies. */
export function engineActivities(
  opts: Pick<WorkerOptions, 'db' | 'client' | 'taskQueue' | 'repositories' | 'clock'>,
) {
  const repositories = opts.repositories ?? createRepositories();
  return createActivities({
    db: opts.db,
    repositories,
    client: opts.client,
    taskQueue: opts.taskQueue,
    clock: opts.clock ?? (() => new Date()),
    plans: new PlanContextCache(opts.db, repositories.plans),
  });
}

/** How the worker runs workflows; bench/worker-memory.ts measures a worker with exactly these options. */
export function workflowWorkerOptions(
  opts: Pick<WorkerOptions, 'workflowBundlePath' | 'maxCachedWorkflows'>,
): Pick<SdkWorkerOptions, 'workflowBundle' | 'reuseV8Context' | 'maxCachedWorkflows' | 'shutdownGraceTime'> {
  return {
    workflowBundle: { codePath: opts.workflowBundlePath },
    // One V8 context for every workflow (the SDK's default, stated because memory depends on it): a workflow then
    // costs its own state, not a context of its own. The bundle preloads the workflow modules once for all
    // workflows (workflows/bundle.ts), so they are not evaluated again per workflow either.
    reuseV8Context: true,
    maxCachedWorkflows: opts.maxCachedWorkflows ?? DEFAULT_MAX_CACHED_WORKFLOWS,
    shutdownGraceTime: '10 seconds',
  };
}

export async function createWorker(opts: WorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: opts.connection,
    namespace: opts.namespace,
    taskQueue: opts.taskQueue,
    activities: engineActivities(opts),
    ...(opts.identity ? { identity: opts.identity } : {}),
    ...(opts.deployment ? { workerDeploymentOptions: opts.deployment } : {}),
    ...workflowWorkerOptions(opts),
  });
}
