import { describe, expect, it } from 'vitest';
import { endOfLocalDay, localDateTimeToInstant } from '../../dsl/calendar/local-time.js';
import {
  acknowledgeCoordination,
  amend,
  assignmentStep,
  assignOfficer,
  complete,
  fireStep,
  nextStep,
  reportContribution,
  startAssignment,
  type Action,
  type Assignment,
} from '../../workflows/assignment-state.js';
import type { Actor, AssignmentInput } from '../../workflows/contracts.js';

// Coordinating units and officers in the assignment's state machine, without Temporal: who may act, what the
// blocking policy refuses and says, where reminders go once the work is given to an officer.

const vn = (date: string, time = '08:00') => localDateTimeToInstant(date, time);
const ms = (date: string, time = '08:00') => Date.parse(vn(date, time));

const input: AssignmentInput = {
  assignmentId: 'ke-hoach/TT.02/mot_cua',
  planCode: 'ke-hoach',
  planId: 'plan-1',
  planVersion: 1,
  issuer: { code: 'ubnd', name: 'UBND phường' },
  unit: { code: 'mot_cua', name: 'Bộ phận Một cửa', email: 'motcua@tanlap.gov.vn' },
  task: { id: 'TT.02', title: 'Rà soát TTHC', area: 'thủ tục hành chính' },
  occurrence: '',
  kind: 'deadline',
  startsAt: vn('2027-01-11'),
  schedule: {
    dueDate: '2027-03-31',
    dueAt: endOfLocalDay('2027-03-31'),
    reminders: [{ at: vn('2027-03-26'), when: 'before', label: '3 ngày làm việc trước hạn' }],
    escalations: [
      { level: 1, at: vn('2027-04-05'), recipients: [{ kind: 'person', id: 'chu_tich', name: 'Chủ tịch' }] },
    ],
    checkIns: [],
  },
  rules: { reminders: [], escalation: [] },
  digestRecipients: ['person:chu_tich'],
  calendar: {
    version: 1,
    timeZone: 'Asia/Ho_Chi_Minh',
    utcOffset: '+07:00',
    from: '2027-01-01',
    to: '2027-12-31',
    nonWorking: ['2027-01-01'],
  },
  coordinators: [
    { code: 'van_phong', name: 'Văn phòng UBND' },
    { code: 'tu_phap', name: 'Công chức Tư pháp' },
  ],
};

const act = <R extends Actor>(a: Assignment, action: Action<R>, req: R, now: number) => {
  const refused = action.refuse(a, req, now);
  if (refused) throw new Error(refused.code);
  return action.apply(a, req, now);
};
const refusedCode = <R extends Actor>(a: Assignment, action: Action<R>, req: R) =>
  action.refuse(a, req, ms('2027-02-01'))?.code;
const evidence = { documentNumber: '12/BC-UBND' };
const started = (i: AssignmentInput = input) => startAssignment(i, ms('2027-01-01'));

