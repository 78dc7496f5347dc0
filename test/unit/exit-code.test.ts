import { spawnSync } from 'node:child_process';
import { expect, it } from 'vitest';
import { projectPath } from '../../apps/config/project.js';

// The exit code must tell the truth in the tiers whose set-up starts the embedded PostgreSQL: a library it pulls
// in once ended every run with code 0 (CI could not see failures), and then crashed on exit.
const run = (file: string) => {
  const r = spawnSync(
    projectPath('node_modules/.bin/vitest'),
    ['run', '--config', 'test/fixtures/exit-code/vitest.config.ts', file],
    { cwd: projectPath('.'), encoding: 'utf8', timeout: 180_000 },
  );
  return { status: r.status, output: r.stdout + r.stderr };
};

it('a failing test under the PostgreSQL set-up makes the run exit non-zero', () => {
  const r = run('fails.check.ts');
  expect(r.output).toContain('fails on purpose');
  expect(r.status).toBe(1);
}, 200_000);

it('a passing run under the PostgreSQL set-up exits 0 without a crash on the way out', () => {
  const r = run('passes.check.ts');
  expect(r.output).not.toMatch(/TypeError/);
  expect(r.status).toBe(0);
}, 200_000);
