import { describe, expect, it } from 'vitest';
import { endOfLocalDay, localDateTimeToInstant } from '../../dsl/calendar/local-time.js';
import {
  acknowledge,
  actionResult,
  amend,
  assignmentStep,
  cancel,
  complete,
  decideExtension,
  fireStep,
  nextStep,
  refuseActor,
  reopen,
  reportProgress,
  requestExtension,
  startAssignment,
  type Action,
  type Assignment,
  type Transition,
} from '../../workflows/assignment-state.js';
import { assignmentTimeline } from '../../workflows/assignment-timeline.js';
import type { Actor, AssignmentInput, AssignmentSchedule, Recipient } from '../../workflows/contracts.js';

// The assignment's state machine without Temporal: what each step and action does, what the validators refuse
// and with which code, and what each transition writes.

/** An instant from a Vietnam local date and time. */
const vn = (date: string, time = '08:00') => localDateTimeToInstant(date, time);
const ms = (date: string, time = '08:00') => Date.parse(vn(date, time));

const chair: Recipient = { kind: 'person', id: 'chu-tich', name: 'Chủ tịch UBND', email: 'ct@tanlap.gov.vn' };
const head: Recipient = { kind: 'person', id: 'truong-phong', name: 'Trưởng phòng' };

/** Due Wednesday 31 March 2027 at the end of the day; three working days' notice, a ladder of two levels. */
const schedule: AssignmentSchedule = {
  dueDate: '2027-03-31',
  dueAt: endOfLocalDay('2027-03-31'),
  acknowledgeBy: vn('2027-01-13'),
  reminders: [{ at: vn('2027-03-26'), when: 'before', label: '3 ngày làm việc trước hạn' }],
  escalations: [
    { level: 1, at: vn('2027-04-05'), recipients: [chair] },
    { level: 2, at: vn('2027-04-14'), recipients: [chair, head] },
  ],
  checkIns: [],
};

const input: AssignmentInput = {
  assignmentId: 'ke-hoach/TT.01/mot_cua',
  planCode: 'ke-hoach',
  planId: 'plan-1',
  planVersion: 1,
  issuer: { code: 'noi_vu', name: 'Phòng Nội vụ', email: 'noivu@tanlap.gov.vn' },
  unit: { code: 'mot_cua', name: 'Bộ phận Một cửa', email: 'motcua@tanlap.gov.vn' },
  task: { id: 'TT.01', title: 'Niêm yết thủ tục hành chính', area: 'thủ tục hành chính' },
  occurrence: '',
  kind: 'deadline',
  startsAt: vn('2027-01-11'),
  schedule,
  rules: {
    reminders: [{ when: 'before', offset: { amount: 3, unit: 'workingDay' } }],
    escalation: [
      { level: 1, after: { amount: 3, unit: 'workingDay' } },
      { level: 2, after: { amount: 10, unit: 'workingDay' } },
    ],
  },
  // The chairperson has a digest; the unit head does not.
  digestRecipients: ['person:chu-tich'],
  calendar: {
    version: 1,
    timeZone: 'Asia/Ho_Chi_Minh',
    utcOffset: '+07:00',
    from: '2027-01-01',
    to: '2027-12-31',
    nonWorking: ['2027-01-01', '2027-04-30', '2027-12-31'],
  },
};

const unit = (requestId: string) => ({ by: 'motcua@tanlap.gov.vn', requestId });
const office = (requestId: string) => ({ by: 'noivu@tanlap.gov.vn', requestId });

/** Applies an action the way the workflow does: only once the validators accept it. */
function act<R extends Actor>(a: Assignment, action: Action<R>, req: R, now: number): Transition {
  expect(refuseActor(req)).toBeUndefined();
  expect(action.refuse(a, req, now)).toBeUndefined();
  return action.apply(a, req, now);
}
const refusal = <R extends Actor>(a: Assignment, action: Action<R>, req: R, now: number) =>
  action.refuse(a, req, now)?.code;

/** Runs the timeline up to an instant: every step owed before it fires, in order. */
function runUntil(a: Assignment, until: number): { assignment: Assignment; fired: Transition[] } {
  const fired: Transition[] = [];
  for (let step = nextStep(a); step && Date.parse(step.at) <= until; step = nextStep(a)) {
    const t = fireStep(a, step);
    fired.push(t);
    a = t.assignment;
  }
  return { assignment: a, fired };
}