describe('coordinating units', () => {
  it('start unacknowledged with nothing reported, and the snapshot carries them', () => {
    const a = started();
    expect(a.state.coordinators).toEqual([
      { code: 'van_phong', name: 'Văn phòng UBND', contributions: 0 },
      { code: 'tu_phap', name: 'Công chức Tư pháp', contributions: 0 },
    ]);
    const t = fireStep(a, nextStep(a)!);
    expect(assignmentStep(t.assignment, t.effect, ms('2027-01-11')).snapshot.coordinators).toHaveLength(2);
    expect(started({ ...input, coordinators: undefined }).state.coordinators).toBeUndefined();
  });

  it('acknowledge once, report contributions with a note, and the lead hears of each', () => {
    let a = started();
    expect(refusedCode(a, acknowledgeCoordination, { by: 'x', requestId: 'k0', unitCode: 'mot_cua' })).toBe(
      'NOT_A_COORDINATOR',
    );
    a = act(
      a,
      acknowledgeCoordination,
      { by: 'vp', requestId: 'k1', unitCode: 'van_phong' },
      ms('2027-01-12'),
    ).assignment;
    expect(a.state.coordinators![0]!.acknowledgedAt).toBe(new Date(ms('2027-01-12')).toISOString());
    expect(
      refusedCode(a, acknowledgeCoordination, { by: 'vp', requestId: 'k2', unitCode: 'van_phong' }),
    ).toBe('ALREADY_ACKNOWLEDGED');
    expect(
      refusedCode(a, reportContribution, { by: 'vp', requestId: 'k3', unitCode: 'van_phong', note: ' ' }),
    ).toBe('NOTE_REQUIRED');
    const t = act(
      a,
      reportContribution,
      { by: 'tp', requestId: 'k4', unitCode: 'tu_phap', note: 'Đã góp ý 12 TTHC', evidence },
      ms('2027-02-03'),
    );
    // Reporting acknowledges the coordinator's part implicitly.
    expect(t.assignment.state.coordinators![1]).toMatchObject({
      contributions: 1,
      acknowledgedAt: expect.any(String),
    });
    const step = assignmentStep(t.assignment, t.effect, ms('2027-02-03'));
    expect(step.type).toBe('contribution_reported');
    expect(step.payload).toEqual({ unit: 'tu_phap', note: 'Đã góp ý 12 TTHC', evidence });
    expect(step.notifications.map((n) => [n.kind, n.recipient.kind, n.recipient.id])).toEqual([
      ['contribution_reported', 'unit', 'mot_cua'],
    ]);
  });

  it('by default, completion is allowed and records who did not contribute', () => {
    let a = started();
    a = act(
      a,
      reportContribution,
      { by: 'vp', requestId: 'c', unitCode: 'van_phong', note: 'Xong phần VP' },
      ms('2027-02-01'),
    ).assignment;
    const t = act(a, complete, { by: 'mc', requestId: 'd', evidence }, ms('2027-02-02'));
    expect(t.effect.payload).toMatchObject({ coordinatorsNotReported: ['tu_phap'] });
  });

  it('with the blocking policy, completion waits for every coordinator and the refusal names them', () => {
    let a = started({ ...input, coordinatorsMustReport: true });
    const refused = complete.refuse(a, { by: 'mc', requestId: 'd0', evidence }, ms('2027-02-01'));
    expect(refused).toMatchObject({ code: 'COORDINATORS_NOT_REPORTED' });
    expect(refused!.vi).toContain('Văn phòng UBND; Công chức Tư pháp');
    for (const unitCode of ['van_phong', 'tu_phap'])
      a = act(
        a,
        reportContribution,
        { by: unitCode, requestId: unitCode, unitCode, note: 'Đã xong' },
        ms('2027-02-01'),
      ).assignment;
    const t = act(a, complete, { by: 'mc', requestId: 'd1', evidence }, ms('2027-02-02'));
    expect(t.assignment.state.status).toBe('done');
    expect(t.effect.payload).not.toHaveProperty('coordinatorsNotReported');
    // A contribution after the lead is done is refused.
    expect(
      refusedCode(t.assignment, reportContribution, {
        by: 'vp',
        requestId: 'z',
        unitCode: 'van_phong',
        note: 'x',
      }),
    ).toBe('ASSIGNMENT_DONE');
  });

  it('escalations and digests name the coordinators waited for only under the blocking policy', () => {
    const escalate = (i: AssignmentInput) => {
      let a = startAssignment(i, ms('2027-01-01'));
      for (;;) {
        const step = nextStep(a)!;
        const t = fireStep(a, step);
        if (step.kind === 'escalation') return t.effect;
        a = t.assignment;
      }
    };
    const lax = escalate(input);
    expect(lax.notify!.payload).not.toHaveProperty('waitingFor');
    expect(lax.digest!.register!.entry).not.toHaveProperty('waitingFor');
    const strict = escalate({ ...input, coordinatorsMustReport: true });
    expect(strict.notify!.payload).toMatchObject({ waitingFor: ['Văn phòng UBND', 'Công chức Tư pháp'] });
    expect(strict.digest!.register!.entry.waitingFor).toEqual(['Văn phòng UBND', 'Công chức Tư pháp']);
  });
});

