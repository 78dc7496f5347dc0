import type { TestProject } from 'vitest/node';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { migrate } from '../../apps/database/migrate.js';
import { freePort } from '../../apps/dev-stack/net.js';
import { startEmbeddedPostgres } from '../../apps/dev-stack/postgres.js';
import { bundleWorkflows } from '../../scripts/bundle-workflows.js';

// One PostgreSQL per test run; each test file clones a migrated template database (fast, isolated).
// The workflow bundle is built once per run from the current sources, so tests never run stale code.
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'dondoc-test-pg-'));
  chmodSync(dir, 0o755); // as root, PostgreSQL runs as another user that must reach its data directory
  const server = await startEmbeddedPostgres({
    dataDir: join(dir, 'data'),
    port: await freePort(),
    fast: true,
  });
  const template = 'dondoc_template';
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${template}`);
  await admin.end();
  await migrate(server.urlFor(template));
  const bundle = await bundleWorkflows(join(dir, 'workflow-bundle.js'));

  project.provide('pgAdminUrl', server.url);
  project.provide('pgTemplate', template);
  project.provide('workflowBundlePath', bundle);

  return async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
