import { describe, expect, it } from 'vitest';
import {
  buildPlan,
  compilePlanText,
  dueOn,
  PAR_AREAS,
  spreadOverYear,
} from '../../apps/dev-stack/plan-builder.js';
import { checkPlan } from '../../dsl/index.js';

/**
 * Errors and warnings: a generated plan must be clean, not merely error-free. Notes are left out: one-off
 * deadlines spread over the year fall on days off too, and the note that such a deadline moves to the next
 * working day (DD4012) is part of what the plans exercise.
 */
const diagnostics = (source: string) =>
  checkPlan(new Map([['plan.dondoc', source]]), 'plan.dondoc')
    .diagnostics.filter((d) => d.severity !== 'info' || d.code !== 'DD4012')
    .map((d) => `${d.severity} ${d.code}: ${d.message.en}`);

describe('the generated plan builder', () => {
  it('writes the province plan of the engine benchmarks: one assignment per task over 120 units', () => {
    const source = buildPlan({ tasks: 240, issuer: 'ubnd_bench' });
    expect(diagnostics(source)).toEqual([]);
    const { ir } = compilePlanText(source);
    expect(ir.plan.code).toBe('cchc-2027-ubnd-bench');
    expect(ir.units).toHaveLength(121);
    expect(ir.assignments).toHaveLength(240);
    // Every unit leads two tasks; each assignment has the whole ladder of the usual policy.
    expect(new Set(ir.assignments.map((a) => a.unit)).size).toBe(120);
    for (const a of ir.assignments) {
      expect(a.acknowledgeBy).toBeDefined();
      expect(a.reminders).toHaveLength(3);
      expect(a.escalations.map((e) => e.level)).toEqual([1, 2]);
      expect(a.dueDate >= '2027-02-01' && a.dueDate <= '2027-12-31').toBe(true);
    }
    expect(ir.digests).toEqual([]);
  });

  it('writes the plan-language throughput plan: six areas, coordinators, criteria, a weekly digest', () => {
    const source = buildPlan({
      tasks: 240,
      areas: PAR_AREAS,
      weeklyDigest: true,
      coordinator: true,
      criterion: true,
    });
    expect(diagnostics(source)).toEqual([]);
    const { ir } = compilePlanText(source);
    expect(ir.assignments).toHaveLength(240);
    expect(new Set(ir.tasks.map((t) => t.area)).size).toBe(6);
    expect(ir.tasks.every((t) => t.coordinators.length === 1 && t.criterion)).toBe(true);
    expect(ir.digests.length).toBeGreaterThan(0);
  });

  it('leaves out areas that no task falls in', () => {
    const source = buildPlan({ tasks: 2, areas: PAR_AREAS, departments: 1, communes: 1 });
    expect(source.match(/^lĩnh vực /gm)).toHaveLength(2);
    expect(diagnostics(source)).toEqual([]);
  });

  it('writes the topology scenario: a few units, one reminder, one level, one deadline for all', () => {
    const source = buildPlan({
      tasks: 10,
      issuer: 'tinh_x',
      year: 2026,
      decidedOn: new Date(Date.UTC(2026, 4, 11)),
      departments: 3,
      communes: 2,
      reminders: ['trước 1 ngày làm việc'],
      escalationLevels: 1,
      deadline: dueOn(new Date(Date.UTC(2026, 4, 28))),
    });
    expect(diagnostics(source)).toEqual([]);
    const { ir } = compilePlanText(source);
    expect(ir.plan.decision).toMatchObject({ number: '01/KH-UBND', date: '2026-05-11' });
    expect(ir.units.map((u) => u.code)).toEqual(['tinh_x', 'so_1', 'so_2', 'so_3', 'xa_1', 'xa_2']);
    expect(new Set(ir.assignments.map((a) => a.dueDate))).toEqual(new Set(['2026-05-28']));
    expect(ir.assignments.every((a) => a.reminders.length === 1 && a.escalations.length === 1)).toBe(true);
  });

  it('takes a recurring deadline: one assignment per occurrence', () => {
    const source = buildPlan({
      tasks: 3,
      departments: 3,
      communes: 0,
      deadline: () => 'hằng quý ngày 05 tháng cuối quý',
    });
    expect(diagnostics(source)).toEqual([]);
    expect(compilePlanText(source).ir.assignments).toHaveLength(12);
  });

  it('spreads one-off deadlines from February to December', () => {
    const spread = spreadOverYear(2027);
    expect([0, 1, 10, 11, 27, 28].map(spread)).toEqual([
      'ngày 01/02/2027',
      'ngày 02/03/2027',
      'ngày 11/12/2027',
      'ngày 12/02/2027',
      'ngày 28/07/2027',
      'ngày 01/08/2027',
    ]);
  });

  it('refuses text with errors', () => {
    const source = buildPlan({ tasks: 1, departments: 1, communes: 0, deadline: () => 'ngày 31/02/2027' });
    expect(() => compilePlanText(source)).toThrow(/has errors/);
  });
});