const written = (a: Assignment, t: Transition, now: number) => assignmentStep(t.assignment, t.effect, now);

/** Started at publication, the assignment notice already out. */
const started = () => runUntil(startAssignment(input, ms('2027-01-04')), ms('2027-01-11')).assignment;

describe('the timeline', () => {
  it('lists the steps of a schedule in a fixed order, keyed by generation; ongoing tasks have no deadline', () => {
    const steps = assignmentTimeline(input, schedule, { generation: 2 });
    expect(steps.map((s) => `${s.key} ${s.kind}#${s.index}`)).toEqual([
      'assigned assigned#0',
      'g2/ack ack#0',
      'g2/reminder/0 reminder#0',
      'g2/due due#0',
      'g2/escalation/1 escalation#0',
      'g2/escalation/2 escalation#1',
    ]);
    const ongoing = { ...input, kind: 'ongoing' as const };
    const checkIns = { ...schedule, escalations: [], checkIns: [vn('2027-02-01'), vn('2027-03-01')] };
    expect(assignmentTimeline(ongoing, checkIns, { assigned: false }).map((s) => s.key)).toEqual([
      'g0/ack',
      'g0/reminder/0',
      'g0/check-in/0',
      'g0/check-in/1',
    ]);
  });

  it('fires the assignment notice, the acknowledgement reminder, the reminder and the deadline in order', () => {
    const { assignment, fired } = runUntil(startAssignment(input, ms('2027-01-04')), ms('2027-04-01'));
    expect(fired.map((t) => t.effect.type)).toEqual([
      'assigned',
      'acknowledge_reminder',
      'reminder',
      'overdue',
    ]);
    expect(fired.every((t) => !t.replan)).toBe(true);
    expect(assignment.state).toMatchObject({ active: true, overdue: true, progressClass: 'overdue' });
    const notice = written(assignment, fired[0]!, ms('2027-01-11'));
    expect(notice.eventId).toBe(`${input.assignmentId}/assigned`);
    expect(notice.notifications).toEqual([
      expect.objectContaining({
        key: `${input.assignmentId}/assigned/unit:mot_cua`,
        kind: 'assigned',
        at: input.startsAt,
        recipient: { kind: 'unit', id: 'mot_cua', name: 'Bộ phận Một cửa', email: 'motcua@tanlap.gov.vn' },
      }),
    ]);
  });

  it('owes no acknowledgement reminder once an extension request has acknowledged the assignment', () => {
    const a = started();
    expect(nextStep(a)?.kind).toBe('ack');
    const asked = act(
      a,
      requestExtension,
      { ...unit('e0'), newDueDate: '2027-04-10', reason: 'Chờ hướng dẫn của tỉnh' },
      ms('2027-01-11'),
    );
    expect(asked.replan).toBe(true);
    expect(nextStep(asked.assignment)?.kind).not.toBe('ack');
  });

  it('owes nothing from before the start but the notice, and no acknowledgement reminder once acknowledged', () => {
    const lateStart = startAssignment(input, ms('2027-03-27'));
    expect(runUntil(lateStart, ms('2027-04-01')).fired.map((t) => t.effect.key)).toEqual([
      'assigned',
      'g0/due',
    ]);

    const acked = act(started(), acknowledge, unit('a1'), ms('2027-01-12')).assignment;
    expect(nextStep(acked)?.key).toBe('g0/reminder/0');
  });

  it('escalates to every recipient and registers the assignment only in the digests that exist', () => {
    const { assignment, fired } = runUntil(started(), ms('2027-04-14'));
    const [l1, l2] = fired.filter((t) => t.effect.type === 'escalated');
    expect(assignment.state.escalationLevel).toBe(2);
    expect(l2!.effect.notify?.to).toEqual([chair, head]);
    expect(l2!.effect.digest?.register?.recipients).toEqual([chair]);
    expect(l1!.effect.digest?.register?.entry).toMatchObject({
      assignmentId: input.assignmentId,
      level: 1,
      dueAt: schedule.dueAt,
      escalatedAt: vn('2027-04-05'),
    });
    expect(Object.keys(assignment.inDigests)).toEqual(['person:chu-tich']);
    // The ladder ends; the workflow then only waits for the plan window to close.
    expect(nextStep(assignment)).toBeUndefined();
  });
});

