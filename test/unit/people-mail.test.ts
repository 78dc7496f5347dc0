import { describe, expect, it } from 'vitest';
import { renderMail } from '../../apps/mailer/templates/index.js';
import { buildDigest } from '../../workflows/digest-content.js';

// The mails of coordination and of people inside a unit, in Vietnamese first, without codes.
const task = {
  id: 'TT.02',
  title: 'Rà soát, đơn giản hóa TTHC',
  area: 'thu_tuc_hanh_chinh',
  output: 'Báo cáo rà soát',
};
const base = {
  at: '2027-02-15T03:00:00.000Z',
  publicUrl: 'https://dondoc.example.vn',
  assignmentId: 'cchc-2027/TT.02/mot_cua',
  plan: { title: 'Kế hoạch CCHC năm 2027', decision: '05/KH-UBND' },
};
const payload = {
  planCode: 'cchc-2027',
  task,
  occurrence: '',
  unit: { code: 'mot_cua', name: 'Bộ phận một cửa phường' },
  dueAt: '2027-06-30T17:00:00.000Z',
};

describe('people and coordination mails', () => {
  it('tells an officer the work is handed over to them, with the note', () => {
    const m = renderMail({
      ...base,
      kind: 'officer_assigned',
      recipient: 'person:minh@tanlap.gov.vn',
      recipientName: 'Trần Văn Minh',
      payload: { ...payload, reassigned: true, note: 'Chị Lan nghỉ phép' },
    });
    expect(m.subject).toBe(
      '[Đôn Đốc] Chuyển giao cho đồng chí nhiệm vụ: Rà soát, đơn giản hóa TTHC (hạn 30/06/2027)',
    );
    expect(m.text).toContain('Ghi chú: Chị Lan nghỉ phép');
    expect(m.text).toContain('thư nhắc việc của nhiệm vụ sẽ gửi đến đồng chí');
    expect(m.text.replace(/https?:\S+/g, '')).not.toMatch(/mot_cua|person:/);
  });

  it('tells the lead a coordinator reported, by name', () => {
    const m = renderMail({
      ...base,
      kind: 'contribution_reported',
      recipient: 'unit:mot_cua',
      payload: {
        ...payload,
        coordinator: { code: 'van_phong', name: 'Văn phòng HĐND và UBND phường' },
        note: 'Đã rà soát 8 TTHC',
      },
    });
    expect(m.subject).toBe(
      '[Đôn Đốc] Văn phòng HĐND và UBND phường đã báo cáo phần phối hợp: Rà soát, đơn giản hóa TTHC',
    );
    expect(m.html).toContain('Đã rà soát 8 TTHC');
    expect(m.text).not.toContain('van_phong');
  });

  it('names the coordinators waited for in an escalation only when given', () => {
    const esc = (extra: object) =>
      renderMail({
        ...base,
        kind: 'escalation',
        recipient: 'person:chu_tich',
        recipientName: 'Chủ tịch UBND phường',
        payload: { ...payload, level: 1, overdueSince: payload.dueAt, ...extra },
      }).text;
    expect(esc({})).not.toContain('phối hợp');
    expect(esc({ waitingFor: ['Văn phòng HĐND và UBND phường'] })).toContain(
      'còn chờ: Văn phòng HĐND và UBND phường.',
    );
  });

  it('names the coordinators waited for in a digest entry only when the entry carries them', () => {
    const entry = (waitingFor?: string[]) => ({
      assignmentId: 'cchc-2027/TT.02/mot_cua',
      planCode: 'cchc-2027',
      unit: { code: 'mot_cua', name: 'Bộ phận một cửa phường' },
      task: { id: 'TT.02', title: 'Rà soát, đơn giản hóa TTHC' },
      occurrence: '',
      dueAt: '2027-06-30T17:00:00.000Z',
      level: 1,
      escalatedAt: '2027-07-05T01:00:00.000Z',
      ...(waitingFor ? { waitingFor } : {}),
    });
    const digest = (waitingFor?: string[]) =>
      renderMail({
        kind: 'digest',
        recipient: 'person:chu_tich',
        recipientName: 'Chủ tịch UBND phường',
        at: '2027-07-12T00:30:00.000Z',
        plan: base.plan,
        payload: {
          ...buildDigest(
            'cchc-2027',
            { kind: 'person', id: 'chu_tich', name: 'Chủ tịch UBND phường' },
            '2027-07-12T00:30:00.000Z',
            [entry(waitingFor)],
            [],
          ),
        },
      });
    expect(digest().text).not.toContain('phối hợp');
    const m = digest(['Văn phòng HĐND và UBND phường']);
    expect(m.text).toContain('chờ đơn vị phối hợp: Văn phòng HĐND và UBND phường');
    expect(m.html).toContain('Chờ đơn vị phối hợp: Văn phòng HĐND và UBND phường');
  });

  it('invites an officer with a one-time link', () => {
    const m = renderMail({
      kind: 'invitation',
      recipient: 'person:lan@tanlap.gov.vn',
      recipientName: 'Nguyễn Thị Lan',
      at: '2027-01-11T02:00:00.000Z',
      payload: {
        url: 'https://dondoc.example.vn/invitations/abc',
        unit: { code: 'mot_cua', name: 'Bộ phận một cửa phường' },
        invitedByName: 'Lê Văn Hùng',
        expiresAt: '2027-01-18T02:00:00.000Z',
      },
    });
    expect(m.subject).toBe('[Đôn Đốc] Mời tham gia theo dõi nhiệm vụ của Bộ phận một cửa phường');
    expect(m.text).toContain('https://dondoc.example.vn/invitations/abc');
    expect(m.text).toContain('Đồng chí Lê Văn Hùng mời đồng chí');
    expect(m.text).toMatch(/đến hết .*18\/01\/2027/);
  });
});
