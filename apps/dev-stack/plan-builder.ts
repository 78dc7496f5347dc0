// Generated plan text for benchmarks, the reliability tier and the topology scenario: a province issues the plan,
// a chairperson heads the escalation ladder, departments and communes lead one task each in turn. One writer, so
// that every figure is measured on plans of the same shape; the defaults are the province-sized plan the engine
// benchmarks publish.
import { compilePlan } from '../../dsl/compile/compile.js';
import { checkPlan, hasErrors } from '../../dsl/index.js';
import type { PlanIR } from '../../dsl/ir/schema.js';

export interface PlanArea {
  /** The area's keyword after `lĩnh vực` (one of the PAR areas). */
  keyword: string;
  title: string;
}

export const PROCEDURES_AREA: PlanArea = { keyword: 'thủ tục hành chính', title: 'Thủ tục hành chính' };

/** The six areas of the PAR programme, titled by number. */
export const PAR_AREAS: readonly PlanArea[] = [
  'thể chế',
  'thủ tục hành chính',
  'tổ chức bộ máy',
  'chế độ công vụ',
  'tài chính công',
  'chính phủ số',
].map((keyword, i) => ({ keyword, title: `Lĩnh vực ${i + 1}` }));

export interface PlanShape {
  /** Tasks, each led by one unit: one assignment per task unless its deadline recurs. */
  tasks: number;
  /** The issuing province's unit code; it is in the default title, so plans of different issuers coexist. */
  issuer?: string;
  /** Default 2027. */
  year?: number;
  /** Default: "Kế hoạch CCHC năm <year> của <issuer> (sinh tự động)". */
  title?: string;
  /** Date of the decision that adopts the plan (UTC date); default 4 January of `year`. */
  decidedOn?: Date;
  /** Units under the issuer: departments (`so_1`, …) first, then communes (`xa_1`, …). Default 20 and 100. */
  departments?: number;
  communes?: number;
  /** Tasks are split over the areas in equal blocks, in order. Default: administrative procedures only. */
  areas?: readonly PlanArea[];
  /** The policy's reminders. Default: 5 and 1 working days before, and on the day at 08:00. */
  reminders?: readonly string[];
  /** Escalation ladder: level 1 the unit head, level 2 the chairperson. Default 2. */
  escalationLevels?: 1 | 2;
  /** A weekly digest on Monday mornings. */
  weeklyDigest?: boolean;
  /** Each task also names a coordinating unit. */
  coordinator?: boolean;
  /** Each task counts toward a PAR-index criterion. */
  criterion?: boolean;
  /** The text after `thời hạn:` for task n (0-based); default `spreadOverYear(year)`. */
  deadline?: (task: number) => string;
}

/** dd/mm/yyyy of a UTC date. */
export function vnDate(date: Date): string {
  const dd = String(date.getUTCDate()).padStart(2, '0');
  const mm = String(date.getUTCMonth() + 1).padStart(2, '0');
  return `${dd}/${mm}/${date.getUTCFullYear()}`;
}

/** Every task due on the same day. */
export const dueOn = (date: Date) => (): string => `ngày ${vnDate(date)}`;

/** One-off deadlines from February to December, a different day for each task in turn. */
export const spreadOverYear =
  (year: number) =>
  (n: number): string =>
    `ngày ${vnDate(new Date(Date.UTC(year, 1 + (n % 11), 1 + (n % 28))))}`;

const DEFAULT_REMINDERS = ['trước 5 ngày làm việc', 'trước 1 ngày làm việc', 'đúng hạn lúc 08:00'];

/** The plan's text in Vietnamese keywords, one file. */
export function buildPlan(shape: PlanShape): string {
  const issuer = shape.issuer ?? 'ubnd_tinh';
  const year = shape.year ?? 2027;
  const departments = shape.departments ?? 20;
  const communes = shape.communes ?? 100;
  const areas = shape.areas ?? [PROCEDURES_AREA];
  const deadline = shape.deadline ?? spreadOverYear(year);
  const out: string[] = [
    `kế hoạch "${shape.title ?? `Kế hoạch CCHC năm ${year} của ${issuer} (sinh tự động)`}":`,
    `  cơ quan ban hành: ${issuer}`,
    `  quyết định: "01/KH-UBND" ngày ${vnDate(shape.decidedOn ?? new Date(Date.UTC(year, 0, 4)))}`,
    `  năm: ${year}`,
    '  chính sách: thuong',
    '',
    `đơn vị ${issuer} "UBND tỉnh":`,
    '  loại: tỉnh',
    '  thư điện tử: "ubnd@tinh.gov.vn"',
    '',
    'người chu_tich "Chủ tịch UBND tỉnh":',
    '  chức vụ: chủ tịch',
    `  đơn vị: ${issuer}`,
    '  thư điện tử: "chutich@tinh.gov.vn"',
    '',
  ];
  const units: string[] = [];
  for (let i = 1; i <= departments + communes; i++) {
    const department = i <= departments;
    const number = department ? i : i - departments;
    const code = department ? `so_${number}` : `xa_${number}`;
    units.push(code);
    out.push(
      `đơn vị ${code} "${department ? `Sở số ${number}` : `UBND xã số ${number}`}":`,
      `  loại: ${department ? 'sở' : 'xã'}`,
      `  cấp trên: ${issuer}`,
      `  thư điện tử: "${code}@tinh.gov.vn"`,
      '',
    );
  }
  out.push(
    'chính sách thuong "Đôn đốc thông thường":',
    '  tiếp nhận trong: 2 ngày làm việc',
    `  nhắc: ${(shape.reminders ?? DEFAULT_REMINDERS).join(', ')}`,
    '  leo thang:',
    '    bậc 1 sau 1 ngày làm việc: thủ trưởng đơn vị',
    ...((shape.escalationLevels ?? 2) === 2 ? ['    bậc 2 sau 5 ngày làm việc: chủ tịch'] : []),
    ...(shape.weeklyDigest ? ['  tổng hợp: hằng tuần vào thứ hai lúc 07:30'] : []),
    '',
  );
  const perArea = Math.ceil(shape.tasks / areas.length);
  let n = 0;
  for (const area of areas) {
    if (n >= shape.tasks) break; // fewer tasks than areas: no empty area
    out.push(`lĩnh vực ${area.keyword} "${area.title}":`);
    for (let i = 0; i < perArea && n < shape.tasks; i++, n++) {
      out.push(
        `  nhiệm vụ N${n} "Nhiệm vụ số ${n}: rà soát, đơn giản hóa thủ tục hành chính, số hóa hồ sơ":`,
        `    chủ trì: ${units[n % units.length]}`,
        ...(shape.coordinator ? [`    phối hợp: ${units[(n + 7) % units.length]}`] : []),
        `    thời hạn: ${deadline(n)}`,
        '    sản phẩm: "Báo cáo kết quả"',
        ...(shape.criterion ? [`    tiêu chí: "${1 + (n % 8)}.${1 + (n % 5)}"`] : []),
        '',
      );
    }
  }
  return out.join('\n');
}

export interface BuiltPlan {
  source: string;
  ir: PlanIR;
}

/** Checks and compiles one file of plan text; any error diagnostic throws. */
export function compilePlanText(source: string, file = 'plan.dondoc'): BuiltPlan {
  const checked = checkPlan(new Map([[file, source]]), file);
  if (hasErrors(checked.diagnostics))
    throw new Error(`${file} has errors: ${checked.diagnostics.map((d) => d.message.en).join('; ')}`);
  return { source, ir: compilePlan(checked.model) };
}
