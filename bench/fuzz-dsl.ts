// Long fuzz run of the plan language: FUZZ_INPUTS inputs (default 1,000,000) of mutated real plans and fixtures
// and random text, each checked for crashes, unpositioned diagnostics and formatter round trips.
//
// The inputs are checked in a worker thread under a watchdog: an input slower than FUZZ_HANG_MS (default 2 s)
// is reported as slow; one still running after FUZZ_TIMEOUT_MS (default 30 s) is a hang: the watchdog ends the
// worker, records the input and starts a new worker at the next input. A worker that dies (out of memory, a
// native crash) is recorded the same way. FUZZ_WORKERS (default 1) splits the inputs into that many ranges
// checked side by side. The run is deterministic for a given FUZZ_SEED whatever the number of workers: input
// number i is generated from a generator seeded with (FUZZ_SEED, i), so the watchdog can reproduce the input
// it stopped. Prints JSON (progress lines on stderr every FUZZ_PROGRESS inputs); exits 1 on any finding and
// writes the findings to FUZZ_OUT (default fuzz-findings.json). Inputs FUZZ_FROM (default 0) to FUZZ_INPUTS are
// checked, so a run stopped with Ctrl-C (which prints the figures so far) can be continued.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { FRAGMENTS, fuzzProblem, mutate, type Op } from '../test/dsl/fuzz-core.js';

const INPUTS = Number(process.env.FUZZ_INPUTS ?? 1_000_000);
/** The first input's number: a stopped run goes on where it stopped (inputs depend only on seed and number). */
const FROM = Math.max(0, Number(process.env.FUZZ_FROM ?? 0));
const SEED = Number(process.env.FUZZ_SEED ?? 20270101);
const HANG_MS = Number(process.env.FUZZ_HANG_MS ?? 2_000);
const TIMEOUT_MS = Number(process.env.FUZZ_TIMEOUT_MS ?? 30_000);
const WORKERS = Math.max(1, Number(process.env.FUZZ_WORKERS ?? 1));
const PROGRESS = Number(process.env.FUZZ_PROGRESS ?? 100_000);
const OUT = process.env.FUZZ_OUT ?? 'fuzz-findings.json';
/** Findings kept in the file (all are counted). */
const KEEP = 50;

/** mulberry32: small, fast, seeded; its whole state is one 32-bit number. */
class Rng {
  constructor(public state: number) {
    this.state = state >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
}

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.dondoc'))
    .map((f) => join(dir, f));
}

// Seeds are cut into chunks of at most 80 lines so that one input stays small and the run covers many shapes.
const seeds = [...files('test/fixtures/dsl'), ...files('plans')].sort().flatMap((f) => {
  const lines = readFileSync(f, 'utf8').split('\n');
  const chunks: string[] = [];
  for (let i = 0; i < lines.length; i += 80) chunks.push(lines.slice(i, i + 80).join('\n'));
  return chunks;
});
const KINDS: Op['kind'][] = ['insert', 'delete', 'replace', 'swapLines', 'dupLine'];
const ALPHABET = [
  ...FRAGMENTS,
  'a',
  'đ',
  'ư',
  'ờ',
  '1',
  '0',
  '.',
  '-',
  '_',
  '(',
  '\\',
  '”',
  '\u200b',
  '\ud800',
  '😀',
];

/** The generator of input number i: its own seed, mixed from the run's seed and i (splitmix32 finaliser). */
function inputRng(i: number): Rng {
  let z = (SEED + Math.imul(i + 1, 0x9e3779b9)) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return new Rng((z ^ (z >>> 16)) >>> 0);
}

/** Input number i of the run. */
function generate(i: number): string {
  const random = inputRng(i);
  if (i % 10 === 9) {
    // random text from a hostile alphabet
    const parts: string[] = [];
    for (let k = random.int(60); k > 0; k--) parts.push(ALPHABET[random.int(ALPHABET.length)]!);
    return parts.join('');
  }
  const ops: Op[] = [];
  for (let k = 1 + random.int(6); k > 0; k--) {
    ops.push({
      kind: KINDS[random.int(KINDS.length)]!,
      at: random.int(1 << 20),
      len: 1 + random.int(12),
      frag: random.int(FRAGMENTS.length),
    });
  }
  return mutate(seeds[random.int(seeds.length)]!, ops);
}