describe('human actions', () => {
  it('refuses a request without an actor or an idempotency key', () => {
    expect(refuseActor({ by: ' ', requestId: 'x' })?.code).toBe('ACTOR_REQUIRED');
    expect(refuseActor(undefined)?.code).toBe('ACTOR_REQUIRED');
    expect(refuseActor({ by: 'motcua@tanlap.gov.vn', requestId: '' })?.code).toBe('REQUEST_ID_REQUIRED');
  });

  it('acknowledges once; progress acknowledges implicitly and is a whole percentage', () => {
    const a = started();
    const acked = act(a, acknowledge, unit('a1'), ms('2027-01-12'));
    expect(acked.replan).toBe(true);
    expect(acked.assignment.state).toMatchObject({
      status: 'acknowledged',
      acknowledgedAt: vn('2027-01-12'),
    });
    expect(refusal(acked.assignment, acknowledge, unit('a2'), ms('2027-01-12'))).toBe('ALREADY_ACKNOWLEDGED');
    // The transition returns a new assignment and leaves the old one as it was.
    expect(a.state.status).toBe('assigned');

    for (const percent of [-1, 101, 12.5, Number.NaN])
      expect(refusal(a, reportProgress, { ...unit('p'), percent }, ms('2027-01-12'))).toBe('INVALID_PERCENT');
    const progress = act(a, reportProgress, { ...unit('p1'), percent: 40 }, ms('2027-01-12', '10:00'));
    expect(progress.assignment.state).toMatchObject({
      status: 'in_progress',
      progressPercent: 40,
      acknowledgedAt: vn('2027-01-12', '10:00'),
    });
    expect(progress.effect).toEqual({
      type: 'progress_reported',
      key: 'action/p1',
      actor: unit('p1'),
      payload: { percent: 40, note: undefined },
    });
  });

  it('completes only with evidence; late when past the deadline, leaving the digests it is in', () => {
    const escalated = runUntil(started(), ms('2027-04-05')).assignment;
    const now = ms('2027-04-06');
    expect(refusal(escalated, complete, { ...unit('c'), evidence: { note: 'xong' } }, now)).toBe(
      'EVIDENCE_REQUIRED',
    );
    expect(refusal(escalated, complete, { ...unit('c'), evidence: { documentNumber: '  ' } }, now)).toBe(
      'EVIDENCE_REQUIRED',
    );
    expect(
      refusal(
        escalated,
        complete,
        { ...unit('c'), evidence: { link: 'https://x', documentDate: '6/4/2027' } },
        now,
      ),
    ).toBe('INVALID_DATE');

    const t = act(escalated, complete, { ...unit('c1'), evidence: { documentNumber: '12/BC-UBND' } }, now);
    expect(t.assignment.state).toMatchObject({ status: 'done', progressPercent: 100, completedLate: true });
    expect(actionResult(t.assignment)).toEqual({
      status: 'done',
      progressClass: 'done_late',
      dueAt: schedule.dueAt,
    });
    expect(t.effect.digest).toEqual({
      remove: { recipients: ['person:chu-tich'], assignmentId: input.assignmentId, reason: 'done' },
    });
    expect(t.assignment.inDigests).toEqual({});
    expect(nextStep(t.assignment)).toBeUndefined();
    expect(refusal(t.assignment, complete, { ...unit('c2'), evidence: { link: 'https://x' } }, now)).toBe(
      'ASSIGNMENT_DONE',
    );

    const onTime = act(
      started(),
      complete,
      { ...unit('c3'), evidence: { link: 'https://x' } },
      ms('2027-03-30'),
    );
    expect(onTime.assignment.state.progressClass).toBe('done_on_time');
    expect(onTime.effect.digest).toBeUndefined();
  });

  it('refuses an extension request that is not later, not ahead, past the calendar, unreasoned or a second one', () => {
    const a = started();
    const ask = (newDueDate: string, reason = 'Chờ hướng dẫn của tỉnh') => ({
      ...unit('e'),
      newDueDate,
      reason,
    });
    const now = ms('2027-03-20');
    expect(refusal(a, requestExtension, ask('30/04/2027'), now)).toBe('INVALID_DATE');
    expect(refusal(a, requestExtension, ask('2027-03-20'), now)).toBe('DATE_IN_PAST');
    expect(refusal(a, requestExtension, ask('2027-03-31'), now)).toBe('DATE_NOT_LATER');
    expect(refusal(a, requestExtension, ask('2028-01-05'), now)).toBe('DATE_OUTSIDE_CALENDAR');
    expect(refusal(a, requestExtension, ask('2027-04-10', ' '), now)).toBe('REASON_REQUIRED');

    const t = act(a, requestExtension, { ...ask('2027-04-10'), requestId: 'e1' }, now);
    // Asking acknowledges the assignment, so the timeline plans again; once acknowledged, asking changes no step.
    expect(t.replan).toBe(true);
    expect(t.assignment.state.status).toBe('acknowledged');
    const acked = act(a, acknowledge, unit('a1'), ms('2027-03-19')).assignment;
    expect(act(acked, requestExtension, { ...ask('2027-04-10'), requestId: 'e2' }, now).replan).toBe(false);
    expect(t.assignment.state.pendingExtension).toEqual({
      newDueDate: '2027-04-10',
      reason: 'Chờ hướng dẫn của tỉnh',
      requestedBy: 'motcua@tanlap.gov.vn',
      requestedAt: vn('2027-03-20'),
    });
    const step = written(a, t, now);
    expect(
      step.notifications.map((n) => `${n.kind} → ${n.recipient.kind}:${n.recipient.id} ${n.at}`),
    ).toEqual([`extension_requested → role:home_affairs ${vn('2027-03-20')}`]);
    expect(refusal(t.assignment, requestExtension, ask('2027-04-20'), now)).toBe('EXTENSION_PENDING');
  });

  it('an approved extension moves the deadline off a day off and restarts the ladder under a new generation', () => {
    const overdue = runUntil(started(), ms('2027-04-05')).assignment;
    expect(overdue.state).toMatchObject({ overdue: true, escalationLevel: 1 });
    const now = ms('2027-04-06', '09:00');
    expect(refusal(overdue, decideExtension, { ...office('d0'), approve: true }, now)).toBe(
      'NO_EXTENSION_PENDING',
    );
    const asked = act(
      overdue,
      requestExtension,
      { ...unit('e1'), newDueDate: '2027-04-10', reason: 'Chờ số liệu' },
      now,
    ).assignment;
    expect(
      refusal(asked, decideExtension, { ...office('d'), approve: 'yes' as unknown as boolean }, now),
    ).toBe('DECISION_REQUIRED');

    const t = act(asked, decideExtension, { ...office('d1'), approve: true, note: 'Đồng ý' }, now);
    const { state } = t.assignment;
    expect(t.replan).toBe(true);
    // Saturday 10 April moves to Monday 12 April; reminders and ladder follow the policy from there.
    expect(state.schedule).toEqual({
      dueDate: '2027-04-12',
      dueAt: endOfLocalDay('2027-04-12'),
      acknowledgeBy: schedule.acknowledgeBy,
      reminders: [{ at: vn('2027-04-07'), when: 'before', label: expect.any(String) }],
      escalations: [
        { level: 1, at: vn('2027-04-15'), recipients: [chair] },
        { level: 2, at: vn('2027-04-26'), recipients: [chair, head] },
      ],
      checkIns: [],
    });
    expect(state).toMatchObject({ generation: 1, extensions: 1, overdue: false, escalationLevel: 0 });
    expect(state.pendingExtension).toBeUndefined();
    expect(t.assignment.effectiveFrom).toBe(now);
    expect(t.effect.digest?.remove).toMatchObject({ recipients: ['person:chu-tich'], reason: 'extended' });
    expect(t.effect.notify).toMatchObject({
      kind: 'extension_decided',
      payload: { approved: true, previousDueAt: schedule.dueAt },
    });
    // Next is the new schedule's reminder, under the new generation; the old ladder's level 2 is gone.
    expect(nextStep(t.assignment)).toMatchObject({ key: 'g1/reminder/0', at: vn('2027-04-07') });
    expect(runUntil(t.assignment, ms('2027-04-30')).fired.map((f) => f.effect.key)).toEqual([
      'g1/reminder/0',
      'g1/due',
      'g1/escalation/1',
      'g1/escalation/2',
    ]);
  });

  it('a refused extension changes no step; approval past the calendar is refused at the decision', () => {
    const now = ms('2027-03-20');
    const ask = (newDueDate: string) => ({ ...unit('e'), newDueDate, reason: 'Chờ số liệu' });
    const asked = act(started(), requestExtension, ask('2027-04-10'), now).assignment;
    const refused = act(asked, decideExtension, { ...office('d1'), approve: false }, now);
    expect(refused.replan).toBe(false);
    expect(refused.effect.type).toBe('extension_refused');
    expect(refused.assignment.state.schedule).toBe(schedule);
    expect(refused.assignment.state.pendingExtension).toBeUndefined();

    // 31 December is a day off and the last day of the calendar: the deadline would move out of the plan.
    const lastDay = act(started(), requestExtension, ask('2027-12-31'), now).assignment;
    expect(refusal(lastDay, decideExtension, { ...office('d2'), approve: true }, now)).toBe(
      'DATE_OUTSIDE_CALENDAR',
    );
    expect(refusal(lastDay, decideExtension, { ...office('d2'), approve: false }, now)).toBeUndefined();
  });

  it('reopens only done work, with a reason; the overdue flag follows the deadline', () => {
    const a = started();
    const reason = 'Hồ sơ thiếu chữ ký';
    expect(refusal(a, reopen, { ...office('r'), reason }, ms('2027-03-01'))).toBe('NOT_DONE');
    const done = act(
      a,
      complete,
      { ...unit('c1'), evidence: { link: 'https://x' } },
      ms('2027-03-01'),
    ).assignment;
    expect(refusal(done, reopen, { ...office('r'), reason: '' }, ms('2027-03-01'))).toBe('REASON_REQUIRED');

    const early = act(done, reopen, { ...office('r1'), reason }, ms('2027-03-02'));
    expect(early.assignment.state).toMatchObject({
      status: 'in_progress',
      overdue: false,
      progressClass: 'open',
    });
    expect(early.assignment.state.completedAt).toBeUndefined();
    expect(early.effect.notify).toEqual({
      kind: 'reopened',
      to: [expect.objectContaining({ id: 'mot_cua' })],
      payload: { reason },
    });
    expect(nextStep(early.assignment)?.key).toBe('g0/reminder/0');

    const late = act(done, reopen, { ...office('r2'), reason }, ms('2027-04-02'));
    expect(late.assignment.state.progressClass).toBe('overdue');
  });

  it('cancels open work with a reason; a cancelled assignment refuses everything and has no step left', () => {
    const escalated = runUntil(started(), ms('2027-04-05')).assignment;
    expect(refusal(escalated, cancel, { ...office('x'), reason: '' }, ms('2027-04-06'))).toBe(
      'REASON_REQUIRED',
    );
    const t = act(escalated, cancel, { ...office('x1'), reason: 'Bỏ khỏi kế hoạch' }, ms('2027-04-06'));
    expect(t.assignment.state.progressClass).toBe('cancelled');
    expect(t.effect.digest?.remove?.reason).toBe('cancelled');
    expect(nextStep(t.assignment)).toBeUndefined();
    const now = ms('2027-04-07');
    const c = t.assignment;
    expect(refusal(c, acknowledge, unit('1'), now)).toBe('ASSIGNMENT_CANCELLED');
    expect(refusal(c, reportProgress, { ...unit('2'), percent: 10 }, now)).toBe('ASSIGNMENT_CANCELLED');
    expect(refusal(c, decideExtension, { ...office('3'), approve: true }, now)).toBe('ASSIGNMENT_CANCELLED');
    expect(refusal(c, reopen, { ...office('4'), reason: 'x' }, now)).toBe('ASSIGNMENT_CANCELLED');
    expect(refusal(c, cancel, { ...office('5'), reason: 'x' }, now)).toBe('ASSIGNMENT_CANCELLED');
    expect(refusal(c, amend, { ...office('6'), ...amendment(2, schedule) }, now)).toBe(
      'ASSIGNMENT_CANCELLED',
    );
  });
});

