// Check + compile throughput of the plan language on generated plans of 1k, 10k and 100k tasks, next to
// JSON.parse of the same plan's IR bytes in the same run. Prints JSON.
// Targets (issue): DSL bytes/s ≥ 0.10 × JSON.parse bytes/s; time per byte at 100k within 1.3 × of 1k.
import { compilePlan } from '../dsl/compile/compile.js';
import { checkPlan, hasErrors } from '../dsl/index.js';

const SIZES = (process.env.BENCH_SIZES ?? '1000,10000,100000').split(',').map(Number);
const AREAS = [
  'thể chế',
  'thủ tục hành chính',
  'tổ chức bộ máy',
  'chế độ công vụ',
  'tài chính công',
  'chính phủ số',
];

/** A province-sized plan: 20 departments, 100 communes, tasks spread over the six areas. */
export function generatePlan(tasks: number): string {
  const out: string[] = [
    'kế hoạch "Kế hoạch CCHC năm 2027 (sinh tự động)":',
    '  cơ quan ban hành: ubnd_tinh',
    '  quyết định: "01/KH-UBND" ngày 04/01/2027',
    '  năm: 2027',
    '  chính sách: thuong',
    '',
    'đơn vị ubnd_tinh "UBND tỉnh":',
    '  loại: tỉnh',
    '  thư điện tử: "ubnd@tinh.gov.vn"',
    '',
    'người chu_tich "Chủ tịch UBND tỉnh":',
    '  chức vụ: chủ tịch',
    '  đơn vị: ubnd_tinh',
    '  thư điện tử: "chutich@tinh.gov.vn"',
    '',
  ];
  const units: string[] = [];
  for (let i = 1; i <= 120; i++) {
    const code = i <= 20 ? `so_${i}` : `xa_${i - 20}`;
    units.push(code);
    out.push(
      `đơn vị ${code} "${i <= 20 ? `Sở số ${i}` : `UBND xã số ${i - 20}`}":`,
      `  loại: ${i <= 20 ? 'sở' : 'xã'}`,
      '  cấp trên: ubnd_tinh',
      `  thư điện tử: "${code}@tinh.gov.vn"`,
      '',
    );
  }
  out.push(
    'chính sách thuong "Đôn đốc thông thường":',
    '  tiếp nhận trong: 2 ngày làm việc',
    '  nhắc: trước 5 ngày làm việc, trước 1 ngày làm việc, đúng hạn lúc 08:00',
    '  leo thang:',
    '    bậc 1 sau 1 ngày làm việc: thủ trưởng đơn vị',
    '    bậc 2 sau 5 ngày làm việc: chủ tịch',
    '  tổng hợp: hằng tuần vào thứ hai lúc 07:30',
    '',
  );
  const perArea = Math.ceil(tasks / AREAS.length);
  let n = 0;
  for (const [a, area] of AREAS.entries()) {
    out.push(`lĩnh vực ${area} "Lĩnh vực ${a + 1}":`);
    for (let i = 0; i < perArea && n < tasks; i++, n++) {
      const month = 2 + (n % 11);
      const day = 1 + (n % 28);
      out.push(
        `  nhiệm vụ N${n} "Nhiệm vụ số ${n}: rà soát, đơn giản hóa thủ tục hành chính, số hóa hồ sơ":`,
        `    chủ trì: ${units[n % units.length]}`,
        `    phối hợp: ${units[(n + 7) % units.length]}`,
        `    thời hạn: ngày ${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/2027`,
        '    sản phẩm: "Báo cáo kết quả"',
        `    tiêu chí: "${1 + (n % 8)}.${1 + (n % 5)}"`,
        '',
      );
    }
  }
  return out.join('\n');
}

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
  const text = generatePlan(size);
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
        target: 1.3,
      },
      target: { ratioDslToJsonParse: 0.1 },
    },
    null,
    2,
  ),
);