type Kind = 'crash' | 'problem' | 'slow' | 'hang' | 'worker_died';
interface Finding {
  index: number;
  kind: Kind;
  problem: string;
  input: string;
}
interface Stats {
  done: number;
  chars: number;
  maxMs: number;
  slowestIndex: number;
  slowestChars: number;
  over100ms: number;
}
type Message = { type: 'finding'; finding: Finding } | { type: 'stats' | 'end'; stats: Stats };

const emptyStats = (): Stats => ({
  done: 0,
  chars: 0,
  maxMs: 0,
  slowestIndex: -1,
  slowestChars: 0,
  over100ms: 0,
});

/** Shared with the watchdog: [index of the input being checked, 1 while checking it]; [when it began]. */
const SLOT_INDEX = 0;
const SLOT_BUSY = 1;

function runWorker(): void {
  const { from, to, shared, startedAt } = workerData as {
    from: number;
    to: number;
    shared: SharedArrayBuffer;
    startedAt: SharedArrayBuffer;
  };
  const slots = new Int32Array(shared);
  const clock = new Float64Array(startedAt);
  const stats = emptyStats();
  const post = (m: Message) => parentPort!.postMessage(m);
  for (let i = from; i < to; i++) {
    Atomics.store(slots, SLOT_INDEX, i);
    const input = generate(i);
    clock[0] = Date.now();
    Atomics.store(slots, SLOT_BUSY, 1);
    const t = performance.now();
    const problem = fuzzProblem(input);
    const ms = performance.now() - t;
    Atomics.store(slots, SLOT_BUSY, 0);
    stats.done++;
    stats.chars += input.length;
    if (ms > stats.maxMs) {
      stats.maxMs = ms;
      stats.slowestIndex = i;
      stats.slowestChars = input.length;
    }
    if (ms > 100) stats.over100ms++;
    if (problem) {
      const kind = problem.startsWith('crash:') ? 'crash' : 'problem';
      post({ type: 'finding', finding: { index: i, kind, problem, input } });
    } else if (ms > HANG_MS)
      post({
        type: 'finding',
        finding: { index: i, kind: 'slow', problem: `slow: ${Math.round(ms)} ms`, input },
      });
    if (stats.done % 500 === 0) post({ type: 'stats', stats: { ...stats } });
  }
  post({ type: 'end', stats });
}

const findings: Finding[] = [];
const counts: Record<Kind, number> = { crash: 0, problem: 0, slow: 0, hang: 0, worker_died: 0 };
let workers = 0;

function record(f: Finding): void {
  counts[f.kind]++;
  if (findings.length < KEEP) findings.push(f);
}

