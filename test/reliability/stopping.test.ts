import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, portOpen } from '../../apps/dev-stack/net.js';

// Issue 18, defect 7: `npm start` run in the background stops everything it started on SIGINT or SIGTERM — the
// embedded PostgreSQL, the Temporal dev server, the mail catcher, the worker and the API — and frees their ports.
// Started as a shell starts a background job (`… &`), which runs it with SIGINT ignored, the way the defect showed.
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Every process below `root` (children, grandchildren…), from the process table. */
function descendants(root: number): number[] {
  const table = execFileSync('ps', ['-e', '-o', 'pid=,ppid='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((l) => l.trim().split(/\s+/).map(Number) as [number, number]);
  const out: number[] = [];
  const walk = (pid: number) => {
    for (const [child, parent] of table)
      if (parent === pid) {
        out.push(child);
        walk(child);
      }
  };
  walk(root);
  return out;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    // A zombie has exited; it only waits for its parent to read its status.
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.startsWith('Z');
  } catch {
    return false;
  }
};

async function until(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('stopping `npm start`', () => {
  // `npm start` runs the set-up first (its prestart: a build), so its start-up takes minutes on a busy machine.
  it.each([
    ['SIGINT', 'npm start'],
    ['SIGTERM', 'dondoc dev'],
  ] as const)(
    '%s to %s stops every process it started and frees the ports',
    { timeout: 600_000 },
    async (signal, how) => {
      const state = mkdtempSync(join(tmpdir(), 'dondoc-stop-'));
      // As root, the embedded PostgreSQL runs as its own user, which must reach its data folder.
      chmodSync(state, 0o755);
      dirs.push(state);
      const ports = {
        api: await freePort(),
        temporal: await freePort(),
        ui: await freePort(),
        pg: await freePort(),
      };
      const args = `--api-port ${ports.api} --temporal-port ${ports.temporal} --ui-port ${ports.ui} --pg-port ${ports.pg} --no-example`;
      const command = how === 'npm start' ? `npm start -- ${args}` : `node dist/apps/cli/main.js dev ${args}`;
      const log = join(state, 'out.log');
      // A background job of a non-interactive shell: its pid on the first line, then the shell waits.
      const shell = spawn('sh', ['-c', `${command} > ${log} 2>&1 & echo $!; wait`], {
        env: { ...process.env, DONDOC_STATE_DIR: state, LOG_LEVEL: 'warn' },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const pid = await new Promise<number>((ok) =>
        shell.stdout!.once('data', (d: Buffer) => ok(Number(String(d).trim()))),
      );
      const shellExited = new Promise<void>((ok) => shell.once('exit', () => ok()));
      await until(
        'the stack to be ready',
        // The shell creates the log after it prints the job's pid: not there yet is not ready yet.
        () => existsSync(log) && readFileSync(log, 'utf8').includes('Đôn Đốc đang chạy'),
        450_000,
      );
      const started = descendants(pid);
      // npm, the CLI, PostgreSQL (several processes), the Temporal server, the worker and the API.
      expect(started.length, readFileSync(log, 'utf8')).toBeGreaterThanOrEqual(how === 'npm start' ? 6 : 5);
      for (const port of Object.values(ports).filter((p) => p !== ports.ui))
        expect(await portOpen(port)).toBe(true);

      process.kill(pid, signal);
      await until('every process to stop', () => ![pid, ...started].some(alive), 120_000);
      await shellExited;
      for (const port of Object.values(ports)) expect(await portOpen(port), `port ${port}`).toBe(false);
      expect(readFileSync(log, 'utf8')).toContain('stopped cleanly');
    },
  );
});
