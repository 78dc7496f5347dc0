// What the compose jobs do before the app starts: temporal-admin-tools creates Temporal's databases and brings
// their schemas up to date with temporal-sql-tool; temporal-namespace registers the namespace. Each step only
// does what is missing, so a second run on the same state changes nothing.
import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time.js';
import { join } from 'node:path';
import pg from 'pg';
import type { RunningPostgres } from '../../apps/dev-stack/postgres.js';
import type { TemporalTools } from './server-build.js';
import type { TemporalSettings } from './server-config.js';
import { runCommand, type Log } from './supervisor.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function hasSchemaVersion(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const r = await client.query(`SELECT to_regclass('schema_version') IS NOT NULL AS present`);
    return (r.rows[0] as { present: boolean }).present;
  } finally {
    await client.end();
  }
}

/** `temporal` and `temporal_visibility`: created if missing, set up if unversioned, then updated. */
export async function setupSchemas(
  tools: TemporalTools,
  settings: TemporalSettings,
  postgres: Pick<RunningPostgres, 'url' | 'urlFor'>,
  log: Log,
): Promise<void> {
  const admin = new pg.Client({ connectionString: postgres.url });
  await admin.connect();
  const env = { ...process.env, SQL_PASSWORD: settings.POSTGRES_PWD };
  const sql = (db: string, ...args: string[]) =>
    runCommand(
      tools.sqlTool,
      [
        '--plugin',
        settings.DB,
        '--ep',
        settings.POSTGRES_SEEDS,
        '-p',
        String(settings.DB_PORT),
        '-u',
        settings.POSTGRES_USER,
        '--db',
        db,
        ...args,
      ],
      { env, label: `temporal-sql-tool ${args[0]} ${db}`, log },
    );
  try {
    for (const [db, schema] of [
      [settings.DBNAME, 'temporal'],
      [settings.VISIBILITY_DBNAME, 'visibility'],
    ] as const) {
      const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [db]);
      if (!exists.rowCount) await sql(db, 'create-database');
      if (!(await hasSchemaVersion(postgres.urlFor(db)))) await sql(db, 'setup-schema', '-v', '0.0');
      await sql(db, 'update-schema', '-d', join(tools.schemaDir, schema, 'versioned'));
    }
  } finally {
    await admin.end();
  }
}

/**
 * Registers the namespace (retention 30 days, as the compose job) unless it exists. `serverAlive` ends the
 * wait early when the server has exited.
 */
export async function registerNamespace(
  address: string,
  namespace: string,
  serverAlive: () => boolean,
  timeoutMs = 120_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const connection = await Connection.connect({ address, connectTimeout: 5_000 });
      try {
        try {
          await connection.workflowService.describeNamespace({ namespace });
          return;
        } catch {
          await connection.workflowService.registerNamespace({
            namespace,
            workflowExecutionRetentionPeriod: msToTs('30 days'),
          });
        }
      } finally {
        await connection.close();
      }
    } catch (err) {
      if (!serverAlive() || Date.now() > deadline) throw err;
      await sleep(1_000);
    }
  }
}

/**
 * Waits until every service knows the namespace: one just registered reaches history and matching only with
 * their next refresh of the namespace cache, and until then workflows cannot start on it.
 */
export async function waitNamespaceVisible(
  address: string,
  namespace: string,
  taskQueue: string,
  timeoutMs = 60_000,
): Promise<void> {
  const connection = await Connection.connect({ address });
  try {
    for (const deadline = Date.now() + timeoutMs; ; await sleep(1_000)) {
      try {
        await connection.workflowService.listWorkflowExecutions({ namespace, pageSize: 1 });
        await connection.workflowService.describeTaskQueue({ namespace, taskQueue: { name: taskQueue } });
        return;
      } catch (err) {
        if (Date.now() > deadline) throw err;
      }
    }
  } finally {
    await connection.close();
  }
}