function amendment(planVersion: number, s: AssignmentSchedule) {
  return {
    planVersion,
    task: { ...input.task, title: 'Niêm yết và công khai thủ tục hành chính' },
    schedule: s,
    rules: input.rules,
    digestRecipients: [],
  };
}

describe('amendments', () => {
  const moved: AssignmentSchedule = {
    ...schedule,
    dueDate: '2027-05-31',
    dueAt: endOfLocalDay('2027-05-31'),
  };
  const by = { by: 'plan:v2', requestId: 'plan/v2' };

  it('moves an open deadline under a new generation and tells the unit; older versions are refused', () => {
    const a = started();
    const t = act(a, amend, { ...by, ...amendment(2, moved) }, ms('2027-03-01'));
    expect(t.replan).toBe(true);
    expect(t.assignment.state).toMatchObject({ planVersion: 2, generation: 1, schedule: moved });
    expect(t.assignment.task.title).toBe('Niêm yết và công khai thủ tục hành chính');
    expect(t.effect.payload).toEqual({
      planVersion: 2,
      before: { dueAt: schedule.dueAt, title: input.task.title },
      after: { dueAt: moved.dueAt, title: 'Niêm yết và công khai thủ tục hành chính' },
    });
    expect(t.effect.notify).toMatchObject({ kind: 'amended', payload: { previousDueAt: schedule.dueAt } });
    expect(refusal(t.assignment, amend, { ...by, ...amendment(1, schedule) }, ms('2027-03-02'))).toBe(
      'STALE_VERSION',
    );
    // The notification carries the wording in force when it is written.
    expect(written(a, t, ms('2027-03-01')).notifications[0]!.payload).toMatchObject({
      task: { title: 'Niêm yết và công khai thủ tục hành chính' },
      dueAt: moved.dueAt,
    });
  });

  it('a new wording alone changes no step; done work keeps its status and only records the new schedule', () => {
    const same = act(started(), amend, { ...by, ...amendment(2, schedule) }, ms('2027-03-01'));
    expect(same.replan).toBe(false);
    expect(same.effect.notify).toBeUndefined();
    expect(same.assignment.state.generation).toBe(0);

    const done = act(
      started(),
      complete,
      { ...unit('c1'), evidence: { link: 'https://x' } },
      ms('2027-03-01'),
    );
    const t = act(done.assignment, amend, { ...by, ...amendment(2, moved) }, ms('2027-03-02'));
    expect(t.replan).toBe(false);
    expect(t.effect.notify).toBeUndefined();
    expect(t.assignment.state).toMatchObject({ status: 'done', generation: 0, schedule: moved });
  });
});

