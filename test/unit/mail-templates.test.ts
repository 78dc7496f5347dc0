import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ASSIGNMENT_TEMPLATES } from '../../apps/mailer/templates/assignment.js';
import { DIGEST_TEMPLATES } from '../../apps/mailer/templates/digest.js';
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
// How the engine writes a deadline without a time: the midnight that ends the last day (24:00 on 26/02/2027,
// which is 00:00 on 27/02 in Hà Nội). Mails must say 26/02/2027.
const DUE = '2027-02-26T17:00:00.000Z';
const PLAN = {
  title: 'Kế hoạch cải cách hành chính năm 2027 của UBND phường Tân Lập',
  decision: '25/KH-UBND',
};
const ASSIGNMENT_ID = 'kh-2027/CĐ.01/van_phong';
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
  incident: { incidentId: 'x/action/a1', stepType: 'acknowledged', sqlstate: '23514', failures: 1 },
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
  extension_decided: { approved: true, previousDueAt: '2027-02-19T17:00:00.000Z', note: 'Đồng ý' },
  reopened: { reason: 'Thiếu văn bản kiểm chứng' },
  officer_assigned: { reassigned: true, note: 'Chị Lan nghỉ phép' },
  contribution_reported: {
    coordinator: { code: 'mot_cua', name: 'Bộ phận một cửa phường' },
    note: 'Đã góp ý 8 thủ tục',
  },
  cancelled: { reason: 'Nhiệm vụ không còn phù hợp' },
  amended: { previousDueAt: '2027-02-19T17:00:00.000Z', planVersion: 2 },
  // Written by the API rather than the engine: Home Affairs' "remind now", a unit named in a comment.
  manual_reminder: { reason: 'Sắp đến hạn báo cáo quý', requestedBy: 'noivu' },
  comment_mention: { note: '@Văn phòng HĐND và UBND phường đề nghị gửi số liệu.', requestedBy: 'motcua' },
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
        dueAt: '2027-02-01T17:00:00.000Z',
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

/** Kinds addressed to the Home Affairs office. */
const OFFICE_KINDS = new Set(['extension_requested', 'incident']);

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
      plan: PLAN,
      ...over,
    };
  }
  if (kind === 'invitation')
    return {
      kind,
      recipient: 'person:lan@tanlap.gov.vn',
      recipientName: 'Nguyễn Thị Lan',
      at: AT,
      payload: {
        url: 'https://dondoc.example.gov.vn/invitations/abc',
        unit: { code: 'van_phong', name: 'Văn phòng HĐND và UBND phường' },
        invitedByName: 'Lê Văn Hùng',
        expiresAt: '2027-01-18T02:00:00.000Z',
      },
      publicUrl: 'https://dondoc.example.gov.vn',
      ...over,
    };
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
    recipient: OFFICE_KINDS.has(kind) ? 'role:home_affairs' : 'unit:van_phong',
    recipientName: OFFICE_KINDS.has(kind) ? 'Cơ quan Nội vụ' : 'Văn phòng HĐND và UBND phường',
    at: AT,
    payload: assignmentPayload(EXTRA[kind]),
    publicUrl: 'https://dondoc.example.gov.vn',
    assignmentId: ASSIGNMENT_ID,
    plan: PLAN,
    ...(kind === 'extension_requested' ? { requestedByName: 'Nguyễn Văn A' } : {}),
    ...over,
  };
}

const ALL_KINDS: (NotificationKind | 'manual_reminder' | 'comment_mention')[] = [
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
  'manual_reminder',
  'comment_mention',
  'officer_assigned',
  'contribution_reported',
  'invitation',
  'digest',
  'report',
  'incident',
];

/** English words that must not appear in a Vietnamese mail (whole words, case-insensitive). */
const ENGLISH_WORDS = [
  'dear',
  'please',
  'task',
  'deadline',
  'unit',
  'plan',
  'report',
  'overdue',
  'reminder',
  'acknowledge',
  'assignment',
  'extension',
  'the',
  'and',
  'by',
  'due',
  'left',
  'english',
  'level',
  'escalation',
  'period',
  'approved',
  'refused',
  'reason',
  'note',
  'digest',
];

