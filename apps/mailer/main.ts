// The mail process on its own: delivers the outbox until SIGTERM/SIGINT, then finishes the batch in flight.
// The worker process runs the same dispatcher when SMTP_URL is set; either may run, or both (rows are claimed
// with SKIP LOCKED, so nothing is sent twice).
import { readEnv } from '../config/env.js';
import { createPool } from '../database/pool.js';
import { createRepositories } from '../database/repositories/index.js';
import { mailDispatcherFromEnv } from './from-env.js';

async function main(): Promise<void> {
  const env = readEnv();
  if (!env.DATABASE_URL) throw new Error('DATABASE_URL is required');
  if (!env.SMTP_URL) throw new Error('SMTP_URL is required');
  const db = createPool(env.DATABASE_URL, 5);
  const dispatcher = mailDispatcherFromEnv(env, db, createRepositories())!;
  dispatcher.start();
  console.log(`[mailer] delivering the outbox through ${redact(env.SMTP_URL)}`);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`[mailer] ${signal}: finishing the batch in flight`);
    await dispatcher.stop();
    await db.end();
    console.log('[mailer] stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

/** The SMTP URL without its password, for the log. */
function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(SMTP_URL)';
  }
}

main().catch((err: unknown) => {
  console.error(`[mailer] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
