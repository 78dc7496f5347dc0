import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ReportContent } from '../../apps/reports/report-model.js';
import {
  cellsFor,
  forView,
  reportSections,
  type Cell,
  type ReportSections,
  type Section,
  type SectionId,
  type Table,
} from '../../apps/reports/render/sections.js';

const fixture = JSON.parse(
  readFileSync(new URL('../fixtures/reports/monthly-report.json', import.meta.url), 'utf8'),
) as ReportContent;

const sectionOf = (doc: ReportSections, id: SectionId): Section => {
  const s = doc.sections.find((x) => x.id === id);
  if (!s) throw new Error(`no section ${id}`);
  return s;
};
const tableOf = (doc: ReportSections, id: SectionId): Table => {
  const t = sectionOf(doc, id).table;
  if (!t) throw new Error(`no table in ${id}`);
  return t;
};
/** The cells of the first row whose cell in column `id` has the value. */
const rowWhere = (t: Table, id: string, value: string): Record<string, Cell> => {
  const i = t.columns.findIndex((c) => c.id === id);
  const row = t.rows.find((r) => r.cells[i]?.value === value);
  if (!row) throw new Error(`no row with ${id} = ${value}`);
  return Object.fromEntries(t.columns.map((c, k) => [c.id, row.cells[k]!]));
};
const fmt = (d: string) => d.split('-').reverse().join('/');
const labels = (items: readonly { label: { vi: string } }[]) => items.map((x) => x.label.vi);

