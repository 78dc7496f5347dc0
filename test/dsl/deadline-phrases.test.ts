import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compilePlan } from '../../dsl/compile/compile.js';
import { formatPlan } from '../../dsl/index.js';
import type { PlanIR } from '../../dsl/ir/schema.js';
import { FIXTURES, checkText } from './helpers.js';

/**
 * The deadline phrases of real provincial and ministry documents, compiled to the days the law gives:
 * "chậm nhất" always allows day X and only "trước" follows `tính cả ngày hạn` (the fixture sets `không`);
 * Civil Code 2015 art. 146 (start / middle / end of a month and a year) and art. 148 (a deadline on a day
 * off moves to the next working day); guidance 581/BNV-CCHC (four reports a year: quý I, 6 tháng, quý III,
 * năm; data windows 15 → 14).
 */
const FIXTURE = `${FIXTURES}/deadline-phrases.dondoc`;
const text = readFileSync(FIXTURE, 'utf8');

function compile(source: string): PlanIR {
  const checked = checkText(source);
  expect(checked.diagnostics).toEqual([]);
  return compilePlan(checked.model!);
}

const ir = compile(text);
const due = (task: string, plan = ir) =>
  plan.assignments
    .filter((a) => a.taskId === task)
    .map((a) => [a.occurrence, a.startsOn, a.dueDate, a.kind].filter((x) => x !== '').join(' '));

