import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ASSIGNMENT_TEMPLATES } from '../../apps/mailer/templates/assignment.js';
import { DIGEST_TEMPLATES } from '../../apps/mailer/templates/digest.js';
import { formatDate, formatPercent } from '../../apps/mailer/templates/format.js';
import {
  MAIL_KINDS,
  renderMail,
  UnknownMailKindError,
  type MailInput,
} from '../../apps/mailer/templates/index.js';
import {
  HTML_LAYOUT,
  HTML_PARTIALS,
  TEXT_LAYOUT,
  TEXT_PARTIALS,
} from '../../apps/mailer/templates/layout.js';
import { REPORT_TEMPLATES } from '../../apps/mailer/templates/report.js';
import type { NotificationKind } from '../../workflows/contracts.js';
import { buildDigest } from '../../workflows/digest-content.js';

/** What handlebars' {{ }} does to a value. */
const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"'`=]/g,
    (c) =>
      ({
        '&': '&amp;',
        '<': '&lt;',
        '>': '&gt;',
        '"': '&quot;',
        "'": '&#x27;',
        '`': '&#x60;',
        '=': '&#x3D;',
      })[c]!,
  );

const AT = '2027-03-01T01:00:00.000Z'; // 08:00 on 01/03/2027 in Hà Nội
const DUE = '2027-02-26T16:59:59.999Z'; // end of 26/02/2027 in Hà Nội
const ACK = {
  url: 'https://dondoc.example.gov.vn/api/one-click/eyJpZCI6IngifQ.c2ln',
  expiresAt: new Date('2027-03-15T01:00:00Z'),
};

/** The payload the assignment workflow writes for every kind, plus what the kind adds. */
function assignmentPayload(
  extra: Record<string, unknown> = {},
  title = 'Ban hành Kế hoạch CCHC năm 2027 của phường',
) {
  return {
    planCode: 'kh-2027',
    task: { id: 'CĐ.01', title, area: 'direction', output: 'Kế hoạch CCHC năm 2027' },
    occurrence: '',
    unit: {
      code: 'van_phong',
      name: 'Văn phòng HĐND và UBND phường',
      email: 'vanphong.tanlap@daklak.gov.vn',
    },
    dueAt: DUE,
    ...extra,
  };
}

const EXTRA: Record<string, Record<string, unknown>> = {
  assigned: {
    schedule: {
      dueDate: '2027-02-26',
      dueAt: DUE,
      acknowledgeBy: '2027-01-19T10:00:00.000Z',
      reminders: [],
      escalations: [],
      checkIns: [],
    },
  },
  acknowledge_reminder: {},
  reminder: { label: 'trước 5 ngày làm việc / 5 working days before', when: 'before' },
  overdue: {},
  check_in: {},
  escalation: { level: 2, overdueSince: DUE },
  extension_requested: {
    newDueDate: '2027-03-20',
    reason: 'Chờ ý kiến Sở Nội vụ',
    requestedBy: 'nguyenvana',
  },
  extension_decided: { approved: true, previousDueAt: '2027-02-19T16:59:59.999Z', note: 'Đồng ý' },
  reopened: { reason: 'Thiếu văn bản kiểm chứng' },
  cancelled: { reason: 'Nhiệm vụ không còn phù hợp' },
  amended: { previousDueAt: '2027-02-19T16:59:59.999Z', planVersion: 2 },
};

const digestContent = () =>
  buildDigest(
    'kh-2027',
    { kind: 'person', id: 'chu_tich', name: 'Chủ tịch UBND phường', email: 'chutich@daklak.gov.vn' },
    AT,
    [
      {
        assignmentId: 'a1',
        planCode: 'kh-2027',
        unit: { code: 'van_phong', name: 'Văn phòng HĐND và UBND phường' },
        task: { id: 'CĐ.01', title: 'Ban hành Kế hoạch CCHC' },
        occurrence: '',
        dueAt: '2027-02-01T16:59:59.999Z',
        level: 2,
        escalatedAt: '2027-02-03T01:00:00.000Z',
      },
      {
        assignmentId: 'a2',
        planCode: 'kh-2027',
        unit: { code: 'mot_cua', name: 'Bộ phận một cửa phường' },
        task: { id: 'TT.01', title: 'Niêm yết công khai TTHC' },
        occurrence: '2027-Q1',
        dueAt: DUE,
        level: 1,
        escalatedAt: AT,
      },
    ],
    ['cong_an'],
  );

