import fc from 'fast-check';

/** Generators of syntactically valid plan text, mixing Vietnamese and English keywords and comments. */

const ids = ['ubnd', 'phong_noi_vu', 'so_tu_phap', 'xa_ea_kar', 'van_phong', 'cac_xa', 'tổ_một_cửa'];
const texts = ['Báo cáo', 'Kế hoạch CCHC năm 2027', 'Có "ngoặc kép" bên trong', 'Đơn vị ⟨mới⟩', 'x'];

const pick = <T>(xs: readonly T[]) => fc.constantFrom(...xs);
const str = pick(texts).map((t) => `"${t.replace(/"/g, '\\"')}"`);
const id = pick(ids);
const idList = fc.array(id, { minLength: 1, maxLength: 4 }).map((xs) => xs.join(', '));
const comment = fc.option(pick(['# ghi chú', '# note: xem lại', '#']), { nil: undefined });

const deadline = fc.oneof(
  pick([
    'ngày 30/06/2027',
    'on 15/03/2027',
    '30/06',
    'trước ngày 31/12/2027 lúc 17:00',
    'tháng 6',
    'month 9/2027',
    'quý II',
    'quarter 3',
    'quý IV/2027',
    '6 tháng đầu năm',
    'second half',
    'hằng tháng ngày 15',
    'monthly on day 5',
    'ngày 20 hằng tháng',
    'hằng quý ngày 05 tháng cuối quý',
    'quarterly on day 10 of the first month',
    'hằng năm ngày 25/11',
    'yearly on 01/12',
    'ngày 25/11 hằng năm',
    'định kỳ quý, 6 tháng, năm, chậm nhất ngày 20 tháng cuối kỳ',
    'every quarter, year, at the latest on day 14 of the last month of the period',
    'thường xuyên',
    'ongoing, review monthly on day 28',
    'thường xuyên, rà soát hằng quý ngày 20 tháng cuối quý',
    'weekly on friday',
    'hằng tuần vào thứ hai lúc 08:00',
    '10 ngày làm việc sau nhiệm vụ A.01',
    '30 days after publication',
    '5 ngày sau ban hành',
    'chậm nhất là ngày 10/12/2027',
    'at the latest 01/10/2027',
    'before 30/09',
    'từ ngày 12/12 đến ngày 05/01/2028',
    'from 01/03, monthly on day 5',
    'bắt đầu từ ngày 10/11',
    'đầu tháng 01/2028',
    'middle of month 3',
    'trước cuối tháng 9',
    'giữa năm',
    'end of year 2027',
    'định kỳ hằng tháng',
    'monthly',
    'theo thời gian quy định "Nghị định 61/2018/NĐ-CP"',
    'as regulated',
    'không quá 1 ngày làm việc kể từ khi nhận',
    'same day',
    'trước ngày 15 của tháng',
    'ngày 05 tháng cuối cùng của mỗi quý',
    'trước ngày 20.7.2027',
  ]),
);

const taskProps = fc.record({
  lead: fc.option(id, { nil: undefined }),
  support: fc.option(idList, { nil: undefined }),
  deadline: fc.option(deadline, { nil: undefined }),
  output: fc.option(str, { nil: undefined }),
  criterion: fc.option(pick(['"1.1"', '2.3', 'TC1']), { nil: undefined }),
  dependsOn: fc.option(pick(['A.01', 'A.01, B.02']), { nil: undefined }),
  policy: fc.option(pick(['p', 'khan']), { nil: undefined }),
  note: fc.option(str, { nil: undefined }),
  comment,
});

const task = fc
  .tuple(
    pick(['A.01', 'B.02', 'C.03', 'TC.04', 'X.CĐ.01']),
    fc.option(str, { nil: undefined }),
    taskProps,
    fc.boolean(),
  )
  .map(([tid, title, p, en]) => {
    const k = (vi: string, e: string) => (en ? e : vi);
    const lines = [
      p.lead && `${k('chủ trì', 'lead')}: ${p.lead}`,
      p.support && `${k('phối hợp', 'support')}: ${p.support}`,
      p.deadline && `${k('thời hạn', 'deadline')}: ${p.deadline}`,
      p.output && `${k('sản phẩm', 'output')}: ${p.output}`,
      p.criterion && `${k('tiêu chí', 'criterion')}: ${p.criterion}`,
      p.dependsOn && `${k('sau khi', 'depends on')}: ${p.dependsOn}`,
      p.policy && `${k('chính sách', 'policy')}: ${p.policy}`,
      p.note && `${k('ghi chú', 'note')}: ${p.note}`,
    ].filter((l): l is string => Boolean(l));
    const head = `  ${k('nhiệm vụ', 'task')} ${tid}${title ? ` ${title}` : ''}`;
    const body = lines.map((l, i) => `    ${l}${i === 0 && p.comment ? `  ${p.comment}` : ''}`);
    return lines.length > 0 ? [`${head}:`, ...body].join('\n') : head;
  });

