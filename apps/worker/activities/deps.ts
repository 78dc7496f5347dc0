import type { Client } from '@temporalio/client';
import type { Db } from '../../database/pool.js';
import type { Repositories } from '../../database/repositories/index.js';
import type { PlanContextCache } from './plan-context.js';

/** What the activities are built from; the worker's composition root (worker.ts) makes one set per process. */
export interface ActivityDeps {
  db: Db;
  repositories: Repositories;
  /** Activities start assignment workflows and signal digests through it. */
  client: Client;
  taskQueue: string;
  /** The time now, wherever an activity stamps one. */
  clock: () => Date;
  /** Published plan versions, read once for a fan-out of batches. */
  plans: PlanContextCache;
}
