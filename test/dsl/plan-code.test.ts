import { describe, expect, it } from 'vitest';
import { compilePlan } from '../../dsl/compile/compile.js';
import { formatPlan, hasErrors } from '../../dsl/index.js';
import { checkFile, checkText, codesOf, planWithTask } from './helpers.js';

const TASK = 'chủ trì: ubnd\nthời hạn: quý I';

function compiled(text: string) {
  const r = checkText(text);
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return compilePlan(r.model);
}

describe("a plan's identity (mã / code in the header)", () => {
  it('takes the explicit code, in Vietnamese or English keywords, as the prefix of every assignment id', () => {
    for (const line of ['  mã: "kh-3012-2027"', '  code: "kh-3012-2027"', '  mã kế hoạch: "kh-3012-2027"']) {
      const ir = compiled(planWithTask(TASK).replace('  năm: 2027', `  năm: 2027\n${line}`));
      expect(ir.plan.code).toBe('kh-3012-2027');
      expect(ir.assignments.map((a) => a.id)).toEqual(['kh-3012-2027/A.01/ubnd']);
    }
  });

  it('without a code keeps the identity plans had before codes existed: cchc-<year>-<issuer>', () => {
    expect(compiled(planWithTask(TASK)).plan.code).toBe('cchc-2027-ubnd');
  });

  it('two plans of one issuer and year differ by their codes', () => {
    const a = compiled(planWithTask(TASK).replace('  năm: 2027', '  năm: 2027\n  mã: "kh-01"'));
    const b = compiled(planWithTask(TASK).replace('  năm: 2027', '  năm: 2027\n  mã: "kh-02"'));
    expect(a.plan.code).not.toBe(b.plan.code);
  });

  it('refuses a code that cannot be an identity (accents, capitals, "/"), at the line of the code', () => {
    const text = planWithTask(TASK).replace('  năm: 2027', '  năm: 2027\n  mã: "Kế hoạch/1"');
    const r = checkText(text);
    expect(hasErrors(r.diagnostics)).toBe(true);
    const d = r.diagnostics.find((x) => x.code === 'DD4023')!;
    expect(d.range.start.line).toBe(text.split('\n').findIndex((l) => l.startsWith('  mã:')) + 1);
    expect(d.message.vi).toContain('Kế hoạch/1');
  });

  it('belongs to plans, not templates', () => {
    const r = checkText('mẫu kế hoạch "Mẫu":\n  năm: 2027\n  mã: "mau"\n');
    expect(codesOf(r)).toContain('DD2005');
  });

  it('is written by the formatter in either language and read back the same', () => {
    const text = planWithTask(TASK).replace('  năm: 2027', '  năm: 2027\n  mã: "kh-01"');
    const en = formatPlan(text, { lang: 'en' }).text;
    expect(en).toContain('  code: "kh-01"');
    expect(formatPlan(en, { lang: 'vi' }).text).toContain('  mã: "kh-01"');
    expect(compiled(en).plan.code).toBe('kh-01');
  });

  it('keeps the published example plan under the code README and reports use', () => {
    const r = checkFile('plans/tinh-dak-lak-2027/ke-hoach.dondoc');
    expect(compilePlan(r.model).plan.code).toBe('cchc-2027-ubnd-tinh');
  });
});
