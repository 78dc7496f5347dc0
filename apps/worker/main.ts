import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { existsSync } from 'node:fs';
import { readEnv, workflowBundlePath } from '../config/env.js';
import { createPool } from '../database/pool.js';
import { createRepositories } from '../database/repositories/index.js';
import { allocatorInUse } from './allocator.js';
import { mailDispatcherFromEnv } from '../mailer/from-env.js';
import { describeDeployment, workerDeploymentFromEnv } from './versioning.js';
import { createWorker } from './worker.js';

async function main(): Promise<void> {
  const env = readEnv();
  if (!env.DATABASE_URL) throw new Error('DATABASE_URL is required');
  if (!env.TEMPORAL_ADDRESS) throw new Error('TEMPORAL_ADDRESS is required');
  const bundle = workflowBundlePath(env);
  if (!existsSync(bundle)) throw new Error(`workflow bundle ${bundle} is missing: run "npm run build"`);
  const db = createPool(env.DATABASE_URL);
  const connection = await NativeConnection.connect({ address: env.TEMPORAL_ADDRESS });
  const clientConnection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
  const client = new Client({ connection: clientConnection, namespace: env.TEMPORAL_NAMESPACE });
  // One set of repositories for the activities and the mail dispatcher alike.
  const repositories = createRepositories();
  const deployment = workerDeploymentFromEnv(env, bundle);
  const worker = await createWorker({
    connection,
    namespace: env.TEMPORAL_NAMESPACE,
    taskQueue: env.TEMPORAL_TASK_QUEUE,
    db,
    repositories,
    client,
    workflowBundlePath: bundle,
    ...(deployment ? { deployment } : {}),
  });
  console.log(
    `[worker] polling task queue "${env.TEMPORAL_TASK_QUEUE}" on ${env.TEMPORAL_ADDRESS} (allocator: ${allocatorInUse()}), ${describeDeployment(deployment)}`,
  );
  // With SMTP_URL the worker also delivers the outbox by e-mail (apps/mailer can do it on its own instead).
  const mail = mailDispatcherFromEnv(env, db, repositories);
  mail?.start();
  // The SDK's runtime turns SIGINT/SIGTERM into a graceful shutdown; run() resolves once drained.
  try {
    await worker.run();
  } finally {
    await mail?.stop();
  }
  await connection.close();
  await clientConnection.close();
  await db.end();
  console.log('[worker] stopped');
}

main().catch((err: unknown) => {
  console.error(`[worker] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
