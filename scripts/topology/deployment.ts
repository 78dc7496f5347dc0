// The rollout step of Worker Deployment versioning (apps/worker/versioning.ts): a version becomes current once
// its workers poll, and from then on every workflow (AUTO_UPGRADE) runs its next workflow task on it. What
// `temporal worker deployment set-current-version` does, through the same API.
import type { ConnectionLike } from '@temporalio/client';

/** gRPC codes worth asking again on: not yet known, not yet polled, the server busy or restarting. */
const RETRYABLE = new Set([
  4, // DEADLINE_EXCEEDED
  5, // NOT_FOUND
  8, // RESOURCE_EXHAUSTED
  9, // FAILED_PRECONDITION
  10, // ABORTED
  14, // UNAVAILABLE
]);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface DeploymentVersion {
  deploymentName: string;
  buildId: string;
}

export interface SwitchFigures {
  ms: number;
  /** Requests the server turned away before it accepted. */
  refused: number;
  /** What it said the last time it refused. */
  lastRefusal?: string;
}

/**
 * Makes `version` the current version of its deployment. The server knows a version only once its workers have
 * polled (and refuses to switch while the version has not polled every task queue of the current one): asked
 * again until it accepts, or `timeoutMs` passes. Returns how long it took and what it said meanwhile.
 */
export async function setCurrentVersion(
  connection: Pick<ConnectionLike, 'workflowService'>,
  namespace: string,
  version: DeploymentVersion,
  timeoutMs = 300_000,
): Promise<SwitchFigures> {
  const started = Date.now();
  let refused = 0;
  let lastRefusal: string | undefined;
  for (;;) {
    try {
      await connection.workflowService.setWorkerDeploymentCurrentVersion({
        namespace,
        deploymentName: version.deploymentName,
        buildId: version.buildId,
        identity: 'dondoc-rollout',
      });
      return { ms: Date.now() - started, refused, ...(lastRefusal ? { lastRefusal } : {}) };
    } catch (err) {
      const code = (err as { code?: number }).code;
      refused++;
      lastRefusal = err instanceof Error ? err.message : String(err);
      if (!RETRYABLE.has(code ?? -1) || Date.now() - started > timeoutMs)
        throw new Error(
          `set-current-version ${version.deploymentName}:${version.buildId}: ${err instanceof Error ? err.message : String(err)}`,
        );
      await sleep(1_000);
    }
  }
}

/** The deployment's current version's build id (undefined when it has none). */
export async function currentBuildId(
  connection: Pick<ConnectionLike, 'workflowService'>,
  namespace: string,
  deploymentName: string,
): Promise<string | undefined> {
  const r = await connection.workflowService.describeWorkerDeployment({ namespace, deploymentName });
  return r.workerDeploymentInfo?.routingConfig?.currentDeploymentVersion?.buildId ?? undefined;
}
