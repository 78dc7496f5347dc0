// The processes of a topology run: one-shot commands (a Go build, temporal-sql-tool) and long-running servers,
// stopped in the reverse order of their start, as docker compose stops a project.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { superviseProcess, type SupervisedProcess } from '../../apps/dev-stack/process.js';

export type Log = (msg: string) => void;

export const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Runs a command; every 15 s of silence says that it is still running, so a cold Go build never looks hung. */
export function runCommand(
  cmd: string,
  args: string[],
  o: { env?: NodeJS.ProcessEnv; cwd?: string; label: string; log: Log },
): Promise<string> {
  return new Promise((ok, fail) => {
    const child = spawn(cmd, args, {
      env: o.env ?? process.env,
      cwd: o.cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const keep = (chunk: Buffer) => {
      out = (out + chunk.toString()).slice(-20_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const started = Date.now();
    const beat = setInterval(
      () => o.log(`  … ${o.label} still running (${secs(Date.now() - started)})`),
      15_000,
    );
    child.on('error', (err) => {
      clearInterval(beat);
      fail(new Error(`${o.label}: ${err.message}`));
    });
    child.on('exit', (code) => {
      clearInterval(beat);
      if (code === 0) ok(out);
      else fail(new Error(`${o.label} exited with code ${code}\n${out.slice(-4000)}`));
    });
  });
}

/** Resident memory of a process (MiB), from /proc. */
export function rssMiB(pid: number | undefined): number | undefined {
  if (!pid) return undefined;
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : undefined;
  } catch {
    return undefined;
  }
}

type Entry = { process: SupervisedProcess } | { name: string; stop: () => Promise<unknown> };

export interface StopFigures {
  /** Milliseconds each process took to exit after SIGTERM. */
  stopMs: Record<string, number>;
  exitCodes: Record<string, number | null>;
}

/** What a run has started, last first: processes and other things to close (a pool, an embedded server). */
export class Supervisor {
  private readonly started: Entry[] = [];

  start(name: string, command: string, args: string[], env: NodeJS.ProcessEnv): SupervisedProcess {
    const child = superviseProcess({ name, command, args, env });
    this.started.push({ process: child });
    return child;
  }

  /**
   * Something to stop in its turn that is not a process started here (a pool, an embedded server, a server that
   * restarts itself); a stop that answers how long it took and the exit code counts in the figures.
   */
  add(name: string, stop: () => Promise<unknown>): void {
    this.started.push({ name, stop });
  }

  /** The names, in the order `stopAll` stops them. */
  stopOrder(): string[] {
    return [...this.started].reverse().map((e) => ('process' in e ? e.process.name : e.name));
  }

  /** SIGTERM to each process in turn (SIGKILL after the grace period), timed; closes the rest in between. */
  async stopAll(): Promise<StopFigures> {
    const figures: StopFigures = { stopMs: {}, exitCodes: {} };
    for (let entry = this.started.pop(); entry; entry = this.started.pop()) {
      if ('process' in entry) {
        const { ms, code } = await entry.process.stop();
        figures.stopMs[entry.process.name] = ms;
        figures.exitCodes[entry.process.name] = code;
      } else {
        const r = (await entry.stop()) as { ms?: unknown; code?: unknown } | undefined;
        if (r && typeof r.ms === 'number' && (typeof r.code === 'number' || r.code === null)) {
          figures.stopMs[entry.name] = r.ms;
          figures.exitCodes[entry.name] = r.code;
        }
      }
    }
    return figures;
  }

  /** After a failure: SIGKILL to every process left, then the rest closed, errors ignored. */
  async abort(): Promise<void> {
    for (let entry = this.started.pop(); entry; entry = this.started.pop()) {
      if ('process' in entry) await entry.process.kill();
      else await entry.stop().catch(() => {});
    }
  }
}
