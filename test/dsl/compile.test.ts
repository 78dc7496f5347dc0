import { describe, expect, it } from 'vitest';
import { compilePlan } from '../../dsl/compile/compile.js';
import { hashIr } from '../../dsl/compile/hash.js';
import { planIrSchema, type PlanIR } from '../../dsl/ir/schema.js';
import { formatPlan, hasErrors } from '../../dsl/index.js';
import { buildPlan, PAR_AREAS } from '../../apps/dev-stack/plan-builder.js';
import { checkFile, checkText, fixtureEntries, PLANS } from './helpers.js';

const PLAN = `
kế hoạch "Kế hoạch CCHC năm 2027 (thử)":
  cơ quan ban hành: ubnd_tinh
  quyết định: "01/KH-UBND" ngày 04/01/2027
  năm: 2027
  tính cả ngày hạn: có
  chính sách: thuong

đơn vị ubnd_tinh "UBND tỉnh":
  loại: tỉnh
  thư điện tử: "ubnd@tinh.gov.vn"

người chu_tich "Chủ tịch UBND tỉnh":
  chức vụ: chủ tịch
  đơn vị: ubnd_tinh
  thư điện tử: "chutich@tinh.gov.vn"

đơn vị so_noi_vu "Sở Nội vụ":
  loại: sở
  cấp trên: ubnd_tinh
  thủ trưởng: "Giám đốc Sở Nội vụ"
  thư điện tử: "snv@tinh.gov.vn"

đơn vị xa_a "UBND xã A":
  loại: xã
  cấp trên: ubnd_tinh
  thư điện tử: "xa.a@tinh.gov.vn"

đơn vị xa_b "UBND xã B":
  loại: xã
  cấp trên: ubnd_tinh
  thư điện tử: "xa.b@tinh.gov.vn"

nhóm cac_xa "Các xã":
  gồm: loại xã

chính sách thuong "Đôn đốc thông thường":
  tiếp nhận trong: 2 ngày làm việc
  nhắc: trước 5 ngày làm việc, đúng hạn lúc 08:00
  leo thang:
    bậc 1 sau 1 ngày làm việc: thủ trưởng đơn vị
    bậc 2 sau 5 ngày làm việc: chủ tịch
  tổng hợp: hằng tuần vào thứ hai lúc 07:30

lĩnh vực chỉ đạo điều hành "Chỉ đạo, điều hành":
  nhiệm vụ T1 "Ban hành kế hoạch tuyên truyền":
    chủ trì: so_noi_vu
    thời hạn: ngày 30/05/2027
  nhiệm vụ T2 "Báo cáo quý của các xã":
    chủ trì: cac_xa
    phối hợp: so_noi_vu
    thời hạn: hằng quý ngày 05 tháng cuối quý
  nhiệm vụ T3 "Kế hoạch kiểm tra":
    chủ trì: so_noi_vu
    thời hạn: 10 ngày làm việc sau ban hành
  nhiệm vụ T4 "Theo dõi thường xuyên":
    chủ trì: so_noi_vu
    thời hạn: thường xuyên, rà soát hằng quý ngày 20 tháng cuối quý
  nhiệm vụ T5 "Báo cáo tháng":
    chủ trì: so_noi_vu
    thời hạn: hằng tháng ngày 25

báo cáo bc_quy "Báo cáo CCHC quý":
  kỳ: quý
  chốt số liệu: ngày 14
  hạn gửi: ngày 20 tháng cuối kỳ
  người nhận: chu_tich
  lập bởi: so_noi_vu
`;

