import type { TestProject } from 'vitest/node';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { bundleWorkflows } from '../../scripts/bundle-workflows.js';

// The reliability tier runs the worker and the API as processes from dist/ (as production does), with a workflow
// bundle built here from the current sources. Each test file starts its own PostgreSQL, Temporal and SMTP
// server, because it kills and restarts them.
export default async function setup(project: TestProject) {
  for (const main of ['dist/apps/worker/main.js', 'dist/apps/api/main.js'])
    if (!existsSync(resolve(main))) throw new Error(`${main} is missing: run "npm run build" first`);
  const dir = mkdtempSync(join(tmpdir(), 'dondoc-reliability-'));
  project.provide('workflowBundlePath', await bundleWorkflows(join(dir, 'workflow-bundle.js')));
  return () => rmSync(dir, { recursive: true, force: true });
}
