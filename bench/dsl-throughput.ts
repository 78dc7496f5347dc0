// Plan-language throughput on generated plans of 1k, 10k and 100k tasks, against baselines measured in the same
// run (issue 17's targets), in CPU time (see best()); editor latency in wall time. Prints JSON.
//   check:   lex + parse + AST + resolve + validate, bytes of plan text per second, against Chevrotain's own JSON
//            grammar (embedded actions, same Chevrotain version, bench/json-grammar.ts) on a JSON document of the
//            same size as the plan text. Target ≥ 0.25.
//   compile: bytes of IR per second, against the output bound: JSON.stringify + sha256 of the IR it produced.
//            Target ≥ 0.6.
//   scaling: ns per plan byte (check + compile) at the largest size ÷ at the smallest. Target ≤ 1.3.
//   memory:  the process's peak resident set after the largest size, and the V8 heap (used and committed) at the
//            end of each stage of the largest size, the highest kept.
//   editor:  the province example plan checked through the API's plan-language thread, p50/p95 over 50 edits, beside
//            a bare checkPlan of the same texts in the same process.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getHeapStatistics } from 'node:v8';
import { compilePlan } from '../dsl/compile/compile.js';
import { checkPlan, hasErrors } from '../dsl/index.js';
import { buildPlan, PAR_AREAS } from '../apps/dev-stack/plan-builder.js';
import { PlanLanguage } from '../apps/api/plans/plan-language.js';
import { projectPath } from '../apps/config/project.js';
import { jsonDocumentOfSize, parseJsonWithChevrotain } from './json-grammar.js';

const SIZES = (process.env.BENCH_SIZES ?? '1000,10000,100000').split(',').map(Number);
const WARM_UP = Number(process.env.BENCH_WARM_UP ?? 5);
const EDITS = Number(process.env.BENCH_EDITS ?? 50);
const TARGET = { checkToChevrotainJson: 0.25, compileToOutputBound: 0.6, nsPerByteLargestOverSmallest: 1.3 };

/**
 * A province-sized plan: 20 departments, 100 communes, tasks spread over the six areas, each with a coordinating
 * unit and a PAR-index criterion, under a policy with a weekly digest: every construct a real plan repeats.
 */
const throughputPlan = (tasks: number): string =>
  buildPlan({
    tasks,
    title: 'Kế hoạch CCHC năm 2027 (sinh tự động)',
    areas: PAR_AREAS,
    weeklyDigest: true,
    coordinator: true,
    criterion: true,
  });

/**
 * The best of `runs` runs, in milliseconds of this process's CPU time (user + system, garbage collection threads
 * included): on a shared machine wall time mostly measures the neighbours, CPU time the work. Every figure and its
 * baseline are measured the same way.
 */
function best(runs: number, fn: () => void): number {
  let min = Infinity;
  for (let i = 0; i < runs; i++) {
    const start = process.cpuUsage();
    fn();
    const used = process.cpuUsage(start);
    min = Math.min(min, (used.user + used.system) / 1000);
  }
  return min;
}

const round = (x: number, digits = 3) => +x.toFixed(digits);

/**
 * Warm-up: the smallest size's check, compile and JSON baseline run WARM_UP times before anything is measured, so that
 * every figure is a steady-state throughput. Without it the first size mostly measures the JIT compiling the plan
 * language's much larger code (lexer, parser, resolver, validator, compiler) against the JSON grammar's hundred lines.
 */
{
  const text = throughputPlan(SIZES[0]!);
  const sources = new Map([['plan.dondoc', text]]);
  const json = jsonDocumentOfSize(Buffer.byteLength(text));
  for (let i = 0; i < WARM_UP; i++) {
    const { model } = checkPlan(sources, 'plan.dondoc');
    compilePlan(model);
    parseJsonWithChevrotain(json);
  }
}

/** The V8 heap at the end of each stage of the largest size: the highest used and committed sizes. */
const heap = { usedMB: 0, committedMB: 0 };
const sampleHeap = () => {
  const h = getHeapStatistics();
  heap.usedMB = Math.max(heap.usedMB, Math.round(h.used_heap_size / 2 ** 20));
  heap.committedMB = Math.max(heap.committedMB, Math.round(h.total_heap_size / 2 ** 20));
};

