// HTTP helpers for the integration tests that call the API as seeded users, and a small plan with a unit tree
// deep enough for scope checks: issuer → van_phong, mot_cua → to_tiep_nhan.
import { compilePlan } from '../../dsl/compile/compile.js';
import { checkPlan } from '../../dsl/index.js';
import type { PlanIR } from '../../dsl/ir/schema.js';

export interface Reply {
  status: number;
  type: string;
  text: string;
  /** Parsed when the answer is JSON, else undefined. */
  json: unknown;
  headers: Headers;
}

export interface CallOptions {
  /** Sign in as this login (token cached). */
  as?: string;
  /** A raw Authorization header value. */
  authorization?: string;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as is (with the headers given). */
  raw?: string | Uint8Array;
  headers?: Record<string, string>;
}

export function apiClient(base: string, password: string) {
  const tokens = new Map<string, string>();
  /** The status of each login's sign-in. */
  const signIns = new Map<string, number>();

  async function call(method: string, path: string, o: CallOptions = {}): Promise<Reply> {
    const headers: Record<string, string> = { ...o.headers };
    if (o.as) headers.authorization = `Bearer ${await token(o.as)}`;
    if (o.authorization) headers.authorization = o.authorization;
    let body: string | Uint8Array | undefined;
    if (o.raw !== undefined) body = o.raw;
    else if (o.body !== undefined) {
      headers['content-type'] ??= 'application/json';
      body = JSON.stringify(o.body);
    }
    const res = await fetch(`${base}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
    const text = await res.text();
    const type = res.headers.get('content-type') ?? '';
    let json: unknown;
    if (type.includes('json')) json = JSON.parse(text);
    return { status: res.status, type, text, json, headers: res.headers };
  }

  /** Signs in once per login (sign-ins are rate limited to ten a minute per address). */
  async function token(login: string): Promise<string> {
    const known = tokens.get(login);
    if (known) return known;
    const res = await fetch(`${base}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login, password }),
    });
    signIns.set(login, res.status);
    if (res.status !== 200) throw new Error(`login ${login}: ${res.status} ${await res.text()}`);
    const t = ((await res.json()) as { token: string }).token;
    tokens.set(login, t);
    return t;
  }

  return { call, token, tokens, signIns };
}

export const UNITS = ['mot_cua', 'to_tiep_nhan', 'van_phong'] as const;
export type ScopedUnit = (typeof UNITS)[number];
/** Task id prefix per unit: MC.01 … of mot_cua. */
export const TASK_PREFIX: Record<ScopedUnit, string> = { mot_cua: 'MC', to_tiep_nhan: 'TN', van_phong: 'VP' };
export const TASKS_PER_UNIT = 9;

/**
 * A plan of one issuer with four units (issuer → van_phong, mot_cua → to_tiep_nhan), nine tasks led by each of
 * the three lower units with titles unique to the unit (so a leaked title is recognisable), an indicator all
 * three report and a quarterly report. `suffix` renames the units (another issuer's plan). `coordinated`: one more
 * task of van_phong (`VP.10`) that mot_cua coordinates, for the coordination routes.
 */
export function scopedPlanSource(o: {
  issuer: string;
  suffix?: string;
  titleTag: string;
  coordinated?: boolean;
}): string {
  const s = o.suffix ?? '';
  const u = (code: string) => `${code}${s}`;
  const lines = [
    `kế hoạch "Kế hoạch CCHC năm 2027 ${o.titleTag}":`,
    `  cơ quan ban hành: ${o.issuer}`,
    '  quyết định: "05/KH-UBND" ngày 11/01/2027',
    '  năm: 2027',
    '  lịch: "vn"',
    '  chính sách: thong_thuong',
    '',
    `đơn vị ${o.issuer} "Ủy ban nhân dân ${o.titleTag}":`,
    '  loại: phường',
    '  thủ trưởng: chu_tich',
    '  thư điện tử: "ubnd@example.gov.vn"',
    '',
    `đơn vị ${u('van_phong')} "Văn phòng ${o.titleTag}":`,
    '  loại: phòng',
    `  cấp trên: ${o.issuer}`,
    '  thư điện tử: "vanphong@example.gov.vn"',
    '',
    `đơn vị ${u('mot_cua')} "Bộ phận một cửa ${o.titleTag}":`,
    '  loại: phòng',
    `  cấp trên: ${o.issuer}`,
    '  thư điện tử: "motcua@example.gov.vn"',
    '',
    `đơn vị ${u('to_tiep_nhan')} "Tổ tiếp nhận ${o.titleTag}":`,
    '  loại: tổ',
    `  cấp trên: ${u('mot_cua')}`,
    '  thư điện tử: "tiepnhan@example.gov.vn"',
    '',
    'người chu_tich "Chủ tịch UBND":',
    '  chức vụ: chủ tịch',
    `  đơn vị: ${o.issuer}`,
    '  thư điện tử: "chutich@example.gov.vn"',
    '',
    'chính sách thong_thuong "Đôn đốc thông thường":',
    '  tiếp nhận trong: 2 ngày làm việc',
    '  nhắc: trước 5 ngày làm việc',
    '  leo thang:',
    '    bậc 1 sau 2 ngày làm việc: chủ tịch',
    '  tổng hợp: hằng tuần vào thứ hai lúc 07:30',
    '',
    'lĩnh vực thủ tục hành chính "Thủ tục hành chính":',
  ];
  for (const unit of UNITS)
    for (let n = 1; n <= TASKS_PER_UNIT; n++) {
      const id = `${TASK_PREFIX[unit]}.${String(n).padStart(2, '0')}`;
      lines.push(
        `  nhiệm vụ ${id} "${taskTitle(o.titleTag, unit, n)}":`,
        `    chủ trì: ${u(unit)}`,
        '    thời hạn: ngày 30/06/2027',
        '    sản phẩm: "Báo cáo"',
        '',
      );
    }
  if (o.coordinated)
    lines.push(
      `  nhiệm vụ VP.10 "Việc phối hợp ${o.titleTag}":`,
      `    chủ trì: ${u('van_phong')}`,
      `    phối hợp: ${u('mot_cua')}`,
      '    thời hạn: ngày 30/06/2027',
      '    sản phẩm: "Báo cáo"',
      '',
    );
  lines.push(
    'chỉ tiêu ho_so_dung_han "Tỷ lệ hồ sơ đúng hạn":',
    '  đơn vị tính: "%"',
    '  mục tiêu: ≥ 95%',
    '  chu kỳ: hằng tháng ngày 5',
    `  báo cáo bởi: ${UNITS.map(u).join(', ')}`,
    '',
    'báo cáo bc_quy "Báo cáo quý":',
    '  kỳ: quý',
    '  chốt số liệu: ngày 14',
    '  hạn gửi: ngày 18 tháng cuối kỳ',
    '  người nhận: chu_tich',
    `  lập bởi: ${u('van_phong')}`,
    '',
  );
  return lines.join('\n');
}

/** A title that names its plan and unit, so it is found if it leaks. */
export function taskTitle(tag: string, unit: ScopedUnit, n: number): string {
  return `Việc ${n} của ${unit.replace(/_/g, ' ')} ${tag}`;
}

export function compileSource(source: string, name = 'ke-hoach.dondoc'): PlanIR {
  const checked = checkPlan(new Map([[name, source]]), name);
  const errors = checked.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length)
    throw new Error(`plan has errors: ${errors.map((d) => `${d.code} ${d.message.en}`).join('; ')}`);
  return compilePlan(checked.model);
}
