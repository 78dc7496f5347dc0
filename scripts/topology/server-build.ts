// The real Temporal server and its SQL tool, built from go.temporal.io/server with `go install` into the tools
// cache (as scripts/setup.mjs builds the CLI): GOPATH, GOMODCACHE and GOCACHE there too, so that a second run
// finds everything and builds nothing.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDir } from '../../apps/config/env.js';
import { runCommand, secs, type Log } from './supervisor.js';

export const TEMPORAL_SERVER_VERSION = '1.31.2';

export interface TemporalTools {
  server: string;
  sqlTool: string;
  /** schema/postgresql/v12 of the server module (the SQL tool's versioned schemas). */
  schemaDir: string;
}

export async function ensureTemporalServer(log: Log): Promise<TemporalTools> {
  const cache = cacheDir();
  const bin = join(cache, 'tools', `temporal-server-${TEMPORAL_SERVER_VERSION}`);
  const modCache = join(cache, 'go', 'pkg', 'mod');
  const tools: TemporalTools = {
    server: join(bin, 'server'),
    sqlTool: join(bin, 'sql'),
    schemaDir: join(modCache, `go.temporal.io/server@v${TEMPORAL_SERVER_VERSION}`, 'schema/postgresql/v12'),
  };
  if (existsSync(tools.server) && existsSync(tools.sqlTool) && existsSync(tools.schemaDir)) {
    log(`Temporal server ${TEMPORAL_SERVER_VERSION}: cached in ${bin}`);
    return tools;
  }
  log(
    `Temporal server ${TEMPORAL_SERVER_VERSION} and temporal-sql-tool: building with Go into ${bin} ` +
      '(first time only; it takes many minutes)',
  );
  const started = Date.now();
  mkdirSync(bin, { recursive: true });
  await runCommand(
    'go',
    [
      'install',
      `go.temporal.io/server/cmd/server@v${TEMPORAL_SERVER_VERSION}`,
      `go.temporal.io/server/cmd/tools/sql@v${TEMPORAL_SERVER_VERSION}`,
    ],
    {
      env: {
        ...process.env,
        GOPATH: join(cache, 'go'),
        GOMODCACHE: modCache,
        GOCACHE: join(cache, 'go-build'),
        GOBIN: bin,
        CGO_ENABLED: '0',
        GOFLAGS: '-buildvcs=false',
      },
      cwd: cache,
      label: 'go install go.temporal.io/server',
      log,
    },
  ).catch((err: unknown) => {
    const msg = err instanceof Error ? err.message : String(err);
    throw new Error(
      /ENOENT/.test(msg) ? 'Go is not installed: install Go 1.24+ (the module proxy must be reachable)' : msg,
    );
  });
  for (const p of [tools.server, tools.sqlTool, tools.schemaDir])
    if (!existsSync(p)) throw new Error(`go install finished but ${p} is missing`);
  log(`Temporal server built in ${secs(Date.now() - started)}`);
  return tools;
}