const reportFixture = () =>
  JSON.parse(
    readFileSync(new URL('../fixtures/reports/monthly-report.json', import.meta.url), 'utf8'),
  ) as Record<string, unknown>;

/** The content the engine's compileReport activity stores. */
const engineReport = {
  plan: { code: 'kh-2027', title: 'Kế hoạch CCHC năm 2027 của UBND phường Tân Lập', version: 1 },
  report: { id: 'bc-thang', title: 'Báo cáo tháng' },
  period: '2027-02',
  window: { from: '2027-01-15', to: '2027-02-14' },
  cutOffAt: '2027-02-14T16:59:59.999Z',
  dueAt: '2027-02-17T16:59:59.999Z',
  units: [
    {
      unitCode: 'van_phong',
      unitName: 'Văn phòng HĐND và UBND phường',
      total: 4,
      due: 3,
      doneOnTime: 2,
      doneLate: 0,
      openInTime: 1,
      openOverdue: 1,
    },
    {
      unitCode: 'mot_cua',
      unitName: 'Bộ phận một cửa phường',
      total: 2,
      due: 0,
      doneOnTime: 0,
      doneLate: 0,
      openInTime: 2,
      openOverdue: 0,
    },
  ],
  totals: {
    assignments: 6,
    due: 3,
    doneOnTime: 2,
    doneLate: 0,
    openOverdue: 1,
    openInTime: 3,
    completionRate: 66.7,
  },
};

function input(kind: string, over: Partial<MailInput> = {}): MailInput {
  if (kind === 'digest') {
    const content = digestContent();
    return {
      kind,
      recipient: 'person:chu_tich',
      recipientName: 'Chủ tịch UBND phường',
      at: AT,
      payload: { ...content },
      publicUrl: 'https://dondoc.example.gov.vn',
      ...over,
    };
  }
  if (kind === 'report')
    return {
      kind,
      recipient: 'unit:noi_vu',
      recipientName: 'Phòng Nội vụ',
      at: '2027-02-14T16:59:59.999Z',
      payload: {
        reportKey: 'report/kh-2027/bc-thang/2027-02',
        recipient: { kind: 'unit', id: 'noi_vu', name: 'Phòng Nội vụ' },
        title: 'Báo cáo tháng',
        period: '2027-02',
      },
      publicUrl: 'https://dondoc.example.gov.vn',
      report: {
        content: engineReport,
        url: 'https://dondoc.example.gov.vn/api/reports/report%2Fkh-2027%2Fbc-thang%2F2027-02',
      },
      ...over,
    };
  return {
    kind,
    recipient: kind === 'extension_requested' ? 'unit:ubnd_phuong' : 'unit:van_phong',
    recipientName:
      kind === 'extension_requested' ? 'Ủy ban nhân dân phường Tân Lập' : 'Văn phòng HĐND và UBND phường',
    at: AT,
    payload: assignmentPayload(EXTRA[kind]),
    publicUrl: 'https://dondoc.example.gov.vn',
    ...over,
  };
}

const ALL_KINDS: NotificationKind[] = [
  'assigned',
  'acknowledge_reminder',
  'reminder',
  'overdue',
  'check_in',
  'escalation',
  'extension_requested',
  'extension_decided',
  'reopened',
  'cancelled',
  'amended',
  'digest',
  'report',
];