describe('report sections model', () => {
  const doc = reportSections(structuredClone(fixture));

  it('lists the sections in reading order, each with its heading and worksheet', () => {
    expect(doc.sections.map((s) => [s.id, s.heading.vi, s.sheet])).toEqual([
      ['summary', 'Tổng hợp chung', 'Tổng hợp'],
      ['byUnit', 'Kết quả theo đơn vị', 'Theo đơn vị'],
      ['byArea', 'Kết quả theo lĩnh vực', 'Theo lĩnh vực'],
      ['overdue', 'Nhiệm vụ quá hạn', 'Quá hạn'],
      ['indicators', 'Chỉ tiêu so với mục tiêu', 'Chỉ tiêu'],
      ['evidence', 'Minh chứng theo tiêu chí Chỉ số CCHC', 'Minh chứng'],
    ]);
    expect(doc.title).toBe(`${fixture.report.title} — Tháng 3/2027 (15/02 – 14/03/2027)`);
    expect(doc.interim).toBeNull();
    expect(doc.generatedAtText).toBe('15/03/2027 00:00');
  });

  it('gives every row one cell per column, of the column’s type', () => {
    const tables: Table[] = doc.sections.flatMap((s) => [
      ...(s.table ? [s.table] : []),
      ...(s.groups?.groups.map((g) => ({ columns: s.groups!.columns, rows: g.rows })) ?? []),
    ]);
    expect(tables.length).toBeGreaterThan(5);
    for (const t of tables) {
      for (const row of t.rows) {
        expect(row.cells.map((c) => c.type)).toEqual(t.columns.map((c) => c.type));
      }
    }
    for (const s of doc.sections) {
      for (const g of s.groups?.groups ?? []) {
        expect(g.keys.map((c) => c.type)).toEqual(s.groups!.keyColumns.map((c) => c.type));
      }
    }
  });

  it('shows the header facts in print and keeps raw dates and the threshold as a percent for data', () => {
    const print = forView(doc.facts, 'print');
    expect(print.map((f) => [f.label.vi, f.cell.text])).toEqual([
      ['Tình trạng số liệu', 'Chính thức'],
      ['Kỳ báo cáo', 'Tháng 3/2027 (15/02 – 14/03/2027)'],
      // The cut-off is the midnight that ends 14/03, read as that day's end, not as 15/03 00:00.
      ['Số liệu tính đến', 'hết ngày 14/03/2027'],
      ['Kỳ so sánh', 'Tháng 2/2027 (hết ngày 14/02/2027)'],
      ['Ngưỡng đúng hạn', '80 %'],
    ]);
    const data = Object.fromEntries(forView(doc.facts, 'data').map((f) => [f.label.vi, f.cell]));
    expect(data['Từ ngày']).toMatchObject({ type: 'date', value: '2027-02-15' });
    expect(data['Kỳ so sánh']).toMatchObject({ type: 'text', value: '2027-02' });
    expect(data['Mã kỳ báo cáo']).toMatchObject({ type: 'text', value: '2027-03' });
    expect(data['Ngưỡng đúng hạn']).toMatchObject({ type: 'percent', value: 80 });
    expect(data['Thời gian tính số liệu']).toBeUndefined();
  });

  it('summarises the totals: the previous rate is printed beside the change, listed on its own for data', () => {
    const figures = sectionOf(doc, 'summary').figures!;
    expect(labels(forView(figures, 'print'))).not.toContain('Tỷ lệ kỳ trước');
    expect(labels(forView(figures, 'data'))).toContain('Tỷ lệ kỳ trước');
    const change = figures.find((f) => f.label.vi === 'Thay đổi (điểm %)')!;
    expect(change.cell).toMatchObject({ type: 'points', text: '+2,5', value: 2.5, tone: 'good' });
    expect(change.remark).toBe('Tỷ lệ kỳ trước: 90 %');
    const rate = figures.find((f) => f.label.vi === 'Tỷ lệ hoàn thành')!;
    expect(rate.cell).toMatchObject({ text: '92,5 %', value: 92.5 });
    expect(figures[0]).toMatchObject({ accent: 'doneOnTime', cell: { type: 'integer', value: 33 } });
  });

  it('formats the per-unit figures once: rates, signed change, the threshold flag', () => {
    const units = tableOf(doc, 'byUnit');
    const k = rowWhere(units, 'unit', 'Phòng Kinh tế, Hạ tầng và Đô thị');
    expect(k.completionRate).toMatchObject({ type: 'percent', text: '77,8 %', value: 77.8 });
    expect(k.change).toMatchObject({ type: 'points', text: '\u22127,9', value: -7.9, tone: 'bad' });
    expect(k.belowThreshold).toMatchObject({ text: 'Có', value: 'Có', strong: true });
    expect(units.rows.filter((r) => r.flagged)).toHaveLength(1);
    const cap = rowWhere(units, 'unit', 'Công an phường');
    expect(cap.change).toMatchObject({ text: '—', value: null });
    expect(cap.change!.tone).toBeUndefined();
    expect(cap.belowThreshold).toMatchObject({ text: '', value: 'Không' });
    expect(units.columns.find((c) => c.id === 'belowThreshold')!.label.vi).toBe('Dưới ngưỡng 80 %');
    expect(units.footer).toMatchObject({ label: 'Tổng cộng', span: 1 });
    expect(units.footer!.cells).toHaveLength(units.columns.length - 1);
    // Units by name only: no code column in either view.
    expect(units.columns.map((c) => c.id)).not.toContain('unitCode');
  });

  it('draws the unit chart from the same figures, one bar per unit, the flagged one marked', () => {
    const chart = sectionOf(doc, 'byUnit').chart!;
    expect(chart.kind).toBe('stacked');
    if (chart.kind !== 'stacked') return;
    expect(chart.series.map((s) => s.key)).toEqual(['doneOnTime', 'doneLate', 'openInTime', 'openOverdue']);
    expect(chart.bars.map((b) => b.label)).toEqual(fixture.byUnit.map((u) => u.unit.name));
    expect(chart.bars.filter((b) => b.flagged).map((b) => b.label)).toEqual([
      'Phòng Kinh tế, Hạ tầng và Đô thị',
    ]);
    const area = sectionOf(doc, 'byArea').chart!;
    expect(area.kind === 'rate' && area.bars.map((b) => b.text)).toContain('91,7 %');
  });

  it('prints overdue rows numbered with the task’s id and area under its title; data keeps ids and the level', () => {
    const overdue = tableOf(doc, 'overdue');
    expect(labels(forView(overdue.columns, 'print'))).toEqual([
      'STT',
      'Nhiệm vụ',
      'Đơn vị thực hiện',
      'Đơn vị chủ trì',
      'Hạn hoàn thành',
      'Số ngày quá hạn',
      'Mức đôn đốc',
      'Đơn vị phối hợp',
    ]);
    expect(labels(forView(overdue.columns, 'data'))).toEqual([
      'Mã nhiệm vụ',
      'Nhiệm vụ',
      'Lĩnh vực',
      'Lượt',
      'Đơn vị thực hiện',
      'Đơn vị chủ trì',
      'Hạn hoàn thành',
      'Số ngày quá hạn',
      'Mức đôn đốc',
      'Diễn giải',
      'Đơn vị phối hợp',
    ]);
    const row = overdue.rows[1]!;
    expect(cellsFor(overdue.columns, row.cells, 'print').map((c) => c.text)).toEqual([
      '2',
      'Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính còn hiệu lực',
      'Phòng Kinh tế, Hạ tầng và Đô thị',
      'Trung tâm Phục vụ hành chính công phường',
      '10/03/2027',
      '4',
      'Mức 1',
      '',
    ]);
    const cdso4 = rowWhere(overdue, 'taskId', 'CDS-04');
    expect(cdso4.task!.detail).toBe('CDS-04 · Chuyển đổi số');
    expect(cdso4.dueDate).toMatchObject({ type: 'date', text: '28/02/2027', value: '2027-02-28' });
    expect(cdso4.escalationLevel).toMatchObject({ type: 'integer', value: 2 });
    expect(cdso4.daysOverdue).toMatchObject({ value: 14, tone: 'bad' });
  });

  it('groups indicators: heading, measure and target, the units that have not reported', () => {
    const { groups } = sectionOf(doc, 'indicators').groups!;
    expect(groups.map((g) => g.heading)).toEqual(fixture.indicators.map((i) => ({ text: i.title })));
    const second = groups[1]!;
    expect(second.intro).toEqual(['Đơn vị tính: văn bản · Mục tiêu: ', { text: '≥ 5', strong: true }]);
    expect(second.notes).toEqual([
      { label: { vi: 'Chưa báo cáo', en: 'Not reported' }, detail: 'Phòng Văn hóa – Xã hội', tone: 'bad' },
    ]);
    // The missing unit is a flagged data row, not a printed one.
    expect(forView(second.rows, 'print')).toHaveLength(1);
    const missing = forView(second.rows, 'data')[1]!;
    expect(missing.flagged).toBe(true);
    expect(missing.cells.map((c) => c.value)).toEqual([
      'Phòng Văn hóa – Xã hội',
      '2027-03',
      null,
      'Chưa báo cáo',
    ]);
    expect(groups[0]!.keys.map((c) => c.value)).toEqual([fixture.indicators[0]!.title, '%', '≥ 80 %']);
  });

  it('groups evidence by criterion; only http(s) links are links', () => {
    const c = structuredClone(fixture);
    c.criteria[0]!.evidence[1]!.link = 'javascript:alert(1)';
    c.criteria[1]!.evidence = [];
    const { groups, columns } = sectionOf(reportSections(c), 'evidence').groups!;
    expect(groups[0]!.heading).toEqual({ text: 'Tiêu chí 2.3 — đã hoàn thành 2/3 nhiệm vụ' });
    const link = columns.findIndex((col) => col.id === 'link');
    expect(groups[0]!.rows[0]!.cells[link]!.href).toBe('https://donghai.example.gov.vn/van-ban/45-bc-ubnd');
    expect(groups[0]!.rows[1]!.cells[link]).toMatchObject({ value: 'javascript:alert(1)' });
    expect(groups[0]!.rows[1]!.cells[link]!.href).toBeUndefined();
    const completed = columns.findIndex((col) => col.id === 'completedAt');
    // 08:15 UTC is 15:15 in Vietnam.
    expect(groups[0]!.rows[0]!.cells[completed]!.text).toBe('02/03/2027 15:15');
    // Without evidence: nothing printed but the note, one data row so the counts show.
    expect(forView(groups[1]!.rows, 'print')).toHaveLength(0);
    expect(forView(groups[1]!.rows, 'data')).toHaveLength(1);
    expect(groups[1]!.empty).toMatchObject({ label: { vi: 'Chưa có minh chứng.' }, tone: 'muted' });
    expect(groups[1]!.keys.map((k) => k.value)).toEqual(['6.1', 4, 2]);
  });

  it('says so when nothing is overdue and the plan has no indicators', () => {
    const c = structuredClone(fixture);
    c.overdue = [];
    c.indicators = [];
    const empty = reportSections(c);
    expect(tableOf(empty, 'overdue').rows).toEqual([]);
    expect(sectionOf(empty, 'overdue').empty!.label.vi).toBe('Không có nhiệm vụ quá hạn.');
    expect(sectionOf(empty, 'indicators').groups!.groups).toEqual([]);
    expect(sectionOf(empty, 'indicators').empty!.label.vi).toBe('Kế hoạch không có chỉ tiêu.');
  });

  it('leaves the report content untouched', () => {
    const c = structuredClone(fixture);
    reportSections(c);
    expect(c).toEqual(fixture);
  });

  it('labels a report taken before its period ended as an interim, in words and with its instant', () => {
    const c = structuredClone(fixture);
    // Generated on 02/12/2026 at 21:00 (Vietnam) for March 2027: nothing after that instant is in the figures.
    c.asOf = '2027-03-14T17:00:00.000Z';
    c.generatedAt = '2026-12-02T14:00:00.000Z';
    const early = reportSections(c);
    expect(early.interim?.label).toBe('Tạm tính đến 02/12/2026 21:00');
    expect(early.title).toBe(`${fixture.report.title} — Tháng 3/2027 (15/02 – 14/03/2027) (tạm tính)`);
    expect(forView(early.facts, 'print')[0]).toMatchObject({
      label: { vi: 'Tình trạng số liệu' },
      cell: { text: 'Tạm tính đến 02/12/2026 21:00', tone: 'bad' },
    });
    // On demand as of a day inside the window, computed afterwards: interim up to the end of that day.
    c.asOf = '2027-03-01T17:00:00.000Z';
    c.generatedAt = '2027-03-20T01:00:00.000Z';
    expect(reportSections(c).interim?.label).toBe('Tạm tính đến hết ngày 01/03/2027');
    // One instant before the cut-off is still an interim; the cut-off itself is final.
    c.asOf = '2027-03-14T16:59:59.000Z';
    expect(reportSections(c).interim?.label).toBe('Tạm tính đến 14/03/2027 23:59');
    c.asOf = '2027-03-14T17:00:00.000Z';
    expect(reportSections(c).interim).toBeNull();
  });

  it('names quarterly, half-year and yearly periods with their windows', () => {
    const c = structuredClone(fixture);
    const label = (period: string, from: string, to: string) => {
      c.period = period;
      c.window = { from, to };
      c.asOf = c.generatedAt = '2028-01-01T00:00:00.000Z';
      return forView(reportSections(c).facts, 'print').find((f) => f.label.vi === 'Kỳ báo cáo')!.cell.text;
    };
    expect(label('2027-Q1', '2026-12-15', '2027-03-14')).toBe('Quý I/2027 (15/12/2026 – 14/03/2027)');
    expect(label('2027-H1', '2026-12-15', '2027-06-14')).toBe(
      '6 tháng đầu năm 2027 (15/12/2026 – 14/06/2027)',
    );
    expect(label('2027', '2026-12-15', '2027-12-14')).toBe('Năm 2027 (15/12/2026 – 14/12/2027)');
  });

  it('dates an overdue task by the last day of its deadline instant, not by a stale due date', () => {
    const c = structuredClone(fixture);
    // Extended from 28/02 to 05/03: the stored dueDate still says 28/02, the instant is the end of 05/03.
    c.overdue[0]!.dueDate = '2027-02-28';
    c.overdue[0]!.dueAt = '2027-03-05T17:00:00.000Z';
    // A deadline with a time of day keeps it.
    c.overdue[1]!.dueAt = '2027-03-10T08:05:00.000Z';
    const t = tableOf(reportSections(c), 'overdue');
    const due = t.columns.findIndex((col) => col.id === 'dueDate');
    expect(t.rows[0]!.cells[due]).toMatchObject({ type: 'date', text: '05/03/2027', value: '2027-03-05' });
    expect(t.rows[1]!.cells[due]).toMatchObject({ text: '15:05 ngày 10/03/2027', value: '2027-03-10' });
    // A run stored before the instant was kept shows its date as stored.
    expect(t.rows[2]!.cells[due]).toMatchObject({ text: fmt(fixture.overdue[2]!.dueDate) });
  });
});