function compileText(text: string): PlanIR {
  const checked = checkText(text);
  expect(checked.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return compilePlan(checked.model);
}

const local = (iso: string) =>
  new Date(Date.parse(iso) + 7 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

describe('compiler to the plan IR', () => {
  const ir = compileText(PLAN);
  const byId = new Map(ir.assignments.map((a) => [a.id, a]));

  it('produces an IR that validates against the schema and carries its content hash', () => {
    expect(planIrSchema.parse(ir)).toBeTruthy();
    expect(ir.hash).toBe(hashIr(ir));
    expect(ir.plan).toMatchObject({ code: 'cchc-2027-ubnd-tinh', year: 2027, publishedOn: '2027-01-04' });
  });

  it('moves a deadline on a Sunday to Monday and computes reminders and the ladder in working days', () => {
    const t1 = byId.get('cchc-2027-ubnd-tinh/T1/so_noi_vu')!;
    expect(t1).toMatchObject({ dueDate: '2027-05-31', movedFrom: '2027-05-30', startsOn: '2027-01-04' });
    expect(local(t1.dueAt)).toBe('2027-06-01 00:00'); // the day ends at 24:00
    expect(local(t1.acknowledgeBy!)).toBe('2027-01-07 00:00'); // 2 working days after 4/1, end of day
    expect(t1.reminders.map((r) => local(r.at))).toEqual(['2027-05-24 08:00', '2027-05-31 08:00']);
    expect(t1.escalations.map((e) => [e.level, local(e.at), e.recipients.map((r) => r.id)])).toEqual([
      [1, '2027-06-01 08:00', ['so_noi_vu']],
      [2, '2027-06-07 08:00', ['chu_tich']],
    ]);
    expect(t1.escalations[0]!.recipients[0]).toMatchObject({
      name: 'Giám đốc Sở Nội vụ',
      email: 'snv@tinh.gov.vn',
    });
  });

  it('expands a group lead into one assignment per unit and a quarterly form into four occurrences', () => {
    const t2 = ir.assignments.filter((a) => a.taskId === 'T2');
    expect(t2.map((a) => `${a.unit} ${a.occurrence} ${a.dueDate}`)).toEqual([
      'xa_a 2027-Q1 2027-03-05',
      'xa_a 2027-Q2 2027-06-07', // 5/6 is a Saturday
      'xa_a 2027-Q3 2027-09-06', // 5/9 is a Sunday
      'xa_a 2027-Q4 2027-12-06',
      'xa_b 2027-Q1 2027-03-05',
      'xa_b 2027-Q2 2027-06-07',
      'xa_b 2027-Q3 2027-09-06',
      'xa_b 2027-Q4 2027-12-06',
    ]);
    expect(t2[1]!.startsOn).toBe('2027-04-01');
    expect(t2[0]!.coordinators).toEqual(['so_noi_vu']);
  });

  it('counts working days after publication, skipping the weekend', () => {
    expect(byId.get('cchc-2027-ubnd-tinh/T3/so_noi_vu')!.dueDate).toBe('2027-01-18');
  });

  it('gives an ongoing task year-end judgement and periodic check-ins on working days', () => {
    const t4 = byId.get('cchc-2027-ubnd-tinh/T4/so_noi_vu')!;
    expect(t4.kind).toBe('ongoing');
    expect(t4.dueDate).toBe('2027-12-31');
    expect(t4.checkIns.map(local)).toEqual([
      '2027-03-22 08:00',
      '2027-06-21 08:00',
      '2027-09-20 08:00',
      '2027-12-20 08:00',
    ]);
  });

  it('makes one assignment per month for a monthly task', () => {
    expect(ir.assignments.filter((a) => a.taskId === 'T5').map((a) => a.occurrence)).toHaveLength(12);
  });

  it('computes report windows by the 15→14 convention and moves the delivery day off the weekend', () => {
    const [q1] = ir.reports[0]!.occurrences;
    expect(q1).toMatchObject({ period: '2027-Q1', windowFrom: '2026-12-15', windowTo: '2027-03-14' });
    expect(local(q1!.cutOffAt)).toBe('2027-03-15 00:00');
    expect(local(q1!.dueAt)).toBe('2027-03-23 00:00'); // 20/3 is a Saturday → Monday 22/3, end of day
    expect(ir.reports[0]!.recipients.map((r) => r.id)).toEqual(['chu_tich']);
  });

  it('sends each recipient one digest, at the most frequent cadence among its policies', () => {
    const twoPolicies = compileText(
      PLAN.replace(
        '  nhiệm vụ T5 "Báo cáo tháng":\n    chủ trì: so_noi_vu\n',
        '  nhiệm vụ T5 "Báo cáo tháng":\n    chủ trì: so_noi_vu\n    chính sách: gap\n',
      ).replace(
        'lĩnh vực chỉ đạo',
        'chính sách gap "Gấp":\n  leo thang:\n    bậc 1 sau 1 ngày làm việc: chủ tịch\n  tổng hợp: hằng ngày làm việc lúc 07:00\n\nlĩnh vực chỉ đạo',
      ),
    );
    const chair = twoPolicies.digests.filter((d) => d.recipient.id === 'chu_tich');
    expect(chair.map((d) => [d.recurrence.kind, d.time])).toEqual([['dailyWorking', '07:00']]);
  });

  it('registers the escalation recipients for the weekly digest', () => {
    expect(ir.digests.map((d) => [d.recipient.id, d.recurrence.kind, d.time])).toEqual(
      expect.arrayContaining([
        ['so_noi_vu', 'weekly', '07:30'],
        ['chu_tich', 'weekly', '07:30'],
        ['xa_a', 'weekly', '07:30'],
      ]),
    );
  });

  it('treats "before day X" as exclusive when the plan says so', () => {
    const exclusive = compileText(
      PLAN.replace('tính cả ngày hạn: có', 'tính cả ngày hạn: không').replace(
        'ngày 30/05/2027',
        'trước ngày 02/06/2027',
      ),
    );
    expect(exclusive.assignments.find((a) => a.taskId === 'T1')!.dueDate).toBe('2027-06-01');
  });

  it('allows day X after "chậm nhất" and after a bare day whatever the setting', () => {
    for (const written of ['chậm nhất ngày 02/06/2027', 'chậm nhất là ngày 02/06/2027', 'ngày 02/06/2027']) {
      const plan = compileText(
        PLAN.replace('tính cả ngày hạn: có', 'tính cả ngày hạn: không').replace('ngày 30/05/2027', written),
      );
      expect(plan.assignments.find((a) => a.taskId === 'T1')!.dueDate).toBe('2027-06-02');
    }
  });

  it('is deterministic: the same text gives the same bytes', () => {
    expect(JSON.stringify(compileText(PLAN))).toBe(JSON.stringify(ir));
  });

  it('gives the same IR after rewriting the keywords into English (positions aside)', () => {
    const en = formatPlan(PLAN, { lang: 'en' });
    expect(en.text).toContain('task T1');
    const strip = (x: PlanIR) =>
      JSON.parse(JSON.stringify({ ...x, hash: '' }, (k, v: unknown) => (k === 'source' ? undefined : v)));
    expect(strip(compileText(en.text))).toEqual(strip(ir));
  });

  it.each([
    'plans/huyen-krong-nang-2023/ke-hoach.dondoc',
    'plans/tinh-dak-lak-2027/ke-hoach.dondoc',
    'plans/xa-ea-kar-2027/ke-hoach.dondoc',
  ])('compiles the example plan %s', (entry) => {
    const checked = checkFile(entry);
    expect(hasErrors(checked.diagnostics)).toBe(false);
    const plan = compilePlan(checked.model);
    expect(planIrSchema.safeParse(plan).success).toBe(true);
    expect(plan.assignments.length).toBeGreaterThan(20);
    expect(new Set(plan.assignments.map((a) => a.id)).size).toBe(plan.assignments.length);
    for (const a of plan.assignments) {
      expect(a.startsAt <= a.dueAt).toBe(true);
      for (const r of a.reminders) expect(r.at >= a.startsAt).toBe(true);
      for (const e of a.escalations) expect(e.at > a.dueAt).toBe(true);
    }
  });
});

describe('the hash of compiled plans', () => {
  /** Every object under `v` has its keys in sorted order. */
  const sortedKeys = (v: unknown): boolean => {
    if (Array.isArray(v)) return v.every(sortedKeys);
    if (v === null || typeof v !== 'object') return true;
    const keys = Object.keys(v);
    return keys.every((k, i) => i === 0 || keys[i - 1]! < k) && Object.values(v).every(sortedKeys);
  };
  const compiled = [
    ...['huyen-krong-nang-2023', 'tinh-dak-lak-2027', 'xa-ea-kar-2027'].map(
      (p) => `${PLANS}/${p}/ke-hoach.dondoc`,
    ),
    ...fixtureEntries(),
  ].flatMap((entry) => {
    const checked = checkFile(entry);
    return hasErrors(checked.diagnostics) || !checked.model
      ? []
      : [{ entry, ir: compilePlan(checked.model) }];
  });
  const generated = [
    buildPlan({ tasks: 40, areas: PAR_AREAS, weeklyDigest: true, coordinator: true, criterion: true }),
    buildPlan({ tasks: 30 }),
  ].map((text, i) => {
    const checked = checkText(text);
    return { entry: `generated ${i}`, ir: compilePlan(checked.model!) };
  });

  it.each([...compiled, ...generated].map((c) => [c.entry, c.ir] as const))(
    '%s: assignments and tasks built with sorted keys, so the hash is the canonical one',
    (_entry, ir) => {
      expect(ir.assignments.length).toBeGreaterThan(0);
      expect(sortedKeys(ir.assignments)).toBe(true);
      expect(sortedKeys(ir.tasks)).toBe(true);
      expect(ir.hash).toBe(hashIr(ir));
    },
  );
});

describe('diff of two plan versions', () => {
  it('lists added, removed and changed assignments', async () => {
    const { diffIr } = await import('../../dsl/ir/diff.js');
    const v1 = compileText(PLAN);
    const v2 = compileText(
      PLAN.replace('ngày 30/05/2027', 'ngày 30/06/2027') // T1 moves
        .replace(
          '  nhiệm vụ T3 "Kế hoạch kiểm tra":\n    chủ trì: so_noi_vu\n    thời hạn: 10 ngày làm việc sau ban hành\n',
          '',
        ) // T3 removed
        .replace(
          '    thời hạn: hằng tháng ngày 25\n',
          '    thời hạn: hằng tháng ngày 25\n  nhiệm vụ T6 "Mới":\n    chủ trì: xa_a\n    thời hạn: quý III\n',
        ),
    );
    const d = diffIr(v1, v2);
    expect(d.added.map((a) => a.id)).toEqual(['cchc-2027-ubnd-tinh/T6/xa_a']);
    expect(d.removed.map((a) => a.id)).toEqual(['cchc-2027-ubnd-tinh/T3/so_noi_vu']);
    expect(d.changed.map((c) => c.id)).toEqual(['cchc-2027-ubnd-tinh/T1/so_noi_vu']);
    expect(d.changed[0]!.fields.dueDate).toEqual({ from: '2027-05-31', to: '2027-06-30' });
    expect(d.unchanged).toBe(v1.assignments.length - 2);
  });
});

describe('a plan calendar from an ICS file', () => {
  const ICS = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//UBND tinh//Lich nghi//VI',
    'BEGIN:VEVENT',
    'UID:nghi-31-5-2027@tinh.gov.vn',
    'DTSTAMP:20270101T000000Z',
    'DTSTART;VALUE=DATE:20270531',
    'CATEGORIES:DAY-OFF',
    'SUMMARY:Nghỉ bù (thử)',
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');

  it('applies its days off on top of the Vietnamese calendar, in the checker, the compiler and the IR', () => {
    const text = PLAN.replace(
      '  tính cả ngày hạn: có',
      '  tính cả ngày hạn: có\n  lịch: "ngay-nghi-2027.ics"',
    );
    const checked = checkText(text, { 'ngay-nghi-2027.ics': ICS });
    expect(checked.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const ir = compilePlan(checked.model);
    const t1 = ir.assignments.find((a) => a.taskId === 'T1')!;
    expect(t1).toMatchObject({ dueDate: '2027-06-01', movedFrom: '2027-05-30' }); // Sunday, then the day off
    expect(ir.calendar.nonWorking).toContain('2027-05-31');
  });

  it('reports a missing ICS file at the calendar line', () => {
    const text = PLAN.replace('  tính cả ngày hạn: có', '  tính cả ngày hạn: có\n  lịch: "khong-co.ics"');
    const d = checkText(text).diagnostics.find((x) => x.code === 'DD3004')!;
    expect(d.range.start.line).toBe(7);
  });
});
