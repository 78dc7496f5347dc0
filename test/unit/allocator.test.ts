import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jemallocPath, workerProcessEnv } from '../../apps/worker/allocator.js';

const fakeLibrary = () => {
  const path = join(mkdtempSync(join(tmpdir(), 'dondoc-alloc-')), 'libjemalloc.so.2');
  writeFileSync(path, '');
  return path;
};

describe('the worker process allocator', () => {
  it('preloads the library JEMALLOC_PATH names, before anything already preloaded', () => {
    const lib = fakeLibrary();
    expect(workerProcessEnv({ JEMALLOC_PATH: lib }).LD_PRELOAD).toBe(lib);
    expect(workerProcessEnv({ JEMALLOC_PATH: lib, LD_PRELOAD: '/opt/other.so' }).LD_PRELOAD).toBe(
      `${lib}:/opt/other.so`,
    );
  });

  it('leaves the environment alone when asked for the system allocator, already preloaded, or missing', () => {
    const lib = fakeLibrary();
    expect(workerProcessEnv({ JEMALLOC_PATH: lib, WORKER_MALLOC: 'system' }).LD_PRELOAD).toBeUndefined();
    const preloaded = { JEMALLOC_PATH: lib, LD_PRELOAD: '/usr/lib/libjemalloc.so.2' };
    expect(workerProcessEnv(preloaded)).toBe(preloaded);
    expect(workerProcessEnv({ JEMALLOC_PATH: '/nonexistent/libjemalloc.so.2' }).LD_PRELOAD).toBeUndefined();
  });

  it.runIf(jemallocPath())('a process started with it runs on jemalloc', () => {
    const probe = `import('${new URL('../../apps/worker/allocator.ts', import.meta.url).pathname}')`;
    const run = (env: NodeJS.ProcessEnv) =>
      spawnSync(
        process.execPath,
        [
          '--experimental-strip-types',
          '--no-warnings',
          '-e',
          `${probe}.then((m) => console.log(m.allocatorInUse()))`,
        ],
        { env, encoding: 'utf8' },
      ).stdout.trim();
    const { LD_PRELOAD: _, ...env } = process.env;
    expect(run(workerProcessEnv(env))).toBe('jemalloc');
    expect(run({ ...env, WORKER_MALLOC: 'system' })).toBe('system');
  });
});
