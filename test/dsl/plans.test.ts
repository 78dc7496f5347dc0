import { describe, expect, it } from 'vitest';
import { leadUnits } from '../../dsl/index.js';
import { PLANS, checkFile, dondocFiles } from './helpers.js';

const ENTRIES = [
  'plans/huyen-krong-nang-2023/ke-hoach.dondoc',
  'plans/tinh-dak-lak-2027/ke-hoach.dondoc',
  'plans/tinh-dak-lak-2027/mau-ke-hoach-xa.dondoc',
  'plans/xa-ea-kar-2027/ke-hoach.dondoc',
];

describe('example plans', () => {
  it.each(ENTRIES)('%s checks with no error and no warning', (entry) => {
    const r = checkFile(entry);
    expect(r.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  });

  it('every plan file is reachable from an entry', () => {
    const reached = new Set(ENTRIES.flatMap((e) => [...checkFile(e).files.keys()]));
    expect(dondocFiles(PLANS).filter((f) => !reached.has(f))).toEqual([]);
  });

  it('the district plan has ≥ 50 tasks, 12 communes and a ≥ 95 % on-time indicator', () => {
    const { model } = checkFile(ENTRIES[0]!);
    expect(model.tasks.size).toBeGreaterThanOrEqual(50);
    expect(model.groupUnits.get('cac_xa')).toHaveLength(12);
    const t = model.indicators.get('ho_so_dung_han')?.target?.value;
    expect(t).toEqual({ op: '>=', value: 95, percent: true });
    expect(model.reports.size).toBeGreaterThan(0);
  });

  it('the provincial plan has ≥ 20 departments and ≥ 100 communes and wards', () => {
    const { model } = checkFile(ENTRIES[1]!);
    expect(model.groupUnits.get('cac_so')!.length).toBeGreaterThanOrEqual(20);
    expect(model.groupUnits.get('cac_xa_phuong')!.length).toBeGreaterThanOrEqual(100);
    const t = model.tasks.get('CĐ.02')!.task;
    expect(leadUnits(model, t).length).toBeGreaterThanOrEqual(100);
  });

  it('the commune plan takes the template tasks and overrides one', () => {
    const { model } = checkFile(ENTRIES[3]!);
    expect(model.header.year).toBe(2027);
    expect(model.header.policy?.text).toBe('thong_thuong');
    expect(model.tasks.get('X.CĐ.02')).toBeDefined();
    expect(model.tasks.get('X.TT.01')!.task.loc.file).toBe(ENTRIES[3]);
    expect(model.tasks.get('EK.KT.01')).toBeDefined();
  });
});
