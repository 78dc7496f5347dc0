import { Client, Connection } from '@temporalio/client';
import { readEnv } from '../config/env.js';
import { migrate } from '../database/migrate.js';
import { createPool } from '../database/pool.js';
import { createApp } from './app.js';
import { createMetrics } from './metrics/metrics.js';

async function main(): Promise<void> {
  const env = readEnv();
  if (!env.DATABASE_URL) throw new Error('DATABASE_URL is required');
  if (!env.TEMPORAL_ADDRESS) throw new Error('TEMPORAL_ADDRESS is required');
  if (!env.APP_SECRET) throw new Error('APP_SECRET (32+ characters, shared with the worker) is required');
  const applied = await migrate(env.DATABASE_URL, (m) => console.warn(`[api] migrate: ${m}`));
  if (applied.length) console.log(`[api] applied migrations: ${applied.join(', ')}`);
  const db = createPool(env.DATABASE_URL);
  const connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
  const temporal = new Client({ connection, namespace: env.TEMPORAL_NAMESPACE });
  const app = await createApp({ env, db, temporal, secret: env.APP_SECRET, metrics: createMetrics() });
  await app.listen({ port: env.PORT, host: env.HOST });
  console.log(`[api] listening on http://${env.HOST}:${env.PORT}/api`);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`[api] ${signal}: closing`);
    await app.close();
    await connection.close();
    await db.end();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(`[api] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