describe('what a transition writes', () => {
  it('one event keyed by the request, the snapshot of the state, one outbox row per recipient', () => {
    const a = runUntil(started(), ms('2027-04-14')).assignment;
    const t = act(a, cancel, { ...office('x1'), reason: 'Bỏ' }, ms('2027-04-15'));
    const step = written(a, t, ms('2027-04-15', '09:30'));
    expect(step).toMatchObject({
      eventId: `${input.assignmentId}/action/x1`,
      assignmentId: input.assignmentId,
      planId: 'plan-1',
      issuerCode: 'noi_vu',
      unitCode: 'mot_cua',
      type: 'cancelled',
      occurredAt: vn('2027-04-15', '09:30'),
      actor: 'noivu@tanlap.gov.vn',
      requestId: 'x1',
      snapshot: {
        planVersion: 1,
        status: 'cancelled',
        overdue: true,
        progressPercent: 0,
        escalationLevel: 2,
        dueAt: schedule.dueAt,
        dueDate: '2027-03-31',
        active: true,
      },
    });
    expect(step.notifications).toEqual([
      {
        key: `${input.assignmentId}/action/x1/unit:mot_cua`,
        kind: 'cancelled',
        recipient: expect.objectContaining({ id: 'mot_cua' }),
        at: vn('2027-04-15', '09:30'),
        payload: {
          planCode: 'ke-hoach',
          task: input.task,
          occurrence: '',
          unit: input.unit,
          dueAt: schedule.dueAt,
          reason: 'Bỏ',
        },
      },
    ]);

    const escalation = runUntil(started(), ms('2027-04-14')).fired.at(-1)!;
    const rows = written(a, escalation, ms('2027-04-14')).notifications;
    expect(rows.map((n) => n.key)).toEqual([
      `${input.assignmentId}/g0/escalation/2/person:chu-tich`,
      `${input.assignmentId}/g0/escalation/2/person:truong-phong`,
    ]);
    expect(written(a, escalation, ms('2027-04-14')).actor).toBe('system');
  });
});