describe('an amendment of the coordinators', () => {
  it('keeps the part of those kept, starts the new ones, drops the removed', () => {
    let a = started();
    a = act(
      a,
      reportContribution,
      { by: 'vp', requestId: 'c', unitCode: 'van_phong', note: 'Xong phần VP' },
      ms('2027-02-01'),
    ).assignment;
    const req = {
      by: 'plan:v2',
      requestId: 'v2',
      planVersion: 2,
      task: input.task,
      schedule: input.schedule,
      rules: input.rules,
      digestRecipients: input.digestRecipients,
      coordinators: [
        { code: 'van_phong', name: 'Văn phòng HĐND và UBND' },
        { code: 'cong_an', name: 'Công an phường' },
      ],
    };
    const t = act(a, amend, req, ms('2027-02-02'));
    expect(t.assignment.state.coordinators).toEqual([
      expect.objectContaining({ code: 'van_phong', name: 'Văn phòng HĐND và UBND', contributions: 1 }),
      { code: 'cong_an', name: 'Công an phường', contributions: 0 },
    ]);
    const none = act(
      a,
      amend,
      { ...req, requestId: 'v3', planVersion: 3, coordinators: undefined },
      ms('2027-02-03'),
    );
    expect(none.assignment.state.coordinators).toEqual([]);
    expect(assignmentStep(none.assignment, none.effect, ms('2027-02-03')).snapshot.coordinators).toEqual([]);
  });
});

describe('officers inside the unit', () => {
  const lan = { login: 'lan.mc', name: 'Nguyễn Thị Lan', email: 'lan@tanlap.gov.vn' };
  const minh = { login: 'minh.mc', name: 'Trần Văn Minh' };

  it('gives the work to an officer, refuses the same one twice, records a reassignment with the previous', () => {
    let a = started();
    expect(
      refusedCode(a, assignOfficer, { by: 'h', requestId: 'o0', officer: { login: '', name: '' } }),
    ).toBe('OFFICER_REQUIRED');
    let t = act(a, assignOfficer, { by: 'truong.mc', requestId: 'o1', officer: lan }, ms('2027-01-12'));
    a = t.assignment;
    let step = assignmentStep(a, t.effect, ms('2027-01-12'));
    expect(step).toMatchObject({ type: 'officer_assigned', snapshot: { officer: 'lan.mc' } });
    expect(step.notifications.map((n) => [n.kind, n.recipient.id, n.recipient.email])).toEqual([
      ['officer_assigned', 'lan.mc', 'lan@tanlap.gov.vn'],
    ]);
    expect(refusedCode(a, assignOfficer, { by: 'h', requestId: 'o2', officer: lan })).toBe(
      'OFFICER_ALREADY_ASSIGNED',
    );
    t = act(
      a,
      assignOfficer,
      { by: 'truong.mc', requestId: 'o3', officer: minh, note: 'Lan nghỉ phép' },
      ms('2027-01-13'),
    );
    step = assignmentStep(t.assignment, t.effect, ms('2027-01-13'));
    expect(step.payload).toEqual({
      officer: 'minh.mc',
      officerName: 'Trần Văn Minh',
      previous: 'lan.mc',
      previousName: 'Nguyễn Thị Lan',
      note: 'Lan nghỉ phép',
    });
  });

  it('sends reminders to the officer from then on, escalations still to the heads the plan names', () => {
    let a = started();
    a = fireStep(a, nextStep(a)!).assignment; // assigned: to the unit
    a = act(a, assignOfficer, { by: 'truong.mc', requestId: 'o', officer: lan }, ms('2027-01-12')).assignment;
    const sent: string[] = [];
    for (let step = nextStep(a); step; step = nextStep(a)) {
      const t = fireStep(a, step);
      a = t.assignment;
      for (const r of t.effect.notify?.to ?? []) sent.push(`${t.effect.notify!.kind} → ${r.kind}:${r.id}`);
    }
    expect(sent).toEqual([
      'reminder → person:lan.mc',
      'overdue → person:lan.mc',
      'escalation → person:chu_tich',
    ]);
  });
});
