// Check + compile throughput of the plan language on generated plans of 1k, 10k and 100k tasks, next to
// JSON.parse of the same plan's IR bytes in the same run. Prints JSON.
// The targets (TARGET, from the issue) are ratios to that baseline and of the largest size to the smallest.
import { compilePlan } from '../dsl/compile/compile.js';
import { checkPlan, hasErrors } from '../dsl/index.js';
import { buildPlan, PAR_AREAS } from '../apps/dev-stack/plan-builder.js';

const SIZES = (process.env.BENCH_SIZES ?? '1000,10000,100000').split(',').map(Number);
const TARGET = { ratioDslToJsonParse: 0.1, nsPerByteLargestOverSmallest: 1.3 };

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

function best(runs: number, fn: () => void): number {
  let min = Infinity;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    min = Math.min(min, performance.now() - t);
  }
  return min;
}

const results = [];
for (const size of SIZES) {
  const text = throughputPlan(size);
  const bytes = Buffer.byteLength(text);
  const runs = size >= 100_000 ? 1 : 3;
  let assignments = 0;
  let irJson = '';
  const checkMs = best(runs, () => {
    const checked = checkPlan(new Map([['plan.dondoc', text]]), 'plan.dondoc');
    if (hasErrors(checked.diagnostics))
      throw new Error(`generated plan has errors: ${checked.diagnostics[0]?.message.en}`);
  });
  const checkCompileMs = best(runs, () => {
    const checked = checkPlan(new Map([['plan.dondoc', text]]), 'plan.dondoc');
    const ir = compilePlan(checked.model);
    assignments = ir.assignments.length;
    irJson = JSON.stringify(ir);
  });
  const irBytes = Buffer.byteLength(irJson);
  const jsonParseMs = best(runs, () => JSON.parse(irJson));
  const dslBytesPerSec = bytes / (checkCompileMs / 1000);
  const jsonBytesPerSec = irBytes / (jsonParseMs / 1000);
  results.push({
    tasks: size,
    assignments,
    dslBytes: bytes,
    irBytes,
    checkMs: Math.round(checkMs),
    checkCompileMs: Math.round(checkCompileMs),
    jsonParseMs: Math.round(jsonParseMs),
    dslMBps: +(dslBytesPerSec / 1e6).toFixed(2),
    jsonParseMBps: +(jsonBytesPerSec / 1e6).toFixed(2),
    ratioDslToJsonParse: +(dslBytesPerSec / jsonBytesPerSec).toFixed(3),
    nsPerDslByte: +((checkCompileMs * 1e6) / bytes).toFixed(1),
  });
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
        nsPerByteLargestOverSmallest: +(last.nsPerDslByte / first.nsPerDslByte).toFixed(2),
        target: TARGET.nsPerByteLargestOverSmallest,
      },
      target: { ratioDslToJsonParse: TARGET.ratioDslToJsonParse },
    },
    null,
    2,
  ),
);