const results = [];
for (const size of SIZES) {
  const largest = size === Math.max(...SIZES);
  const text = throughputPlan(size);
  const bytes = Buffer.byteLength(text);
  const runs = size >= 100_000 ? 1 : 3;
  const sources = new Map([['plan.dondoc', text]]);
  let checked = checkPlan(sources, 'plan.dondoc');
  if (hasErrors(checked.diagnostics))
    throw new Error(`generated plan has errors: ${checked.diagnostics[0]?.message.en}`);
  const checkMs = best(runs, () => {
    checked = checkPlan(sources, 'plan.dondoc');
  });
  if (largest) sampleHeap();
  const json = jsonDocumentOfSize(bytes);
  const jsonBytes = Buffer.byteLength(json);
  const chevrotainJsonMs = best(runs, () => parseJsonWithChevrotain(json));

  let ir = compilePlan(checked.model);
  const compileMs = best(runs, () => {
    ir = compilePlan(checked.model);
  });
  if (largest) sampleHeap();
  let irBytes = 0;
  const outputBoundMs = best(runs, () => {
    const s = JSON.stringify(ir);
    irBytes = Buffer.byteLength(s);
    createHash('sha256').update(s).digest('hex');
  });
  if (largest) sampleHeap();

  const checkBps = bytes / (checkMs / 1000);
  const jsonBps = jsonBytes / (chevrotainJsonMs / 1000);
  const compileBps = irBytes / (compileMs / 1000);
  const boundBps = irBytes / (outputBoundMs / 1000);
  results.push({
    tasks: size,
    assignments: ir.assignments.length,
    planBytes: bytes,
    jsonBytes,
    irBytes,
    checkMs: Math.round(checkMs),
    chevrotainJsonMs: Math.round(chevrotainJsonMs),
    compileMs: Math.round(compileMs),
    outputBoundMs: Math.round(outputBoundMs),
    checkMBps: round(checkBps / 1e6, 2),
    chevrotainJsonMBps: round(jsonBps / 1e6, 2),
    compileIrMBps: round(compileBps / 1e6, 2),
    outputBoundMBps: round(boundBps / 1e6, 2),
    checkToChevrotainJson: round(checkBps / jsonBps),
    compileToOutputBound: round(compileBps / boundBps),
    nsPerPlanByte: round(((checkMs + compileMs) * 1e6) / bytes, 1),
  });
}
const peakRssMB = Math.round(process.resourceUsage().maxRSS / 1024);

// Editor latency: the province example, each edit a changed task title, through the API's worker thread.
const dir = projectPath('plans/tinh-dak-lak-2027');
const files = Object.fromEntries(
  readdirSync(dir)
    .filter((f) => f.endsWith('.dondoc'))
    .map((f) => [f, readFileSync(join(dir, f), 'utf8')]),
);
const edits = Array.from({ length: EDITS }, (_, i) => ({
  entry: 'ke-hoach.dondoc',
  files: { ...files, 'ke-hoach.dondoc': files['ke-hoach.dondoc']!.replace(/"([^"]*)"/, `"$1 ${i}"`) },
}));
const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!, 1);
};
const language = new PlanLanguage();
const threaded: number[] = [];
const bare: number[] = [];
try {
  await language.run({ op: 'check', sources: edits[0]! }); // starts the thread
  for (const sources of edits) {
    let t = performance.now();
    const r = await language.run({ op: 'check', sources });
    threaded.push(performance.now() - t);
    if (hasErrors(r.diagnostics)) throw new Error('the example plan has errors');
    t = performance.now();
    checkPlan(new Map(Object.entries(sources.files)), sources.entry);
    bare.push(performance.now() - t);
  }
} finally {
  await language.onModuleDestroy();
}

const first = results[0]!;
const last = results[results.length - 1]!;
console.log(
  JSON.stringify(
    {
      bench: 'dsl-throughput',
      node: process.version,
      results,
      scaling: {
        nsPerByteLargestOverSmallest: round(last.nsPerPlanByte / first.nsPerPlanByte, 2),
        target: TARGET.nsPerByteLargestOverSmallest,
      },
      peakRssMB,
      peakHeap: heap,
      warmUpRuns: WARM_UP,
      editor: {
        edits: EDITS,
        planThread: { p50Ms: percentile(threaded, 50), p95Ms: percentile(threaded, 95) },
        bareCheckPlan: { p50Ms: percentile(bare, 50), p95Ms: percentile(bare, 95) },
      },
      target: {
        checkToChevrotainJson: TARGET.checkToChevrotainJson,
        compileToOutputBound: TARGET.compileToOutputBound,
      },
    },
    null,
    2,
  ),
);
