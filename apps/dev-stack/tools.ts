import { existsSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { cacheDir } from '../config/env.js';

// Same versions and cache layout as scripts/setup.mjs, which installs them.
export const TEMPORAL_CLI_VERSION = '1.5.1';
export const TEST_SERVER_VERSION = '1.38.0';

function which(cmd: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, cmd);
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

/** An explicit variable wins, then PATH, then the set-up cache; undefined means "let the SDK download it". */
function locate(envVar: string, command: string, cached: string): string | undefined {
  const explicit = process.env[envVar];
  if (explicit) {
    if (!existsSync(explicit)) throw new Error(`${envVar}=${explicit} does not exist`);
    return explicit;
  }
  return which(command) ?? (existsSync(cached) ? cached : undefined);
}

export function temporalCliPath(): string | undefined {
  return locate(
    'TEMPORAL_CLI_PATH',
    'temporal',
    join(cacheDir(), 'tools', `temporal-cli-${TEMPORAL_CLI_VERSION}`, 'temporal'),
  );
}

export function temporalTestServerPath(): string | undefined {
  return locate(
    'TEMPORAL_TEST_SERVER_PATH',
    'temporal-test-server',
    join(cacheDir(), 'tools', `temporal-test-server-${TEST_SERVER_VERSION}`, 'temporal-test-server'),
  );
}