/** The text people read: links and markup are left out (an assignment's address carries its id). */
function readable(m: { subject: string; text: string; html: string }): string[] {
  const strip = (s: string) => s.replace(/https?:\/\/\S+/g, ' ');
  const htmlText = m.html
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&[a-z#0-9]+;/gi, ' ');
  return [m.subject, strip(m.text), strip(htmlText)];
}

const englishIn = (s: string) =>
  ENGLISH_WORDS.filter((w) => new RegExp(`(^|[^\\p{L}])${w}($|[^\\p{L}])`, 'iu').test(s));

describe('mail templates', () => {
  it('cover every notification kind the engine writes', () => {
    expect([...MAIL_KINDS].sort()).toEqual([...ALL_KINDS].sort());
  });

  it.each(ALL_KINDS)(
    '%s: Vietnamese only by default — one-line subject, no English, no codes, nothing left unfilled',
    (kind) => {
      const m = renderMail(input(kind, { acknowledge: ACK }));
      expect(m.subject).toMatch(/^\[Đôn Đốc\] /);
      expect(m.subject).not.toMatch(/[\r\n]/);
      for (const body of [m.subject, m.text, m.html])
        expect(body).not.toMatch(/undefined|\[object Object\]|NaN|\{\{|\}\}/);
      for (const body of readable(m)) {
        expect(englishIn(body)).toEqual([]);
        // No codes: unit codes, person/role keys, plan codes.
        expect(body).not.toMatch(/\w+_\w+|person:|unit:|role:|kh-2027/);
      }
      expect(m.text.startsWith('Kính gửi: ')).toBe(true);
      expect(m.text).not.toMatch(/\n{3,}/);
      expect(m.html).toContain('<html lang="vi">');
      expect(m.html).not.toContain('lang="en"');
      expect(m.html).toContain(`<title>${escapeHtml(m.subject)}</title>`);
    },
  );

  it.each(ALL_KINDS)('%s: English on request, with no Vietnamese frame', (kind) => {
    const m = renderMail(input(kind, { lang: 'en' }));
    expect(m.subject).toMatch(/^\[Đôn Đốc\] [A-Z]/);
    expect(m.text.startsWith('Dear ')).toBe(true);
    expect(m.html).toContain('<html lang="en">');
    for (const body of [m.subject, m.text, m.html]) {
      expect(body).not.toMatch(/undefined|\[object Object\]|NaN|\{\{|\}\}/);
      expect(body).not.toMatch(/Kính gửi|Thời hạn|Đề nghị đơn vị|vui lòng/);
    }
  });

  it('prints the last day of a deadline, not the midnight after it', () => {
    expect(renderMail(input('assigned')).subject).toBe(
      '[Đôn Đốc] Giao nhiệm vụ: Ban hành Kế hoạch CCHC năm 2027 của phường (hạn 26/02/2027)',
    );
    for (const kind of ['assigned', 'reminder', 'overdue', 'escalation', 'extension_decided', 'amended']) {
      const m = renderMail(input(kind));
      expect(m.text).toContain('Thời hạn: 26/02/2027');
      expect(m.text).not.toContain('27/02/2027');
    }
    // After an extension to the end of 30/07 the mail says 30/07, not 31/07.
    const extended = input('extension_decided');
    extended.payload = assignmentPayload({
      approved: true,
      dueAt: '2027-07-30T17:00:00.000Z',
      previousDueAt: '2027-07-15T17:00:00.000Z',
    });
    const m = renderMail(extended);
    expect(m.subject).toBe(
      '[Đôn Đốc] Đồng ý gia hạn: Ban hành Kế hoạch CCHC năm 2027 của phường (hạn mới 30/07/2027)',
    );
    expect(m.text).toContain('Thời hạn mới: 30/07/2027 (trước đây: 15/07/2027)');
    expect(m.text).not.toContain('31/07');
    expect(renderMail(input('amended')).text).toContain('thay đổi từ 19/02/2027 thành 26/02/2027');
    expect(renderMail(input('escalation')).text).toContain('(thời hạn 26/02/2027)');
  });

  it('shows the time of day when the plan gives one', () => {
    const i = input('reminder');
    // 15:05 on 26/02/2027 in Hà Nội.
    i.payload = assignmentPayload({ ...EXTRA.reminder, dueAt: '2027-02-26T08:05:00.000Z' });
    const m = renderMail(i);
    expect(m.subject).toContain('hạn 15:05 ngày 26/02/2027');
    expect(m.text).toContain('Thời hạn: 15:05 ngày 26/02/2027');
    expect(m.text).toContain('có thời hạn hoàn thành 15:05 ngày 26/02/2027');
  });

  it('says how long is overdue in hours under a day, never "0 ngày"', () => {
    const fiveHoursLate = renderMail(
      input('escalation', { at: AT, now: new Date(Date.parse(DUE) + 5 * 3_600_000 + 60_000) }),
    );
    expect(fiveHoursLate.text).toContain('quá hạn 5 giờ (thời hạn 26/02/2027)');
    expect(fiveHoursLate.text).not.toMatch(/0 ngày/);
    const days = renderMail(input('escalation'));
    expect(days.text).toContain('quá hạn 3 ngày (thời hạn 26/02/2027)');
    expect(days.subject).toBe(
      '[Đôn Đốc] Báo cáo cấp 2: Văn phòng HĐND và UBND phường chưa hoàn thành "Ban hành Kế hoạch CCHC năm 2027 của phường"',
    );
  });

  it('tells a reminder how long is left: days, or hours on the last day', () => {
    const before = renderMail(
      input('reminder', { at: '2027-02-19T01:00:00.000Z', now: new Date('2027-02-19T01:00:00.000Z') }),
    );
    expect(before.text).toContain('có thời hạn hoàn thành ngày 26/02/2027 (còn 7 ngày)');
    const lastDay = renderMail(input('reminder', { now: new Date('2027-02-26T12:00:00.000Z') }));
    expect(lastDay.text).toContain('(hạn hôm nay, còn 5 giờ)');
  });

  it('asks for the acknowledgement by its deadline in the assignment mail', () => {
    const m = renderMail(input('assigned'));
    // 19/01/2027 10:00 UTC is 17:00 in Hà Nội.
    expect(m.text).toContain('xác nhận đã tiếp nhận nhiệm vụ chậm nhất 17:00 ngày 19/01/2027');
    expect(m.text).toContain('báo cáo kết quả chậm nhất ngày 26/02/2027');
  });

  it('names the plan by its title and decision number, never its code', () => {
    for (const kind of ['assigned', 'reminder', 'escalation', 'digest']) {
      const m = renderMail(input(kind));
      expect(m.text).toContain('Kế hoạch cải cách hành chính năm 2027 của UBND phường Tân Lập (25/KH-UBND)');
      expect(m.text).not.toContain('kh-2027 ');
    }
    const noPlan = renderMail(input('assigned', { plan: undefined }));
    expect(noPlan.text).not.toContain('Kế hoạch:');
  });

  it('links to the assignment itself and offers the actions that fit', () => {
    const url = 'https://dondoc.example.gov.vn/assignments/kh-2027%2FC%C4%90.01%2Fvan_phong';
    // Not yet acknowledged: acknowledge in one click, and report progress.
    const fresh = renderMail(input('reminder', { acknowledge: ACK }));
    expect(fresh.text).toContain(
      `Xác nhận đã tiếp nhận nhiệm vụ (một lần bấm, dùng được đến 08:00 ngày 15/03/2027):\n${ACK.url}`,
    );
    expect(fresh.text).toContain(`Báo cáo tiến độ, kết quả thực hiện:\n${url}`);
    expect(fresh.html).toContain(`href="${ACK.url}"`);
    expect(fresh.html).toContain(`href="${url}"`);
    // Acknowledged already: no acknowledge link, the report action stays.
    const acked = renderMail(input('reminder'));
    expect(acked.text).not.toContain('/api/one-click/');
    expect(acked.html).not.toContain('/api/one-click/');
    expect(acked.text).toContain(`Báo cáo tiến độ, kết quả thực hiện:\n${url}`);
    // A supervisor is asked to look, the Home Affairs office to decide.
    expect(
      renderMail(input('escalation', { recipient: 'person:chu_tich', recipientName: 'Chủ tịch UBND phường' }))
        .text,
    ).toContain(`Xem tình hình thực hiện nhiệm vụ:\n${url}`);
    expect(renderMail(input('extension_requested')).text).toContain(`Xem xét, quyết định gia hạn:\n${url}`);
  });

  it('sends an extension request to the Home Affairs office with the requester by name', () => {
    const m = renderMail(input('extension_requested'));
    expect(m.text.startsWith('Kính gửi: Cơ quan Nội vụ\n')).toBe(true);
    expect(m.text).toContain(
      'đề nghị gia hạn nhiệm vụ sau đến hết ngày 20/03/2027 (thời hạn hiện tại: 26/02/2027)',
    );
    expect(m.text).toContain('Lý do: Chờ ý kiến Sở Nội vụ');
    expect(m.text).toContain('Người đề nghị: Nguyễn Văn A');
    expect(m.text).not.toContain('nguyenvana');
    const unnamed = renderMail(input('extension_requested', { requestedByName: undefined }));
    expect(unnamed.text).not.toContain('Người đề nghị');
  });

  it('writes the details an official needs: area, period, reasons', () => {
    const assigned = renderMail(input('assigned'));
    expect(assigned.text).toContain('Lĩnh vực: Chỉ đạo, điều hành');
    expect(renderMail(input('assigned', { lang: 'en' })).text).toContain('Area: Direction and management');
    const quarterly = input('overdue');
    quarterly.payload = assignmentPayload({ occurrence: '2027-Q1' });
    expect(renderMail(quarterly).text).toContain('Kỳ: Quý I/2027');
    const reminder = renderMail(input('reminder'));
    expect(reminder.text).toContain('Nhắc việc (trước 5 ngày làm việc)');
    expect(renderMail(input('reminder', { lang: 'en' })).text).toContain('Reminder (5 working days before)');
    const refused = input('extension_decided');
    refused.payload = assignmentPayload({ approved: false, note: 'Không đủ căn cứ' });
    expect(renderMail(refused).subject).toBe(
      '[Đôn Đốc] Không đồng ý gia hạn: Ban hành Kế hoạch CCHC năm 2027 của phường',
    );
    expect(renderMail(refused).text).toContain('Ý kiến: Không đủ căn cứ');
  });

  it('greets by name, never by code', () => {
    const m = renderMail(input('overdue', { recipientName: null, payload: assignmentPayload() }));
    expect(m.text.startsWith('Kính gửi: Quý cơ quan, đơn vị\n')).toBe(true);
    for (const body of readable(m)) expect(body).not.toContain('van_phong');
  });

  it('asks the unit itself to act, and a supervisor to direct the unit', () => {
    const toUnit = renderMail(input('escalation'));
    expect(toUnit.text).toContain('Đề nghị đơn vị khẩn trương thực hiện');
    const toChair = renderMail(
      input('escalation', { recipient: 'person:chu_tich', recipientName: 'Chủ tịch UBND phường' }),
    );
    expect(toChair.text).toContain('Đề nghị đồng chí chỉ đạo, đôn đốc đơn vị');
    const inEnglish = renderMail(
      input('escalation', {
        recipient: 'person:chu_tich',
        recipientName: 'Chủ tịch UBND phường',
        lang: 'en',
      }),
    );
    expect(inEnglish.text).toContain('Please direct the unit');
  });

  it('escapes user-written text in HTML and keeps it as written in text', () => {
    const nasty = '<script>alert("x")</script> & <img src=x onerror=alert(1)>';
    for (const kind of ['assigned', 'extension_requested', 'extension_decided', 'reopened', 'cancelled']) {
      const i = input(kind, { recipientName: nasty, requestedByName: nasty });
      i.payload = assignmentPayload(
        { ...EXTRA[kind], reason: nasty, note: nasty, unit: { code: 'van_phong', name: nasty } },
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
      ...Object.values(HTML_LAYOUT),
      ...Object.values(TEXT_LAYOUT),
      ...Object.values(HTML_PARTIALS).flatMap((p) => Object.values(p)),
      ...Object.values(TEXT_PARTIALS).flatMap((p) => Object.values(p)),
      ...[...Object.values(ASSIGNMENT_TEMPLATES), DIGEST_TEMPLATES, REPORT_TEMPLATES].flatMap((t) =>
        [t.vi, t.en].flatMap((l) => Object.values(l)),
      ),
    ];
    for (const s of sources) expect(s).not.toContain('{{{');
  });

  it('keeps a subject on one line whatever the title holds', () => {
    const i = input('assigned');
    i.payload = assignmentPayload(EXTRA.assigned, 'Dòng một\r\nBcc: ai-do@example.com\tdòng hai');
    expect(renderMail(i).subject).toBe(
      '[Đôn Đốc] Giao nhiệm vụ: Dòng một Bcc: ai-do@example.com dòng hai (hạn 26/02/2027)',
    );
  });

  it('lists a digest by unit, red first, with how long overdue, level and the roll-up', () => {
    const m = renderMail(input('digest'));
    expect(m.subject).toBe('[Đôn Đốc] Tổng hợp nhiệm vụ quá hạn ngày 01/03/2027: 1 đỏ, 1 vàng');
    expect(m.text).toContain('tính đến 08:00 ngày 01/03/2027');
    expect(m.text).toContain(
      'Đỏ (cần chỉ đạo ngay): 1 đơn vị · Vàng: 1 đơn vị · Xanh (đã xử lý từ lần trước): 1 đơn vị · Tổng số nhiệm vụ: 2',
    );
    expect(m.text).toContain(
      '[Đỏ] Văn phòng HĐND và UBND phường\n  - Ban hành Kế hoạch CCHC: hạn 01/02/2027, quá hạn 28 ngày, cấp 2',
    );
    expect(m.text.indexOf('[Đỏ]')).toBeLessThan(m.text.indexOf('[Vàng] Bộ phận một cửa phường'));
    expect(m.text).toContain('Niêm yết công khai TTHC (Quý I/2027): hạn 26/02/2027, quá hạn 3 ngày, cấp 1');
    expect(m.html).toContain('<th');
    expect(m.html).toContain('Quá hạn');
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
    expect(renderMail(input('digest', { payload: { ...empty }, lang: 'en' })).text).toContain(
      'Nothing overdue is left to report.',
    );
    expect(m.subject).toContain('0 đỏ, 0 vàng');
  });

  it('summarises a report stored by the engine: totals, units, the link', () => {
    const m = renderMail(input('report'));
    expect(m.subject).toBe('[Đôn Đốc] Báo cáo: Báo cáo tháng – Tháng 2/2027');
    expect(m.text).toContain('kỳ tháng 2/2027');
    expect(m.text).toContain('số liệu tính đến hết ngày 14/02/2027');
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
    expect(m.text).toContain('số liệu tính đến hết ngày');
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
});

describe('mail about an incident and bidirectional controls', () => {
  it('tells the office which step of which task could not be written, and links to the incidents page', () => {
    const m = renderMail(
      input('incident', { payload: assignmentPayload({ stepType: 'acknowledged', failures: 2 }) }),
    );
    expect(m.subject).toBe(
      '[Đôn Đốc] Sự cố ghi dữ liệu: Tiếp nhận – Ban hành Kế hoạch CCHC năm 2027 của phường',
    );
    expect(m.text).toContain('không ghi được bước "Tiếp nhận"');
    expect(m.text).toContain('(lần thứ 2)');
    expect(m.text).toContain('https://dondoc.example.gov.vn/incidents');
    expect(m.text).not.toMatch(/23514|sqlstate/);
  });

  it('removes bidirectional controls from every part of a mail', () => {
    const m = renderMail(
      input('extension_requested', {
        payload: assignmentPayload({
          reason: 'Chờ \u202ekinh phí\u202c tỉnh \u2066cấp\u2069',
          newDueDate: '2027-09-30',
        }),
      }),
    );
    for (const body of [m.subject, m.text, m.html])
      expect(body).not.toMatch(/[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/);
    expect(m.text).toContain('Chờ kinh phí tỉnh cấp');
  });
});