describe('the coordination column', () => {
  it('says which coordinating units reported, in the overdue list and beside the evidence', () => {
    const content = structuredClone(fixture);
    content.overdue[0]!.coordinators = [
      { code: 'van_phong', name: 'Văn phòng UBND', reported: true },
      { code: 'tu_phap', name: 'Công chức Tư pháp', reported: false },
    ];
    const withEvidence = content.criteria.find((c) => c.evidence.length > 0)!;
    withEvidence.evidence[0]!.coordinators = [{ code: 'van_phong', name: 'Văn phòng UBND', reported: false }];
    const doc = reportSections(content);
    const overdue = tableOf(doc, 'overdue');
    const column = overdue.columns.findIndex((c) => c.id === 'coordination');
    expect(overdue.rows[0]!.cells[column]!.text).toBe(
      'Văn phòng UBND: đã báo cáo; Công chức Tư pháp: chưa báo cáo',
    );
    expect(overdue.rows[1]!.cells[column]!.text).toBe('');
    const groups = sectionOf(doc, 'evidence').groups!;
    const at = groups.columns.findIndex((c) => c.id === 'coordination');
    const texts = groups.groups.flatMap((g) => g.rows.map((r) => r.cells[at]?.text));
    expect(texts).toContain('Văn phòng UBND: chưa báo cáo');
  });
});
