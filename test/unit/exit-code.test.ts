import { spawnSync } from 'node:child_process';
import { expect, it } from 'vitest';
import { projectPath } from '../../apps/shared/runtime/project.js';

// A failing test must fail the run, also in the tiers whose set-up starts the embedded PostgreSQL (a library it
// pulls in once ended every run with code 0, so CI could not see failures).
it('a failing test under the PostgreSQL set-up makes the run exit non-zero', () => {
  const run = spawnSync(
    projectPath('node_modules/.bin/vitest'),
    ['run', '--config', 'test/fixtures/exit-code/vitest.config.ts'],
    { cwd: projectPath('.'), encoding: 'utf8', timeout: 180_000 },
  );
  expect(run.stdout + run.stderr).toContain('fails on purpose');
  expect(run.status).toBe(1);
}, 200_000);
