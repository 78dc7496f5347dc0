// The production topology as the stack of a reliability run (test/reliability/support/run.ts): the real Temporal
// server (scripts/topology/temporal-server.ts, built from go.temporal.io/server) on the same PostgreSQL as the
// product's data — its `temporal` and `temporal_visibility` databases next to `dondoc`, so that a crash of
// PostgreSQL is a crash of both — the workers as one Worker Deployment version made current once they poll,
// and the API process. Everything else (PostgreSQL durable, SMTP, the workers, the plan, the checks) is the
// reliability tier's.
import { resolve } from 'node:path';
import { superviseProcess, type SupervisedProcess } from '../../../apps/dev-stack/process.js';
import { freePort } from '../../../apps/dev-stack/net.js';
import { bundleBuildId } from '../../../apps/worker/versioning.js';
import { setCurrentVersion } from '../../../scripts/topology/deployment.js';
import { startTopologyTemporal, type TopologyTemporal } from '../../../scripts/topology/temporal-server.js';
import type { StackFactory } from '../../reliability/support/run.js';
import { log, NODE } from '../../reliability/support/stack.js';

export const NAMESPACE = 'default';
export const TASK_QUEUE = 'dondoc';
export const DEPLOYMENT = 'dondoc';

export interface TopologyHandles {
  temporal?: TopologyTemporal;
  /** The API process (started once the workers poll). */
  api?: SupervisedProcess;
  apiUrl?: string;
}

/** The topology's stack; `handles` receives the server and the API process for the test to check. */
export const topologyStack =
  (handles: TopologyHandles = {}): StackFactory =>
  async ({ dir, pg, bundle }) => {
    const say = (m: string) => log(`topology: ${m}`);
    const temporal = await startTopologyTemporal({
      dir,
      postgres: pg.server,
      namespace: NAMESPACE,
      taskQueue: TASK_QUEUE,
      log: say,
    });
    handles.temporal = temporal;
    say(`Temporal server ${temporal.address} (${temporal.settings.NUM_HISTORY_SHARDS} history shards)`);
    return {
      temporal,
      workerEnv: { TEMPORAL_WORKER_DEPLOYMENT: DEPLOYMENT },
      async workersUp({ env, client }) {
        const buildId = bundleBuildId(bundle);
        const made = await setCurrentVersion(client.connection, NAMESPACE, {
          deploymentName: DEPLOYMENT,
          buildId,
        });
        say(`current version ${DEPLOYMENT}:${buildId} (${made.ms} ms after the workers polled)`);
        const port = await freePort();
        const api = superviseProcess({
          name: 'api',
          command: NODE,
          args: [resolve('dist/apps/api/main.js')],
          env: { ...process.env, LOG_LEVEL: 'warn', ...env, PORT: String(port), HOST: '127.0.0.1' },
          keep: 200,
        });
        handles.api = api;
        handles.apiUrl = `http://127.0.0.1:${port}/api`;
        await api.waitFor('[api] listening on', 60_000);
      },
      async close() {
        await handles.api?.stop(10_000);
        await temporal.kill();
      },
    };
  };
