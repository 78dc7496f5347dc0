import { spawn, type ChildProcess } from 'node:child_process';

/** Whether a process of that id exists (signal 0 checks without sending anything). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** SIGTERM, then SIGKILL after a grace period; resolves when the process is gone. */
export function stopChild(child: ChildProcess, graceMs = 10_000): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * A child process whose output is kept (its latest chunks, stdout and stderr as they came), so that a caller can
 * wait for the line that says it is serving and show what it said when it fails.
 */
export interface SupervisedProcess {
  readonly name: string;
  readonly child: ChildProcess;
  /** The kept output, as one text. */
  output(): string;
  alive(): boolean;
  /** Settles when the process has exited. */
  readonly exited: Promise<void>;
  /** Resolves once the output contains `text`; rejects with the output if the process exits first or time runs out. */
  waitFor(text: string, timeoutMs?: number): Promise<void>;
  /** SIGTERM, SIGKILL after the grace period: how long the process took to exit, and its exit code. */
  stop(graceMs?: number): Promise<{ ms: number; code: number | null }>;
  /** Sends a signal (SIGKILL unless told) and waits for the exit. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export interface SuperviseOptions {
  name: string;
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  /** Output chunks kept (default 300). */
  keep?: number;
}

export function superviseProcess(o: SuperviseOptions): SupervisedProcess {
  const child = spawn(o.command, o.args, { env: o.env, stdio: ['ignore', 'pipe', 'pipe'] });
  const chunks: string[] = [];
  const keep = o.keep ?? 300;
  const waiters = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    chunks.push(chunk.toString());
    if (chunks.length > keep) chunks.splice(0, chunks.length - keep);
    for (const w of waiters) w();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  let spawnError: Error | undefined;
  const exited = new Promise<void>((done) => {
    child.once('exit', () => done());
    // A command that cannot start (missing, not executable) emits 'error' and no 'exit'.
    child.once('error', (err) => {
      spawnError = err;
      onData(Buffer.from(`${o.name}: ${err.message}\n`));
      done();
    });
  });
  const alive = () => !spawnError && child.exitCode === null && child.signalCode === null;
  const output = () => chunks.join('');
  return {
    name: o.name,
    child,
    output,
    alive,
    exited,
    waitFor(text, timeoutMs = 120_000) {
      return new Promise<void>((ok, fail) => {
        let settled = false;
        const settle = (err?: Error) => {
          if (settled) return;
          settled = true;
          waiters.delete(check);
          clearTimeout(timer);
          if (err) fail(err);
          else ok();
        };
        const check = () => {
          if (output().includes(text)) settle();
        };
        const timer = setTimeout(
          () =>
            settle(new Error(`${o.name} did not say "${text}" within ${timeoutMs / 1000} s:\n${output()}`)),
          timeoutMs,
        );
        waiters.add(check);
        check();
        void exited.then(() => {
          check();
          const how = spawnError ? 'could not start' : `exited (${child.exitCode ?? child.signalCode})`;
          settle(new Error(`${o.name} ${how} before it said "${text}":\n${output()}`));
        });
      });
    },
    async stop(graceMs = 30_000) {
      if (!alive()) return { ms: 0, code: child.exitCode };
      const started = Date.now();
      await stopChild(child, graceMs);
      return { ms: Date.now() - started, code: child.exitCode };
    },
    async kill(signal = 'SIGKILL') {
      if (alive()) child.kill(signal);
      await exited;
    },
  };
}
