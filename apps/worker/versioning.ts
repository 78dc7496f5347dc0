// Worker Deployment versioning, opt-in (docs/workflows.md, "Changing workflow code"): with
// TEMPORAL_WORKER_DEPLOYMENT set, the worker polls as one version of that deployment, its build id the one given
// or one derived from the workflow bundle, so that a build whose workflow code changed is a new version and
// one whose workflow code did not is the same. Every workflow is AUTO_UPGRADE: it moves to the current version
// at its next workflow task, so workflow code must replay the histories still open (patched() where it would
// not). Unset, the worker is unversioned, as before.
import type { WorkerDeploymentOptions } from '@temporalio/worker';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Env } from '../config/env.js';

/** `wf-` and the first 16 hex digits of the bundle's SHA-256: the same workflow code, the same build id. */
export function bundleBuildId(bundlePath: string): string {
  return `wf-${createHash('sha256').update(readFileSync(bundlePath)).digest('hex').slice(0, 16)}`;
}

/** The worker's deployment options from the environment; undefined for an unversioned worker. */
export function workerDeploymentFromEnv(
  env: Pick<Env, 'TEMPORAL_WORKER_DEPLOYMENT' | 'TEMPORAL_WORKER_BUILD_ID'>,
  bundlePath: string,
): WorkerDeploymentOptions | undefined {
  if (!env.TEMPORAL_WORKER_DEPLOYMENT) return undefined;
  return {
    useWorkerVersioning: true,
    version: {
      deploymentName: env.TEMPORAL_WORKER_DEPLOYMENT,
      buildId: env.TEMPORAL_WORKER_BUILD_ID ?? bundleBuildId(bundlePath),
    },
    defaultVersioningBehavior: 'AUTO_UPGRADE',
  };
}

/** How the worker names its version in its start-up line. */
export function describeDeployment(d: WorkerDeploymentOptions | undefined): string {
  return d ? `version ${d.version.deploymentName}:${d.version.buildId}, auto-upgrade` : 'unversioned';
}
