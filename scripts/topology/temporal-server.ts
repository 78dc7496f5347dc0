// The Temporal server of the topology as one restartable part: binaries (built once), schemas on the given
// PostgreSQL, a configuration file with ports of its own, the process, the namespace registered and usable.
// `kill` and `restart` keep the ports and the configuration, so that workers and clients find it where it was
// (as a container restarted by docker compose keeps its address).
import type { RunningPostgres } from '../../apps/dev-stack/postgres.js';
import { waitForPort } from '../../apps/dev-stack/net.js';
import { superviseProcess, type SupervisedProcess } from '../../apps/dev-stack/process.js';
import { ensureTemporalServer, type TemporalTools } from './server-build.js';
import {
  choosePorts,
  recordShards,
  topologySettings,
  writeServerConfig,
  type TemporalSettings,
} from './server-config.js';
import { registerNamespace, setupSchemas, waitNamespaceVisible } from './server-setup.js';
import type { Log } from './supervisor.js';

export interface TopologyTemporal {
  address: string;
  namespace: string;
  settings: TemporalSettings;
  /** The running process (a new one after each restart). */
  process(): SupervisedProcess;
  /** SIGTERM (its own shutdown), SIGKILL after the grace period. */
  stop(graceMs?: number): Promise<{ ms: number; code: number | null }>;
  /** SIGKILL: no shutdown at all. */
  kill(): Promise<void>;
  /** Starts it again on the same ports and configuration; resolves when the namespace is usable again. */
  restart(): Promise<void>;
}

export interface TemporalOptions {
  dir: string;
  postgres: Pick<RunningPostgres, 'url' | 'urlFor' | 'port'>;
  namespace: string;
  taskQueue: string;
  log: Log;
  /** Times each step under its name (runTopology's start-up figures). */
  timed?: <T>(what: string, fn: () => Promise<T>) => Promise<T>;
  tools?: TemporalTools;
}

/** Schemas set up (only what is missing), the server started, the namespace registered and visible. */
export async function startTopologyTemporal(o: TemporalOptions): Promise<TopologyTemporal> {
  const timed = o.timed ?? (<T>(_: string, fn: () => Promise<T>) => fn());
  const tools = o.tools ?? (await timed('Temporal server binaries', () => ensureTemporalServer(o.log)));
  const settings = topologySettings(o.dir, o.postgres.port);
  await timed('Temporal schemas (temporal-sql-tool)', async () => {
    await setupSchemas(tools, settings, o.postgres, o.log);
    recordShards(o.dir, settings);
  });
  const ports = await choosePorts();
  const configFile = writeServerConfig(o.dir, settings, ports);
  const address = `127.0.0.1:${ports.frontend}`;
  let server: SupervisedProcess | undefined;
  const withOutput = (err: unknown): never => {
    throw new Error(
      `${err instanceof Error ? err.message : String(err)}\n${server?.output().slice(-4000) ?? ''}`,
    );
  };
  const spawnServer = () => {
    server = superviseProcess({
      name: 'temporal-server',
      command: tools.server,
      args: ['--config-file', configFile, '--allow-no-auth', 'start'],
      env: process.env,
    });
    return server;
  };
  const running = () => {
    if (!server) throw new Error('the Temporal server has not started');
    return server;
  };

  const s = spawnServer();
  await timed('Temporal server', () =>
    waitForPort(ports.frontend, { what: 'Temporal server', timeoutMs: 180_000, alive: s.alive }).catch(
      withOutput,
    ),
  );
  await timed(`namespace "${o.namespace}"`, () =>
    registerNamespace(address, o.namespace, s.alive).catch(withOutput),
  );
  await timed('namespace visible to workflows', () =>
    waitNamespaceVisible(address, o.namespace, o.taskQueue),
  );

  return {
    address,
    namespace: o.namespace,
    settings,
    process: running,
    stop: (graceMs = 30_000) => running().stop(graceMs),
    kill: () => running().kill('SIGKILL'),
    async restart() {
      if (server?.alive()) throw new Error('the Temporal server is still running');
      const again = spawnServer();
      await waitForPort(ports.frontend, {
        what: 'Temporal server',
        timeoutMs: 180_000,
        alive: again.alive,
      }).catch(withOutput);
      await waitNamespaceVisible(address, o.namespace, o.taskQueue, 300_000).catch(withOutput);
    },
  };
}
