import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { createApp } from '../../apps/api/app.js';
import { createMetrics } from '../../apps/api/metrics/metrics.js';
import { readEnv } from '../../apps/config/env.js';
import { createRepositories, type Repositories } from '../../apps/database/repositories/index.js';
import type { PlanIR } from '../../dsl/ir/schema.js';
import { createTestDatabase, type TestDatabase } from './db.js';
import { engineWorker, removePlan } from './engine.js';

export interface ApiStack {
  tdb: TestDatabase;
  client: Client;
  /** The one set the API and the worker share; tests read and write through it too. */
  repositories: Repositories;
  /** http://127.0.0.1:<port>/api */
  base: string;
  /** Stops the API and the worker, removes the plans from the shared dev server, drops the database. */
  stop(plans: readonly (PlanIR | undefined)[]): Promise<void>;
}

/** A database of its own, an in-process worker on its own task queue, and the API on a free port. */
export async function startApiStack(o: {
  temporalAddress: string;
  taskQueue: string;
  secret: string;
  env?: Record<string, string>;
  /** Where the API's log lines go (with a LOG_LEVEL other than fatal in env). */
  logStream?: { write(line: string): void };
}): Promise<ApiStack> {
  const tdb = await createTestDatabase();
  const nativeConnection = await NativeConnection.connect({ address: o.temporalAddress });
  const connection = await Connection.connect({ address: o.temporalAddress });
  const client = new Client({ connection });
  const repositories = createRepositories();
  const worker: Worker = await engineWorker(nativeConnection, client, tdb.db, o.taskQueue, repositories);
  const workerRun = worker.run();
  const env = readEnv({
    DATABASE_URL: tdb.url,
    TEMPORAL_ADDRESS: o.temporalAddress,
    TEMPORAL_TASK_QUEUE: o.taskQueue,
    LOG_LEVEL: 'fatal',
    APP_SECRET: o.secret,
    ...o.env,
  });
  const app: NestFastifyApplication = await createApp(
    { env, db: tdb.db, repositories, temporal: client, secret: o.secret, metrics: createMetrics() },
    o.logStream ? { logStream: o.logStream } : {},
  );
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `${await app.getUrl()}/api`.replace('[::1]', '127.0.0.1');
  return {
    tdb,
    client,
    repositories,
    base,
    async stop(plans) {
      await app.close();
      for (const ir of plans) if (ir) await removePlan(client, ir);
      worker.shutdown();
      await workerRun;
      await connection.close();
      await nativeConnection.close();
      await tdb.drop();
    },
  };
}
