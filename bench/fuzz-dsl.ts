// Long fuzz run of the plan language: FUZZ_INPUTS inputs (default 1,000,000) of mutated real plans and fixtures
// and random text, each checked for crashes, unpositioned diagnostics and formatter round trips; an input that
// takes longer than FUZZ_HANG_MS counts as a hang. Deterministic for a given FUZZ_SEED. Prints JSON; exits 1 on
// any finding and writes the findings to FUZZ_OUT (default fuzz-findings.json).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FRAGMENTS, fuzzProblem, mutate, type Op } from '../test/dsl/fuzz-core.js';

const INPUTS = Number(process.env.FUZZ_INPUTS ?? 1_000_000);
const SEED = Number(process.env.FUZZ_SEED ?? 20270101);
const HANG_MS = Number(process.env.FUZZ_HANG_MS ?? 2_000);
const OUT = process.env.FUZZ_OUT ?? 'fuzz-findings.json';

/** mulberry32: small, fast, seeded. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.dondoc'))
    .map((f) => join(dir, f));
}

// Seeds are cut into chunks of at most 80 lines so that one input stays small and the run covers many shapes.
const seeds = [...files('test/fixtures/dsl'), ...files('plans')].flatMap((f) => {
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

const random = rng(SEED);
const int = (n: number) => Math.floor(random() * n);
const findings: { input: string; problem: string }[] = [];
let maxMs = 0;
let slowest = '';
let totalBytes = 0;
const started = performance.now();
for (let i = 0; i < INPUTS; i++) {
  let input: string;
  if (i % 10 === 9) {
    // random text from a hostile alphabet
    const parts: string[] = [];
    for (let k = int(60); k > 0; k--) parts.push(ALPHABET[int(ALPHABET.length)]!);
    input = parts.join('');
  } else {
    const ops: Op[] = [];
    for (let k = 1 + int(6); k > 0; k--) {
      ops.push({
        kind: KINDS[int(KINDS.length)]!,
        at: int(1 << 20),
        len: 1 + int(12),
        frag: int(FRAGMENTS.length),
      });
    }
    input = mutate(seeds[int(seeds.length)]!, ops);
  }
  totalBytes += input.length;
  const t = performance.now();
  const problem = fuzzProblem(input);
  const ms = performance.now() - t;
  if (ms > maxMs) {
    maxMs = ms;
    slowest = input;
  }
  if (problem) findings.push({ input, problem });
  else if (ms > HANG_MS) findings.push({ input, problem: `hang: ${Math.round(ms)} ms` });
  if (findings.length >= 20) break;
  if (process.stderr.isTTY && i % 10_000 === 0) process.stderr.write(`\r${i.toLocaleString('en')} inputs…`);
}
const seconds = (performance.now() - started) / 1000;
if (findings.length) writeFileSync(OUT, JSON.stringify(findings, null, 2));
console.log(
  JSON.stringify(
    {
      bench: 'fuzz-dsl',
      seed: SEED,
      inputs: INPUTS,
      seeds: seeds.length,
      seconds: +seconds.toFixed(1),
      inputsPerSecond: Math.round(INPUTS / seconds),
      meanInputChars: Math.round(totalBytes / INPUTS),
      maxMsPerInput: +maxMs.toFixed(1),
      slowestInputChars: slowest.length,
      findings: findings.length,
      findingsFile: findings.length ? OUT : null,
    },
    null,
    2,
  ),
);
process.exitCode = findings.length ? 1 : 0;