/** Checks inputs [from, to) in a worker thread, replacing the worker after a hang or a death. */
async function runShard(from: number, to: number, onStats: (shard: Stats) => void): Promise<Stats> {
  const shared = new SharedArrayBuffer(2 * 4);
  const startedAt = new SharedArrayBuffer(8);
  const slots = new Int32Array(shared);
  const clock = new Float64Array(startedAt);
  const total = emptyStats();
  while (from < to) {
    workers++;
    Atomics.store(slots, SLOT_INDEX, from);
    Atomics.store(slots, SLOT_BUSY, 0);
    const base = { ...total };
    const worker = new Worker(new URL(import.meta.url), {
      workerData: { from, to, shared, startedAt },
      resourceLimits: { maxOldGenerationSizeMb: 1024 },
    });
    let last = emptyStats();
    const merge = (s: Stats) => {
      last = s;
      total.done = base.done + s.done;
      total.chars = base.chars + s.chars;
      total.over100ms = base.over100ms + s.over100ms;
      if (s.maxMs > base.maxMs) {
        total.maxMs = s.maxMs;
        total.slowestIndex = s.slowestIndex;
        total.slowestChars = s.slowestChars;
      }
      onStats(total);
    };
    const outcome = await new Promise<'end' | 'hang' | 'died'>((resolve) => {
      let settled = false;
      const settle = (o: 'end' | 'hang' | 'died') => {
        if (settled) return;
        settled = true;
        clearInterval(timer);
        resolve(o);
      };
      worker.on('message', (m: Message) => {
        if (m.type === 'finding') record(m.finding);
        else merge(m.stats);
        if (m.type === 'end') settle('end');
      });
      worker.on('error', () => settle('died'));
      worker.on('exit', () => settle('died'));
      const timer = setInterval(() => {
        if (Atomics.load(slots, SLOT_BUSY) === 1 && Date.now() - clock[0]! > TIMEOUT_MS) settle('hang');
      }, 250);
    });
    await worker.terminate();
    if (outcome === 'end') break;
    // Stopped or dead in the middle of an input: record it, count the inputs up to it, go on after it.
    const index = Atomics.load(slots, SLOT_INDEX);
    const input = generate(index);
    record({
      index,
      kind: outcome === 'hang' ? 'hang' : 'worker_died',
      problem: outcome === 'hang' ? `hang: still running after ${TIMEOUT_MS} ms` : 'the worker died',
      input,
    });
    merge({ ...last, done: index - from + 1, chars: last.chars + input.length });
    from = index + 1;
  }
  return total;
}

async function runWatchdog(): Promise<void> {
  const started = performance.now();
  const shards = Array.from({ length: WORKERS }, (_, k) => [
    FROM + Math.floor(((INPUTS - FROM) * k) / WORKERS),
    FROM + Math.floor(((INPUTS - FROM) * (k + 1)) / WORKERS),
  ]);
  /** What each range has checked so far. */
  const live = shards.map(() => emptyStats());
  let nextProgress = PROGRESS;

  /** The figures so far as JSON on stdout, the findings in OUT; `partial` when the run was stopped. */
  const summary = (partial: boolean) => {
    const total = emptyStats();
    for (const r of live) {
      total.done += r.done;
      total.chars += r.chars;
      total.over100ms += r.over100ms;
      if (r.maxMs > total.maxMs)
        Object.assign(total, { maxMs: r.maxMs, slowestIndex: r.slowestIndex, slowestChars: r.slowestChars });
    }
    const seconds = (performance.now() - started) / 1000;
    const found = Object.values(counts).reduce((a, b) => a + b, 0);
    if (found) writeFileSync(OUT, JSON.stringify(findings, null, 2));
    console.log(
      JSON.stringify(
        {
          bench: 'fuzz-dsl',
          seed: SEED,
          range: [FROM, INPUTS],
          partial,
          inputs: total.done,
          seeds: seeds.length,
          threads: WORKERS,
          seconds: +seconds.toFixed(1),
          inputsPerSecond: Math.round(total.done / seconds),
          meanInputChars: Math.round(total.chars / Math.max(1, total.done)),
          maxMsPerInput: +total.maxMs.toFixed(1),
          slowestInput: total.slowestIndex,
          slowestInputChars: total.slowestChars,
          inputsOver100ms: total.over100ms,
          slowLimitMs: HANG_MS,
          hangLimitMs: TIMEOUT_MS,
          workersStarted: workers,
          ...counts,
          findings: found,
          findingsFile: found ? OUT : null,
        },
        null,
        2,
      ),
    );
    return found;
  };
  // Stopped by hand: say what was checked (a later run can go on with FUZZ_FROM).
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => {
      summary(true);
      process.exit(130);
    });

  await Promise.all(
    shards.map(([from, to], k) =>
      runShard(from!, to!, (s) => {
        live[k] = { ...s };
        const done = live.reduce((a, b) => a + b.done, 0);
        if (done < nextProgress) return;
        nextProgress = (Math.floor(done / PROGRESS) + 1) * PROGRESS;
        const seconds = Math.round((performance.now() - started) / 1000);
        process.stderr.write(`${JSON.stringify({ progress: FROM + done, seconds, ...counts })}\n`);
      }),
    ),
  );
  process.exitCode = summary(false) ? 1 : 0;
}

if (isMainThread) await runWatchdog();
else runWorker();