describe('deadline phrases of real documents', () => {
  it('"trước ngày X" follows the header (không: day X is not allowed); "chậm nhất ngày X" always allows X', () => {
    expect(due('P.01')).toEqual(['2027-01-15 2027-12-09 deadline']);
    expect(due('P.02')).toEqual(['2027-01-15 2027-12-10 deadline']);
    const included = compile(text.replace('tính cả ngày hạn: không', 'tính cả ngày hạn: có'));
    expect(due('P.01', included)).toEqual(['2027-01-15 2027-12-10 deadline']);
  });

  it('"định kỳ quý, 6 tháng, năm" is the four reports of 581/BNV-CCHC, due on the 20th (moved off days off)', () => {
    expect(due('P.03')).toEqual([
      '2027-Q1 2027-01-15 2027-03-22 deadline', // 20/03/2027 is a Saturday
      '2027-H1 2027-01-15 2027-06-21 deadline', // 20/06 a Sunday
      '2027-Q3 2027-07-01 2027-09-20 deadline',
      '2027 2027-01-15 2027-12-20 deadline',
    ]);
    const report = ir.reports.find((r) => r.id === 'bc_cchc')!;
    expect(report.occurrences.map((o) => [o.period, o.windowFrom, o.windowTo, o.dueAt.slice(0, 10)])).toEqual(
      [
        ['2027-Q1', '2026-12-15', '2027-03-14', '2027-03-22'],
        ['2027-H1', '2026-12-15', '2027-06-14', '2027-06-21'],
        ['2027-Q3', '2027-06-15', '2027-09-14', '2027-09-20'],
        ['2027', '2026-12-15', '2027-12-14', '2027-12-20'],
      ],
    );
  });

  it('a window starts its assignment and may end in the next year', () => {
    expect(due('P.04')).toEqual(['2027-12-12 2028-01-05 deadline']);
    expect(due('P.05')).toEqual(['2027-11-10 2027-12-31 ongoing']);
  });

  it('"đầu / giữa / cuối" of a month and of the year are the days of Civil Code art. 146', () => {
    expect(due('P.06')).toEqual(['2027-01-15 2027-03-15 deadline']); // giữa tháng 3
    expect(due('P.07')).toEqual(['2027-01-15 2027-09-29 deadline']); // trước cuối tháng 9, không
    expect(due('P.08')).toEqual(['2027-01-15 2027-06-30 deadline']); // giữa năm
    expect(due('P.17')).toEqual(['2027-01-15 2027-12-31 deadline']); // cuối năm
  });

  it("a day already past at publication is next year's when the plan reaches it", () => {
    expect(due('P.09')).toEqual(['2027-01-15 2028-01-10 deadline']);
  });

  it('"định kỳ hằng tháng" without a day is the month\'s last day, or the header\'s "hạn hằng tháng"', () => {
    expect(due('P.10').slice(0, 4)).toEqual([
      '2027-01 2027-01-15 2027-02-01 deadline', // 31/01 a Sunday
      '2027-02 2027-02-01 2027-03-01 deadline',
      '2027-03 2027-03-01 2027-03-31 deadline',
      '2027-04 2027-04-01 2027-05-04 deadline', // 30/04, 01/05 holidays, 02/05 a Sunday, 03/05 in lieu
    ]);
    const set = compile(text.replace('  chính sách: p\n', '  chính sách: p\n  hạn hằng tháng: ngày 25\n'));
    expect(due('P.10', set).slice(0, 2)).toEqual([
      '2027-01 2027-01-15 2027-01-25 deadline',
      '2027-02 2027-02-01 2027-02-25 deadline',
    ]);
  });

  it('a time set by another regulation, and a service level from receipt, are tracked through the year', () => {
    expect(due('P.11')).toEqual(['2027-01-15 2027-12-31 ongoing']);
    expect(due('P.12')).toEqual(['2027-01-15 2027-12-31 ongoing']);
    const tasks = new Map(ir.tasks.map((t) => [t.id, t]));
    expect(tasks.get('P.11')!.regulated).toEqual({ regulation: 'Nghị định 61/2018/NĐ-CP' });
    expect(tasks.get('P.12')!.serviceLevel).toEqual({ amount: 1, unit: 'workingDay' });
    expect(tasks.get('P.13')!.serviceLevel).toEqual({ amount: 0, unit: 'day' });
    expect(tasks.get('P.01')!.regulated).toBeUndefined();
    expect(tasks.get('P.01')!.serviceLevel).toBeUndefined();
  });

  it('reads "ngày 15 của tháng", "tháng cuối cùng của mỗi quý" and dotted dates', () => {
    // trước ngày 15 (không): the 14th; January's is past at publication
    expect(due('P.14').slice(0, 2)).toEqual([
      '2027-02 2027-02-01 2027-02-15 deadline', // 14/02 a Sunday
      '2027-03 2027-03-01 2027-03-15 deadline', // 14/03 a Sunday
    ]);
    expect(due('P.15')).toEqual([
      '2027-Q1 2027-01-15 2027-03-05 deadline',
      '2027-Q2 2027-04-01 2027-06-07 deadline',
      '2027-Q3 2027-07-01 2027-09-06 deadline',
      '2027-Q4 2027-10-01 2027-12-06 deadline',
    ]);
    expect(due('P.16')).toEqual(['2027-01-15 2027-07-19 deadline']);
  });

  it('sets the coordination policy only when the header writes it', () => {
    expect(ir.plan.coordinatorsMustReport).toBe(true);
    const no = compile(text.replace('chờ đơn vị phối hợp: có', 'chờ đơn vị phối hợp: không'));
    expect(no.plan.coordinatorsMustReport).toBe(false);
    const absent = compile(text.replace('  chờ đơn vị phối hợp: có\n', ''));
    expect('coordinatorsMustReport' in absent.plan).toBe(false);
    const en = compile(text.replace('chờ đơn vị phối hợp: có', 'await coordinators: yes'));
    expect(en.plan.coordinatorsMustReport).toBe(true);
    expect({ ...en, hash: '' }).toEqual({ ...ir, hash: '' });
  });

  it('keeps every phrase through the formatter, in both keyword languages', () => {
    const strip = (x: PlanIR) =>
      JSON.parse(JSON.stringify({ ...x, hash: '' }, (k, v: unknown) => (k === 'source' ? undefined : v)));
    for (const lang of ['vi', 'en'] as const) {
      const out = formatPlan(text, { lang });
      expect(out.ok).toBe(true);
      expect(strip(compile(out.text))).toEqual(strip(ir));
    }
    const en = formatPlan(text, { lang: 'en' }).text;
    expect(en).toContain('deadline: before 10/12/2027');
    expect(en).toContain('deadline: at the latest on 10/12/2027');
    expect(en).toContain('deadline: before day 15 of each month');
    expect(en).toContain('deadline: from 12/12 to 05/01/2028');
    expect(en).toContain('await coordinators: yes');
    const vi = formatPlan(text).text;
    expect(vi).toContain('thời hạn: trước ngày 15 hằng tháng');
    expect(vi).toContain('thời hạn: chậm nhất ngày 10/12/2027');
    expect(vi).toContain('thời hạn: từ ngày 12/12 đến ngày 05/01/2028');
    expect(vi).toContain('thời hạn: trước ngày 20/07/2027');
    expect(vi).toContain('hạn gửi: chậm nhất ngày 20 tháng cuối kỳ');
  });
});
