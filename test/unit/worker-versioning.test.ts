import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readEnv } from '../../apps/config/env.js';
import { bundleBuildId, describeDeployment, workerDeploymentFromEnv } from '../../apps/worker/versioning.js';

describe('Worker Deployment versioning of the worker (opt-in)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dondoc-versioning-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const bundle = (name: string, code: string) => {
    const path = join(dir, name);
    writeFileSync(path, code);
    return path;
  };

  it('is off unless a deployment is named', () => {
    const d = workerDeploymentFromEnv(readEnv({}), bundle('a.js', 'a'));
    expect(d).toBeUndefined();
    expect(describeDeployment(d)).toBe('unversioned');
  });

  it('derives the build id from the workflow code: the same code the same version, changed code a new one', () => {
    const a = bundle('a.js', 'export const x = 1;');
    const sameCode = bundle('b.js', 'export const x = 1;');
    const changed = bundle('c.js', 'export const x = 2;');
    expect(bundleBuildId(a)).toMatch(/^wf-[0-9a-f]{16}$/);
    expect(bundleBuildId(sameCode)).toBe(bundleBuildId(a));
    expect(bundleBuildId(changed)).not.toBe(bundleBuildId(a));
    const d = workerDeploymentFromEnv(readEnv({ TEMPORAL_WORKER_DEPLOYMENT: 'dondoc' }), a);
    expect(d).toEqual({
      useWorkerVersioning: true,
      version: { deploymentName: 'dondoc', buildId: bundleBuildId(a) },
      defaultVersioningBehavior: 'AUTO_UPGRADE',
    });
    expect(describeDeployment(d)).toBe(`version dondoc:${bundleBuildId(a)}, auto-upgrade`);
  });

  it('takes a build id given by the release', () => {
    const env = readEnv({ TEMPORAL_WORKER_DEPLOYMENT: 'dondoc', TEMPORAL_WORKER_BUILD_ID: '2026.05.1' });
    expect(workerDeploymentFromEnv(env, bundle('a.js', 'a'))?.version.buildId).toBe('2026.05.1');
  });
});
