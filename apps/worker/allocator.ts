import { existsSync, readFileSync } from 'node:fs';

// The worker runs with jemalloc preloaded when the system has it. With glibc's malloc a worker kept memory that the
// SDK's native core had already freed, several times what it uses (docs/benchmarks.md, worker memory); jemalloc
// gives it back. Launchers (`dondoc dev`, the topology script, the image) start the worker through here.

/**
 * Where distributions put libjemalloc.so.2 (Debian/Ubuntu multiarch, Fedora/RHEL, Alpine, local builds).
 * scripts/setup.mjs repeats this list (it runs before the build); change both.
 */
const LIBRARY_DIRS = [
  '/usr/local/lib',
  '/usr/lib/x86_64-linux-gnu',
  '/usr/lib/aarch64-linux-gnu',
  '/usr/lib64',
  '/usr/lib',
];
const LIBRARY = 'libjemalloc.so.2';

export type Allocator = 'jemalloc' | 'system';

/** JEMALLOC_PATH if set, else the first libjemalloc.so.2 found in the usual places (Linux only). */
export function jemallocPath(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.JEMALLOC_PATH) return existsSync(env.JEMALLOC_PATH) ? env.JEMALLOC_PATH : undefined;
  if (process.platform !== 'linux') return undefined;
  return LIBRARY_DIRS.map((dir) => `${dir}/${LIBRARY}`).find((path) => existsSync(path));
}

/**
 * The environment for a worker process: `env` with jemalloc added to LD_PRELOAD, unless WORKER_MALLOC=system
 * asks for the system allocator, it is preloaded already, or the system has no jemalloc.
 */
export function workerProcessEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  if (env.WORKER_MALLOC === 'system') return env;
  if (/libjemalloc/.test(env.LD_PRELOAD ?? '')) return env;
  const path = jemallocPath(env);
  if (!path) return env;
  return { ...env, LD_PRELOAD: env.LD_PRELOAD ? `${path}:${env.LD_PRELOAD}` : path };
}

/** The allocator this process runs with, from its memory map (jemalloc only when preloaded). */
export function allocatorInUse(): Allocator {
  try {
    return /libjemalloc/.test(readFileSync('/proc/self/maps', 'utf8')) ? 'jemalloc' : 'system';
  } catch {
    return 'system';
  }
}