describe('mail templates', () => {
  it('cover every notification kind the engine writes', () => {
    expect([...MAIL_KINDS].sort()).toEqual([...ALL_KINDS].sort());
  });

  it.each(ALL_KINDS)(
    '%s: a one-line subject, Vietnamese then English in text and HTML, nothing left unfilled',
    (kind) => {
      const m = renderMail(input(kind));
      expect(m.subject).toMatch(/^\[Đôn Đốc\] .+ \/ [A-Z][a-z]/);
      expect(m.subject).not.toMatch(/[\r\n]/);
      for (const body of [m.subject, m.text, m.html]) {
        expect(body).not.toMatch(/undefined|\[object Object\]|NaN|\{\{|\}\}/);
      }
      expect(m.text.indexOf('Kính gửi:')).toBeGreaterThanOrEqual(0);
      expect(m.text.indexOf('Kính gửi:')).toBeLessThan(m.text.indexOf('Dear '));
      expect(m.text).not.toMatch(/\n{3,}/);
      expect(m.html.indexOf('lang="vi"')).toBeLessThan(m.html.indexOf('lang="en"'));
      expect(m.html).toContain(`<title>${escapeHtml(m.subject)}</title>`);
    },
  );

  it('gives subjects in Vietnamese with the task and its date as dd/mm/yyyy', () => {
    expect(renderMail(input('assigned')).subject).toBe(
      '[Đôn Đốc] Giao nhiệm vụ: Ban hành Kế hoạch CCHC năm 2027 của phường (hạn 26/02/2027) / New assignment',
    );
    expect(renderMail(input('overdue')).subject).toBe(
      '[Đôn Đốc] Nhiệm vụ quá hạn: Ban hành Kế hoạch CCHC năm 2027 của phường (hạn 26/02/2027) / Overdue',
    );
    expect(renderMail(input('escalation')).subject).toBe(
      '[Đôn Đốc] Báo cáo cấp 2: Văn phòng HĐND và UBND phường chưa hoàn thành "Ban hành Kế hoạch CCHC năm 2027 của phường" / Escalation level 2',
    );
    expect(renderMail(input('extension_decided')).subject).toContain('Đồng ý gia hạn');
    const refused = input('extension_decided');
    refused.payload = assignmentPayload({ approved: false, note: 'Không đủ căn cứ' });
    expect(renderMail(refused).subject).toContain('Không đồng ý gia hạn');
    expect(renderMail(refused).text).toContain('Ý kiến: Không đủ căn cứ');
  });

  it('writes the details an official needs: deadline, area, acknowledge-by, reasons, the new date', () => {
    const assigned = renderMail(input('assigned'));
    expect(assigned.text).toContain('Thời hạn: 26/02/2027');
    expect(assigned.text).toContain('Lĩnh vực: Chỉ đạo, điều hành');
    expect(assigned.text).toContain('Area: Direction and management');
    expect(assigned.text).toContain('trước ngày 19/01/2027');
    const ext = renderMail(input('extension_requested'));
    expect(ext.text).toContain('đề nghị gia hạn nhiệm vụ sau đến ngày 20/03/2027');
    expect(ext.text).toContain('Lý do: Chờ ý kiến Sở Nội vụ');
    const amended = renderMail(input('amended'));
    expect(amended.text).toContain('thay đổi từ 19/02/2027 thành 26/02/2027');
    const reminder = renderMail(input('reminder'));
    expect(reminder.text).toContain('Nhắc việc (trước 5 ngày làm việc)');
    expect(reminder.text).toContain('Reminder (5 working days before)');
    const escalation = renderMail(input('escalation'));
    expect(escalation.text).toContain('quá hạn 2 ngày (thời hạn 26/02/2027)');
  });

  it('adds the one-click link only when given one, in both parts', () => {
    for (const kind of ['assigned', 'acknowledge_reminder', 'reminder', 'overdue', 'escalation']) {
      const withLink = renderMail(input(kind, { acknowledge: ACK }));
      expect(withLink.text).toContain(ACK.url);
      expect(withLink.text).toContain('có hiệu lực đến hết ngày 15/03/2027');
      expect(withLink.html).toContain(`href="${ACK.url}"`);
      const without = renderMail(input(kind));
      expect(without.text).not.toContain('/api/one-click/');
      expect(without.html).not.toContain('/api/one-click/');
    }
  });

  it('asks the unit itself to act, and a supervisor to direct the unit', () => {
    const toUnit = renderMail(input('escalation'));
    expect(toUnit.text).toContain('Đề nghị đơn vị khẩn trương thực hiện');
    const toChair = renderMail(
      input('escalation', { recipient: 'person:chu_tich', recipientName: 'Chủ tịch UBND phường' }),
    );
    expect(toChair.text).toContain('Đề nghị đồng chí chỉ đạo, đôn đốc đơn vị');
    expect(toChair.text).toContain('Please direct the unit');
  });

  it('escapes user-written text in HTML and keeps it as written in text', () => {
    const nasty = '<script>alert("x")</script> & <img src=x onerror=alert(1)>';
    for (const kind of ['assigned', 'extension_requested', 'extension_decided', 'reopened', 'cancelled']) {
      const i = input(kind, { recipientName: nasty });
      i.payload = assignmentPayload(
        {
          ...EXTRA[kind],
          reason: nasty,
          note: nasty,
          requestedBy: nasty,
          unit: { code: 'van_phong', name: nasty },
        },
        nasty,
      );
      const m = renderMail(i);
      expect(m.html).not.toContain('<script');
      expect(m.html).not.toContain('<img');
      expect(m.html).toContain(
        '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;',
      );
      expect(m.text).toContain(nasty);
    }
    const digest = digestContent();
    digest.units[0]!.items[0]!.title = nasty;
    const d = renderMail(input('digest', { payload: { ...digest } }));
    expect(d.html).not.toContain('<script');
    expect(d.text).toContain(nasty);
  });

  it('never uses triple braces in a template', () => {
    const sources = [
      HTML_LAYOUT,
      TEXT_LAYOUT,
      ...Object.values(HTML_PARTIALS),
      ...Object.values(TEXT_PARTIALS),
      ...[...Object.values(ASSIGNMENT_TEMPLATES), DIGEST_TEMPLATES, REPORT_TEMPLATES].flatMap((t) =>
        Object.values(t),
      ),
    ];
    for (const s of sources) expect(s).not.toContain('{{{');
  });

  it('keeps a subject on one line whatever the title holds', () => {
    const i = input('assigned');
    i.payload = assignmentPayload(EXTRA.assigned, 'Dòng một\r\nBcc: ai-do@example.com\tdòng hai');
    expect(renderMail(i).subject).toBe(
      '[Đôn Đốc] Giao nhiệm vụ: Dòng một Bcc: ai-do@example.com dòng hai (hạn 26/02/2027) / New assignment',
    );
  });

  it('lists a digest by unit, red first, with days overdue, level and the roll-up', () => {
    const m = renderMail(input('digest'));
    expect(m.subject).toBe(
      '[Đôn Đốc] Tổng hợp nhiệm vụ quá hạn ngày 01/03/2027: 1 đỏ, 1 vàng / Overdue digest',
    );
    expect(m.text).toContain(
      'Đỏ (cần chỉ đạo ngay): 1 đơn vị · Vàng: 1 đơn vị · Xanh (đã xử lý từ lần trước): 1 đơn vị · Tổng số nhiệm vụ: 2',
    );
    expect(m.text).toContain(
      '[Đỏ] Văn phòng HĐND và UBND phường\n  - Ban hành Kế hoạch CCHC: hạn 01/02/2027, quá hạn 27 ngày, cấp 2',
    );
    expect(m.text.indexOf('[Đỏ]')).toBeLessThan(m.text.indexOf('[Vàng] Bộ phận một cửa phường'));
    expect(m.text).toContain('Niêm yết công khai TTHC (kỳ 2027-Q1): hạn 26/02/2027, quá hạn 2 ngày, cấp 1');
    expect(m.html).toContain('<th');
    expect(m.html).toContain('Quá hạn (ngày)');
    expect(m.text).toContain('Văn phòng HĐND và UBND phường — ');
  });

  it('says so when a digest has nothing left', () => {
    const empty = buildDigest(
      'kh-2027',
      { kind: 'person', id: 'chu_tich', name: 'Chủ tịch' },
      AT,
      [],
      ['van_phong'],
    );
    const m = renderMail(input('digest', { payload: { ...empty } }));
    expect(m.text).toContain('Không còn nhiệm vụ quá hạn nào cần báo cáo.');
    expect(m.text).toContain('Nothing overdue is left to report.');
    expect(m.subject).toContain('0 đỏ, 0 vàng');
  });

  it('summarises a report stored by the engine: totals, units, the link', () => {
    const m = renderMail(input('report'));
    expect(m.subject).toBe('[Đôn Đốc] Báo cáo: Báo cáo tháng – kỳ 2027-02 / Report');
    expect(m.text).toContain('Tổng số nhiệm vụ: 6');
    expect(m.text).toContain('Chưa hoàn thành – quá hạn: 1');
    expect(m.text).toContain('Tỷ lệ hoàn thành: 66,7 %');
    expect(m.text).toContain('Văn phòng HĐND và UBND phường: 2 / 0 / 1 / 1, 66,7 %');
    expect(m.text).toContain('Bộ phận một cửa phường: 0 / 0 / 2 / 0, —');
    expect(m.text).toContain(
      'Báo cáo đầy đủ: https://dondoc.example.gov.vn/api/reports/report%2Fkh-2027%2Fbc-thang%2F2027-02',
    );
    expect(m.html).toContain(
      'href="https://dondoc.example.gov.vn/api/reports/report%2Fkh-2027%2Fbc-thang%2F2027-02"',
    );
    expect(m.text).not.toContain('Tệp đính kèm');
  });

  it('summarises a report in the report content model and names its attachments', () => {
    const m = renderMail(
      input('report', {
        report: {
          content: reportFixture(),
          url: 'https://x/api/reports/k',
          attachments: ['bao-cao.pdf', 'bao-cao.xlsx'],
        },
      }),
    );
    expect(m.text).toContain('Tổng số nhiệm vụ: 50');
    expect(m.text).toContain('Tỷ lệ hoàn thành: 92,5 %');
    expect(m.text).toContain('Tệp đính kèm: bao-cao.pdf, bao-cao.xlsx.');
    expect(m.text).toContain('số liệu tính đến ngày');
  });

  it('still sends a report mail with the link when the run cannot be read', () => {
    const m = renderMail(input('report', { report: { content: null, url: 'https://x/api/reports/k' } }));
    expect(m.text).toContain('Chưa đọc được số liệu của báo cáo này');
    expect(m.text).toContain('https://x/api/reports/k');
  });

  it('refuses a kind it has no template for', () => {
    expect(() => renderMail(input('toString'))).toThrow(UnknownMailKindError);
    expect(() => renderMail(input('sms'))).toThrow(UnknownMailKindError);
  });

  it('shows dates as dd/mm/yyyy in Vietnam time and rates with a decimal comma', () => {
    expect(formatDate('2027-02-26T16:59:59.999Z')).toBe('26/02/2027');
    expect(formatDate('2027-02-26T17:00:00.000Z')).toBe('27/02/2027');
    expect(formatDate(new Date('2026-12-31T18:00:00Z'))).toBe('01/01/2027');
    expect(formatDate('2027-03-05')).toBe('05/03/2027');
    expect(formatDate(undefined)).toBe('');
    expect(formatPercent(92.5)).toBe('92,5 %');
    expect(formatPercent(100)).toBe('100 %');
    expect(formatPercent(null)).toBe('—');
  });
});