const area = fc
  .tuple(
    pick(['thể chế', 'thủ tục hành chính', 'chính quyền số', 'direction', 'inspection', 'tài chính công']),
    fc.option(str, { nil: undefined }),
    fc.array(task, { minLength: 1, maxLength: 4 }),
    comment,
  )
  .map(([kind, title, tasks, c]) =>
    [...(c ? [c] : []), `lĩnh vực ${kind}${title ? ` ${title}` : ''}:`, ...tasks].join('\n'),
  );

const unit = fc
  .tuple(id, str, pick(['sở', 'xã', 'phòng', '"thị trấn"']), fc.option(id, { nil: undefined }), fc.boolean())
  .map(([uid, name, kind, parent, en]) =>
    en
      ? [
          `unit ${uid} ${name}:`,
          `  kind: ${kind}`,
          ...(parent ? [`  parent: ${parent}`] : []),
          `  email: "a@b.vn"`,
        ].join('\n')
      : [
          `đơn vị ${uid} ${name}:`,
          `  loại: ${kind}`,
          ...(parent ? [`  cấp trên: ${parent}`] : []),
          `  thư điện tử: "a@b.vn"`,
        ].join('\n'),
  );

const group = fc
  .tuple(id, pick(['loại xã', 'kind sở', 'trực thuộc ubnd', 'ubnd, xa_ea_kar']))
  .map(([gid, members]) => `nhóm ${gid} "Nhóm":\n  gồm: ${members}`);

const policy = fc
  .tuple(pick(['p', 'khan']), fc.boolean())
  .map(([pid, en]) =>
    en
      ? `policy ${pid}:\n  acknowledge within: 1 working day\n  remind: before 3 days, on the day at 08:00, after 1 working day\n  escalate:\n    level 1 after 1 working day: unit head, ubnd\n    level 2 after 5 working days: chairperson\n  digest: weekly on monday at 07:30`
      : `chính sách ${pid} "Thường":\n  tiếp nhận trong: 2 ngày làm việc\n  nhắc: trước 5 ngày làm việc, đúng hạn\n  leo thang:\n    bậc 1 sau 2 ngày làm việc: thủ trưởng đơn vị\n  tổng hợp: hằng ngày làm việc lúc 07:30`,
  );

const indicator = pick([
  'chỉ tiêu dung_han "Đúng hạn":\n  đơn vị tính: "%"\n  mục tiêu: ≥ 95,5%\n  chu kỳ: hằng tháng ngày 5\n  báo cáo bởi: cac_xa',
  'indicator qua_han:\n  measure: "hồ sơ"\n  target: <= 0\n  cadence: quarterly on day 5 of the last month at 08:00\n  reported by: kind xã',
]);

const report = pick([
  'báo cáo bc "Báo cáo":\n  kỳ: quý, 6 tháng, năm\n  chốt số liệu: ngày 14\n  hạn gửi: ngày 20 tháng cuối kỳ\n  người nhận: chủ tịch, ubnd\n  lập bởi: phong_noi_vu',
  'report bc_thang:\n  period: month\n  cut-off: day 14\n  due: day 5 of the next month\n  recipients: ubnd',
]);

const header = fc
  .tuple(fc.boolean(), fc.option(comment, { nil: undefined }))
  .map(([en, c]) =>
    [
      ...(c ? [c] : []),
      en
        ? 'plan "Plan":\n  issuer: ubnd\n  decision: "01/QĐ-UBND" on 04/01/2027\n  year: 2027\n  time zone: "Asia/Ho_Chi_Minh"\n  deadline day included: no\n  policy: p'
        : 'kế hoạch "Kế hoạch":\n  cơ quan ban hành: ubnd\n  quyết định: "01/QĐ-UBND" ngày 04/01/2027\n  năm: 2027\n  lịch: "vn"\n  tính cả ngày hạn: có\n  chính sách: p',
    ].join('\n'),
  );

/** A whole plan file: header, organisation, policies, areas, indicators, reports, includes, comments. */
export const planText = fc
  .tuple(
    header,
    fc.array(
      fc.oneof(
        unit,
        group,
        policy,
        area,
        indicator,
        report,
        pick(['bao gồm "don-vi.dondoc"', 'include "x.dondoc"']),
      ),
      {
        minLength: 1,
        maxLength: 8,
      },
    ),
    comment,
  )
  .map(([h, items, tail]) => `${[h, ...items].join('\n\n')}\n${tail ? `${tail}\n` : ''}`);
