// The assignment as a state machine: what each step of its timeline and each human action does to it, what
// the update validators refuse (with the stable codes the API maps to 4xx problems), and the record each
// transition writes (the event, the notifications, the digest change). Plain functions over plain data, time
// passed in: deterministic inside the workflow sandbox and testable without Temporal.
// assignment.workflow.ts wires it to updates, timers and the one activity.
import { isLocalDate, type LocalDate } from '../dsl/calendar/local-date.js';
import {
  endOfLocalDay,
  instantToLocalDateTime,
  localDateOfInstant,
  localDateTimeToInstant,
} from '../dsl/calendar/local-time.js';
import { moveToWorkingDay, OutsideCalendarWindowError } from '../dsl/calendar/workdays.js';
import { canonicalJson } from '../dsl/ir/canonical.js';
import { scheduleEscalations, scheduleReminders, serializedDayCalendar } from '../dsl/ir/schedule.js';
import { findUnsafeText, unsafeTextMessage } from '../dsl/text/unsafe-text.js';
import { assignmentTimeline, type Step } from './assignment-timeline.js';
import {
  HOME_AFFAIRS,
  recipientKey,
  type AcknowledgeRequest,
  type ActionResult,
  type Actor,
  type AmendRequest,
  type AssignmentEventType,
  type AssignmentInput,
  type AssignmentSchedule,
  type AssignmentSnapshot,
  type AssignmentState,
  type AssignmentStep,
  type AssignOfficerRequest,
  type CancelRequest,
  type StepFailure,
  type CompleteRequest,
  type ContributionRequest,
  type CoordinationAcknowledgeRequest,
  type CoordinatorState,
  type DigestChange,
  type ExtensionDecision,
  type ExtensionRequest,
  type Notification,
  type NotificationKind,
  type ProgressClass,
  type ProgressRequest,
  type Recipient,
  type ReopenRequest,
} from './contracts.js';

/** One assignment: its input (fixed), its state, and what an amendment or the timeline changes besides. */
export interface Assignment {
  readonly input: AssignmentInput;
  /** What the `assignmentState` query answers; `progressClass` is kept current by every transition. */
  readonly state: AssignmentState;
  /** The task's wording, the policy's rules and the recipients with a digest in force (an amendment replaces them). */
  readonly task: AssignmentInput['task'];
  readonly rules: AssignmentInput['rules'];
  readonly digestRecipients: readonly string[];
  /** The digests this assignment is listed in, by recipient key. */
  readonly inDigests: Readonly<Record<string, Recipient>>;
  /**
   * Steps at or before this instant (ms) are history, not owed: those already past when the workflow started
   * (an assignment added by an amendment mid-year) and, after a reschedule, those of the old schedule.
   */
  readonly effectiveFrom: number;
  /** Keys of the steps written. */
  readonly fired: readonly string[];
}

/** Why an update validator refuses a request: the failure type and the reason in Vietnamese and English. */
export interface Refusal {
  code: string;
  vi: string;
  en: string;
}

/** What a transition writes, in one activity: an event, its notifications (outbox rows), a digest change. */
export interface Effect {
  type: AssignmentEventType;
  /** The event's key within the assignment: the step's key, or `action/<requestId>` for a human action. */
  key: string;
  actor?: Actor;
  payload: Record<string, unknown>;
  /** `at` is the instant the notification is about: the step's planned time, or the time of writing. */
  notify?: { kind: NotificationKind; to: Recipient[]; at?: string; payload?: Record<string, unknown> };
  digest?: DigestChange;
}

export interface Transition {
  assignment: Assignment;
  effect: Effect;
  /** The steps still owed changed: the timeline must re-plan now instead of sleeping to the step it chose. */
  replan: boolean;
}

/** A human action: what its update validator refuses, and what it does once accepted. */
export interface Action<R extends Actor> {
  refuse(a: Assignment, req: R, now: number): Refusal | undefined;
  apply(a: Assignment, req: R, now: number): Transition;
}

const iso = (ms: number) => new Date(ms).toISOString();
const refusal = (code: string, vi: string, en: string): Refusal => ({ code, vi, en });

/**
 * A new assignment. `startedAt` is the server's time of WorkflowExecutionStarted, not the clock of the first
 * workflow task: that task may run long after the start (a backlog after publishing thousands, a worker or
 * server outage), and steps due in between are owed, not history.
 */
export function startAssignment(input: AssignmentInput, startedAt: number): Assignment {
  return {
    input,
    state: {
      assignmentId: input.assignmentId,
      planVersion: input.planVersion,
      status: 'assigned',
      active: false,
      overdue: false,
      progressPercent: 0,
      escalationLevel: 0,
      extensions: 0,
      schedule: input.schedule,
      generation: 0,
      progressClass: 'open',
      ...(input.coordinators?.length
        ? { coordinators: input.coordinators.map((c) => ({ ...c, contributions: 0 })) }
        : {}),
    },
    task: input.task,
    rules: input.rules,
    digestRecipients: input.digestRecipients,
    inDigests: {},
    effectiveFrom: startedAt,
    fired: [],
  };
}

export function progressClass(
  s: Pick<AssignmentState, 'status' | 'completedLate' | 'overdue'>,
): ProgressClass {
  if (s.status === 'cancelled') return 'cancelled';
  if (s.status === 'done') return s.completedLate ? 'done_late' : 'done_on_time';
  return s.overdue ? 'overdue' : 'open';
}

export function actionResult(a: Assignment): ActionResult {
  return { status: a.state.status, progressClass: a.state.progressClass, dueAt: a.state.schedule.dueAt };
}

/** The assignment with its state changed (and anything else replaced); the progress class follows. */
function evolve(
  a: Assignment,
  change: Partial<AssignmentState>,
  rest: Partial<Omit<Assignment, 'input' | 'state'>> = {},
): Assignment {
  const state = { ...a.state, ...change };
  return { ...a, ...rest, state: { ...state, progressClass: progressClass(state) } };
}

// ---- the timeline ----

/** The step the timeline waits for next: the earliest still owed (the first listed among equals), if any. */
export function nextStep(a: Assignment): Step | undefined {
  const { state } = a;
  if (state.status === 'cancelled') return undefined;
  let best: Step | undefined;
  for (const step of assignmentTimeline(a.input, state.schedule, {
    generation: state.generation,
    assigned: !state.active,
  })) {
    if (a.fired.includes(step.key)) continue;
    if (step.kind !== 'assigned') {
      if (Date.parse(step.at) <= a.effectiveFrom) continue;
      if (step.kind === 'ack' ? state.status !== 'assigned' : state.status === 'done') continue;
    }
    if (!best || step.at < best.at) best = step;
  }
  return best;
}

/** The step happens: the notice, reminder, overdue flag, check-in request or escalation it stands for. */
export function fireStep(a: Assignment, step: Step): Transition {
  const { input } = a;
  const s = a.state.schedule;
  const unit = [unitRecipient(input)];
  // Reminders go to the officer the work is given to, if any; the assignment notice and the ladder do not.
  const work = [workRecipient(a)];
  const fired = [...a.fired, step.key];
  const key = step.key;
  const timeline = (assignment: Assignment, effect: Effect): Transition => ({
    assignment,
    effect,
    replan: false,
  });
  switch (step.kind) {
    case 'assigned':
      return timeline(evolve(a, { active: true }, { fired }), {
        type: 'assigned',
        key,
        payload: { startsAt: input.startsAt, dueAt: s.dueAt },
        // Work begun before its start (an early acknowledgement) needs no notice.
        ...(a.state.status === 'assigned'
          ? { notify: { kind: 'assigned', to: unit, at: step.at, payload: { schedule: s } } }
          : {}),
      });
    case 'ack':
      return timeline(evolve(a, {}, { fired }), {
        type: 'acknowledge_reminder',
        key,
        payload: { acknowledgeBy: step.at },
        notify: { kind: 'acknowledge_reminder', to: work, at: step.at },
      });
    case 'reminder': {
      const r = s.reminders[step.index]!;
      return timeline(evolve(a, {}, { fired }), {
        type: 'reminder',
        key,
        payload: { at: r.at, when: r.when, label: r.label },
        notify: { kind: 'reminder', to: work, at: step.at, payload: { label: r.label, when: r.when } },
      });
    }
    case 'due':
      return timeline(evolve(a, { overdue: true }, { fired }), {
        type: 'overdue',
        key,
        payload: { dueAt: s.dueAt },
        notify: { kind: 'overdue', to: work, at: step.at },
      });
    case 'check_in':
      return timeline(evolve(a, {}, { fired }), {
        type: 'check_in',
        key,
        payload: { at: step.at },
        notify: { kind: 'check_in', to: work, at: step.at },
      });
    case 'escalation': {
      const e = s.escalations[step.index]!;
      const toDigest = e.recipients.filter((r) => a.digestRecipients.includes(recipientKey(r)));
      const inDigests = { ...a.inDigests };
      for (const r of toDigest) inDigests[recipientKey(r)] = r;
      return timeline(evolve(a, { escalationLevel: e.level }, { fired, inDigests }), {
        type: 'escalated',
        key,
        payload: { level: e.level, recipients: e.recipients.map(recipientKey) },
        notify: {
          kind: 'escalation',
          to: e.recipients,
          at: step.at,
          payload: { level: e.level, overdueSince: s.dueAt, ...waitingFor(a) },
        },
        ...(toDigest.length
          ? {
              digest: {
                register: {
                  recipients: toDigest,
                  entry: {
                    assignmentId: input.assignmentId,
                    planCode: input.planCode,
                    unit: { code: input.unit.code, name: input.unit.name },
                    task: { id: a.task.id, title: a.task.title },
                    occurrence: input.occurrence,
                    dueAt: s.dueAt,
                    level: e.level,
                    escalatedAt: step.at,
                    ...waitingFor(a),
                  },
                },
              },
            }
          : {}),
      });
    }
  }
}

// ---- what a transition writes ----

/**
 * The input of `recordAssignmentStep` for an effect, built when the write runs (writes are queued one at a
 * time), so the projection always ends with the latest state. Event and outbox keys are deterministic: a
 * retried activity writes nothing twice.
 */
export function assignmentStep(a: Assignment, effect: Effect, now: number): AssignmentStep {
  const { input, state } = a;
  const notify = effect.notify;
  const at = notify?.at ?? iso(now);
  const notifications: Notification[] = (notify?.to ?? []).map((r) => ({
    key: `${input.assignmentId}/${effect.key}/${recipientKey(r)}`,
    kind: notify!.kind,
    recipient: r,
    at,
    payload: {
      planCode: input.planCode,
      task: a.task,
      occurrence: input.occurrence,
      unit: input.unit,
      dueAt: state.schedule.dueAt,
      ...notify!.payload,
    },
  }));
  return {
    eventId: `${input.assignmentId}/${effect.key}`,
    assignmentId: input.assignmentId,
    planId: input.planId,
    issuerCode: input.issuer.code,
    unitCode: input.unit.code,
    type: effect.type,
    occurredAt: iso(now),
    actor: effect.actor?.by ?? 'system',
    ...(effect.actor ? { requestId: effect.actor.requestId } : {}),
    payload: effect.payload,
    snapshot: snapshot(state),
    notifications,
    ...(effect.digest ? { digest: effect.digest } : {}),
  };
}

function snapshot(state: AssignmentState): AssignmentSnapshot {
  return {
    planVersion: state.planVersion,
    status: state.status,
    overdue: state.overdue,
    progressPercent: state.progressPercent,
    escalationLevel: state.escalationLevel,
    dueAt: state.schedule.dueAt,
    dueDate: state.schedule.dueDate,
    active: state.active,
    ...(state.acknowledgedAt ? { acknowledgedAt: state.acknowledgedAt } : {}),
    ...(state.completedAt ? { completedAt: state.completedAt } : {}),
    ...(state.completedLate !== undefined ? { completedLate: state.completedLate } : {}),
    ...(state.coordinators ? { coordinators: state.coordinators } : {}),
    ...(state.officer ? { officer: state.officer.login } : {}),
  };
}

function unitRecipient(input: AssignmentInput): Recipient {
  const { code, name, email } = input.unit;
  return { kind: 'unit', id: code, name, ...(email ? { email } : {}) };
}

/** Who does the work: the officer it is given to, else the unit's mailbox. */
function workRecipient(a: Assignment): Recipient {
  const o = a.state.officer;
  if (!o) return unitRecipient(a.input);
  return { kind: 'person', id: o.login, name: o.name, ...(o.email ? { email: o.email } : {}) };
}

/** Coordinators that have reported nothing yet. */
export function coordinatorsNotReported(a: Assignment): CoordinatorState[] {
  return (a.state.coordinators ?? []).filter((c) => c.contributions === 0);
}

/**
 * What escalations and digests say of coordinators: only when the plan makes the lead wait for them (otherwise a
 * late coordinator is not the lead's delay) and some have not reported.
 */
function waitingFor(a: Assignment): { waitingFor?: string[] } {
  if (!a.input.coordinatorsMustReport) return {};
  const names = coordinatorsNotReported(a).map((c) => c.name);
  return names.length ? { waitingFor: names } : {};
}

/**
 * Whoever decides extension requests: the Home Affairs office, i.e. the issuer's users with that role (the mailer
 * finds their addresses); the issuer's own mailbox is only the fallback when none of them has one.
 */
function homeAffairsRecipient(input: AssignmentInput): Recipient {
  const { email } = input.issuer;
  return { kind: 'role', id: HOME_AFFAIRS, name: 'Cơ quan Nội vụ', ...(email ? { email } : {}) };
}

// ---- schedules ----

/** Leaves every digest the assignment is listed in. */
function leaveDigests(
  a: Assignment,
  reason: NonNullable<DigestChange['remove']>['reason'],
): { inDigests: Record<string, Recipient>; digest?: DigestChange } {
  const recipients = Object.keys(a.inDigests);
  if (recipients.length === 0) return { inDigests: {} };
  return { inDigests: {}, digest: { remove: { recipients, assignmentId: a.input.assignmentId, reason } } };
}

/**
 * Replaces the schedule under a new generation: steps of the old one, and new ones already past, are history.
 * If the deadline is ahead (or there is none), the overdue flag and the ladder start again.
 */
function reschedule(
  a: Assignment,
  schedule: AssignmentSchedule,
  now: number,
): { assignment: Assignment; digest?: DigestChange } {
  const moved = evolve(a, { schedule, generation: a.state.generation + 1 }, { effectiveFrom: now });
  if (Date.parse(schedule.dueAt) > now || a.input.kind === 'ongoing') {
    const { inDigests, digest } = leaveDigests(a, 'extended');
    return {
      assignment: evolve(moved, { overdue: false, escalationLevel: 0 }, { inDigests }),
      ...(digest ? { digest } : {}),
    };
  }
  return { assignment: moved };
}

/**
 * The schedule for a new deadline date, recomputed over the plan's calendar with the policy's rules (the
 * functions the compiler used): the date moves off a day off, the due time keeps its form (24:00 or the written
 * time), reminders and the ladder follow the policy. Throws OutsideCalendarWindowError past the calendar.
 */
export function scheduleFor(a: Assignment, written: LocalDate): AssignmentSchedule {
  const { input, rules } = a;
  const days = serializedDayCalendar(input.calendar);
  const date = moveToWorkingDay(input.calendar, written);
  const old = a.state.schedule;
  const endOfDay = old.dueAt === endOfLocalDay(old.dueDate);
  const dueAt = endOfDay
    ? endOfLocalDay(date)
    : localDateTimeToInstant(date, instantToLocalDateTime(old.dueAt).time);
  const due = { date, at: dueAt };
  const recipientsOf = new Map(old.escalations.map((e) => [e.level, e.recipients]));
  return {
    dueDate: date,
    dueAt,
    ...(old.acknowledgeBy ? { acknowledgeBy: old.acknowledgeBy } : {}),
    reminders: scheduleReminders(days, due, input.startsAt, rules.reminders),
    escalations: scheduleEscalations(days, due, rules.escalation).map((e) => ({
      ...e,
      recipients: recipientsOf.get(e.level) ?? [],
    })),
    checkIns: old.checkIns,
  };
}

// ---- human actions ----

/** Every action names who acts and carries an idempotency key; checked before anything else. */
export function refuseActor(req: unknown): Refusal | undefined {
  const r = req as Partial<Actor> | null | undefined;
  if (!r || typeof r.by !== 'string' || r.by.trim() === '')
    return refusal('ACTOR_REQUIRED', 'Thiếu người thực hiện.', 'Who acts is required.');
  if (typeof r.requestId !== 'string' || r.requestId.trim() === '')
    return refusal('REQUEST_ID_REQUIRED', 'Thiếu mã yêu cầu.', 'An idempotency key (requestId) is required.');
  return undefined;
}

const cancelled = (a: Assignment) =>
  a.state.status === 'cancelled'
    ? refusal('ASSIGNMENT_CANCELLED', 'Nhiệm vụ đã bị hủy.', 'The assignment is cancelled.')
    : undefined;
const done = (a: Assignment) =>
  a.state.status === 'done'
    ? refusal('ASSIGNMENT_DONE', 'Nhiệm vụ đã hoàn thành.', 'The assignment is already done.')
    : undefined;
const open = (a: Assignment) => cancelled(a) ?? done(a);
const noReason = (reason: unknown, vi: string) =>
  typeof reason !== 'string' || reason.trim() === ''
    ? refusal('REASON_REQUIRED', vi, 'A reason is required.')
    : undefined;

/** Acting on an assignment (progress, completion, asking for more time) shows the unit has it. */
const acknowledgedBy = (a: Assignment, now: number): Partial<AssignmentState> =>
  a.state.status === 'assigned' ? { status: 'acknowledged', acknowledgedAt: iso(now) } : {};

/** The effect of a human action: keyed by its request id, so a retried write stores it once. */
const acted = (req: Actor, effect: Omit<Effect, 'key' | 'actor'>): Effect => ({
  ...effect,
  key: `action/${req.requestId}`,
  actor: { by: req.by, requestId: req.requestId },
});

export const acknowledge: Action<AcknowledgeRequest> = {
  refuse: (a) =>
    open(a) ??
    (a.state.status !== 'assigned'
      ? refusal(
          'ALREADY_ACKNOWLEDGED',
          'Nhiệm vụ đã được tiếp nhận.',
          'The assignment is already acknowledged.',
        )
      : undefined),
  apply: (a, req, now) => ({
    assignment: evolve(a, acknowledgedBy(a, now)),
    effect: acted(req, { type: 'acknowledged', payload: { note: req.note } }),
    replan: true,
  }),
};

export const reportProgress: Action<ProgressRequest> = {
  refuse: (a, req) =>
    open(a) ??
    (!Number.isInteger(req.percent) || req.percent < 0 || req.percent > 100
      ? refusal(
          'INVALID_PERCENT',
          'Tỷ lệ tiến độ phải là số nguyên từ 0 đến 100.',
          'Progress must be a whole percentage from 0 to 100.',
        )
      : undefined),
  apply: (a, req, now) => ({
    assignment: evolve(a, { ...acknowledgedBy(a, now), status: 'in_progress', progressPercent: req.percent }),
    effect: acted(req, { type: 'progress_reported', payload: { percent: req.percent, note: req.note } }),
    replan: true,
  }),
};

export const complete: Action<CompleteRequest> = {
  refuse: (a, req) => {
    const e = req.evidence;
    return (
      open(a) ??
      (!e || (!e.documentNumber?.trim() && !e.link?.trim())
        ? refusal(
            'EVIDENCE_REQUIRED',
            'Cần số văn bản hoặc đường dẫn tài liệu kiểm chứng.',
            'Evidence is required: a document number or a link.',
          )
        : e.documentDate !== undefined && !isLocalDate(e.documentDate)
          ? refusal(
              'INVALID_DATE',
              'Ngày văn bản không hợp lệ (YYYY-MM-DD).',
              'The document date is not a YYYY-MM-DD date.',
            )
          : coordinatorsBlock(a))
    );
  },
  apply: (a, req, now) => {
    const late = now > Date.parse(a.state.schedule.dueAt);
    const { inDigests, digest } = leaveDigests(a, 'done');
    return {
      assignment: evolve(
        a,
        {
          ...acknowledgedBy(a, now),
          status: 'done',
          progressPercent: 100,
          completedAt: iso(now),
          completedLate: late,
          evidence: req.evidence,
          pendingExtension: undefined,
        },
        { inDigests },
      ),
      effect: acted(req, {
        type: 'completed',
        payload: { evidence: req.evidence, late, ...notContributed(a) },
        ...(digest ? { digest } : {}),
      }),
      replan: true,
    };
  },
};

export const requestExtension: Action<ExtensionRequest> = {
  refuse: (a, req, now) => {
    const to = a.input.calendar.to;
    const closed = open(a);
    if (closed) return closed;
    if (a.state.pendingExtension)
      return refusal(
        'EXTENSION_PENDING',
        'Đã có đề nghị gia hạn đang chờ quyết định.',
        'An extension request is already waiting for a decision.',
      );
    if (!isLocalDate(req.newDueDate))
      return refusal(
        'INVALID_DATE',
        'Ngày đề nghị không hợp lệ (YYYY-MM-DD).',
        'The new date is not a YYYY-MM-DD date.',
      );
    if (req.newDueDate <= localDateOfInstant(now))
      return refusal(
        'DATE_IN_PAST',
        'Ngày gia hạn phải sau ngày hôm nay.',
        'The new deadline must be after today.',
      );
    if (req.newDueDate <= a.state.schedule.dueDate)
      return refusal(
        'DATE_NOT_LATER',
        'Ngày gia hạn phải sau thời hạn hiện tại.',
        'The new deadline must be after the current one.',
      );
    if (req.newDueDate > to)
      return refusal(
        'DATE_OUTSIDE_CALENDAR',
        `Ngày gia hạn vượt quá lịch của kế hoạch (đến ${to}).`,
        `The new deadline is beyond the plan's calendar (ends ${to}).`,
      );
    return noReason(req.reason, 'Cần nêu lý do gia hạn.');
  },
  // A request acknowledges an assignment not yet acknowledged: then the acknowledgement reminder is owed no more
  // and the timeline plans again; otherwise it changes no step and the timeline keeps the step it sleeps to.
  apply: (a, req, now) => ({
    assignment: evolve(a, {
      ...acknowledgedBy(a, now),
      pendingExtension: {
        newDueDate: req.newDueDate,
        reason: req.reason,
        requestedBy: req.by,
        requestedAt: iso(now),
      },
    }),
    effect: acted(req, {
      type: 'extension_requested',
      payload: { newDueDate: req.newDueDate, reason: req.reason, currentDueAt: a.state.schedule.dueAt },
      notify: {
        kind: 'extension_requested',
        to: [homeAffairsRecipient(a.input)],
        payload: { newDueDate: req.newDueDate, reason: req.reason, requestedBy: req.by },
      },
    }),
    replan: a.state.status === 'assigned',
  }),
};

export const decideExtension: Action<ExtensionDecision> = {
  refuse: (a, req) => {
    const pending = a.state.pendingExtension;
    const closed = cancelled(a);
    if (closed) return closed;
    if (!pending)
      return refusal(
        'NO_EXTENSION_PENDING',
        'Không có đề nghị gia hạn nào đang chờ.',
        'No extension request is waiting.',
      );
    if (typeof req.approve !== 'boolean')
      return refusal('DECISION_REQUIRED', 'Cần chọn đồng ý hoặc từ chối.', 'approve must be true or false.');
    if (req.approve) {
      try {
        scheduleFor(a, pending.newDueDate);
      } catch (err) {
        if (err instanceof OutsideCalendarWindowError)
          return refusal(
            'DATE_OUTSIDE_CALENDAR',
            'Ngày gia hạn vượt quá lịch của kế hoạch.',
            "The new deadline is beyond the plan's calendar.",
          );
        throw err;
      }
    }
    return undefined;
  },
  apply: (a, req, now) => {
    const pending = a.state.pendingExtension!;
    const unit = [unitRecipient(a.input)];
    if (!req.approve)
      return {
        assignment: evolve(a, { pendingExtension: undefined }),
        effect: acted(req, {
          type: 'extension_refused',
          payload: { requested: pending.newDueDate, note: req.note },
          notify: { kind: 'extension_decided', to: unit, payload: { approved: false, note: req.note } },
        }),
        replan: false,
      };
    const previousDueAt = a.state.schedule.dueAt;
    const { assignment, digest } = reschedule(a, scheduleFor(a, pending.newDueDate), now);
    const approved = evolve(assignment, { pendingExtension: undefined, extensions: a.state.extensions + 1 });
    return {
      assignment: approved,
      effect: acted(req, {
        type: 'extension_approved',
        payload: {
          previousDueAt,
          dueAt: approved.state.schedule.dueAt,
          note: req.note,
          requestedBy: pending.requestedBy,
        },
        notify: {
          kind: 'extension_decided',
          to: unit,
          payload: { approved: true, previousDueAt, note: req.note },
        },
        ...(digest ? { digest } : {}),
      }),
      replan: true,
    };
  },
};

export const reopen: Action<ReopenRequest> = {
  refuse: (a, req) =>
    cancelled(a) ??
    (a.state.status !== 'done'
      ? refusal(
          'NOT_DONE',
          'Chỉ mở lại được nhiệm vụ đã hoàn thành.',
          'Only a done assignment can be reopened.',
        )
      : noReason(req.reason, 'Cần nêu lý do trả lại kết quả.')),
  apply: (a, req, now) => ({
    assignment: evolve(a, {
      status: 'in_progress',
      completedAt: undefined,
      completedLate: undefined,
      evidence: undefined,
      overdue: a.input.kind === 'deadline' && now > Date.parse(a.state.schedule.dueAt),
    }),
    effect: acted(req, {
      type: 'reopened',
      payload: { reason: req.reason },
      notify: { kind: 'reopened', to: [unitRecipient(a.input)], payload: { reason: req.reason } },
    }),
    replan: true,
  }),
};

export const cancel: Action<CancelRequest> = {
  refuse: (a, req) => open(a) ?? noReason(req.reason, 'Cần nêu lý do hủy.'),
  apply: (a, req) => {
    const { inDigests, digest } = leaveDigests(a, 'cancelled');
    return {
      assignment: evolve(a, { status: 'cancelled', pendingExtension: undefined }, { inDigests }),
      effect: acted(req, {
        type: 'cancelled',
        payload: { reason: req.reason },
        notify: { kind: 'cancelled', to: [unitRecipient(a.input)], payload: { reason: req.reason } },
        ...(digest ? { digest } : {}),
      }),
      replan: true,
    };
  },
};

/**
 * A new plan version: the task's wording, the rules and the digest recipients are replaced; a new schedule
 * replaces the old as an extension would, except for done work, which keeps its status and only records it.
 */
export const amend: Action<AmendRequest> = {
  refuse: (a, req) =>
    cancelled(a) ??
    (req.planVersion < a.state.planVersion
      ? refusal(
          'STALE_VERSION',
          'Phiên bản kế hoạch cũ hơn phiên bản đang áp dụng.',
          'The plan version is older than the one in force.',
        )
      : undefined),
  apply: (a, req, now) => {
    const before = { dueAt: a.state.schedule.dueAt, title: a.task.title };
    const isDone = a.state.status === 'done';
    const moved = JSON.stringify(req.schedule) !== JSON.stringify(a.state.schedule);
    let amended = evolve(
      a,
      { planVersion: req.planVersion, ...amendedCoordinators(a, req) },
      { task: req.task, rules: req.rules, digestRecipients: req.digestRecipients },
    );
    let digest: DigestChange | undefined;
    if (moved && isDone) amended = evolve(amended, { schedule: req.schedule });
    else if (moved) ({ assignment: amended, digest } = reschedule(amended, req.schedule, now));
    const dueAt = amended.state.schedule.dueAt;
    return {
      assignment: amended,
      effect: acted(req, {
        type: 'amended',
        payload: { planVersion: req.planVersion, before, after: { dueAt, title: req.task.title } },
        ...(!isDone && before.dueAt !== dueAt
          ? {
              notify: {
                kind: 'amended' as const,
                to: [unitRecipient(a.input)],
                payload: { previousDueAt: before.dueAt, planVersion: req.planVersion },
              },
            }
          : {}),
        ...(digest ? { digest } : {}),
      }),
      replan: moved && !isDone,
    };
  },
};

// ---- coordinating units ----

/** The coordinators of a new plan version: those kept keep what they did, new ones start, removed ones leave. */
function amendedCoordinators(a: Assignment, req: AmendRequest): Partial<AssignmentState> {
  const before = new Map((a.state.coordinators ?? []).map((c) => [c.code, c]));
  const next = (req.coordinators ?? []).map((c) => ({
    ...(before.get(c.code) ?? { contributions: 0 }),
    ...c,
  }));
  if (next.length === 0) return before.size ? { coordinators: [] } : {};
  return { coordinators: next };
}

/** The blocking policy: with `chờ đơn vị phối hợp: có`, completion waits for every coordinator's report. */
function coordinatorsBlock(a: Assignment): Refusal | undefined {
  if (!a.input.coordinatorsMustReport) return undefined;
  const missing = coordinatorsNotReported(a);
  if (missing.length === 0) return undefined;
  const names = missing.map((c) => c.name).join('; ');
  return refusal(
    'COORDINATORS_NOT_REPORTED',
    `Kế hoạch yêu cầu đơn vị phối hợp báo cáo trước khi hoàn thành; chưa báo cáo: ${names}.`,
    `The plan requires every coordinating unit to report first; not reported yet: ${missing.map((c) => c.code).join(', ')}.`,
  );
}

/** Recorded with a completion the plan does not block: the report says who did not contribute. */
function notContributed(a: Assignment): { coordinatorsNotReported?: string[] } {
  const missing = coordinatorsNotReported(a);
  return missing.length ? { coordinatorsNotReported: missing.map((c) => c.code) } : {};
}

const notCoordinator = (a: Assignment, unitCode: unknown) =>
  typeof unitCode !== 'string' || !(a.state.coordinators ?? []).some((c) => c.code === unitCode)
    ? refusal(
        'NOT_A_COORDINATOR',
        'Đơn vị không phải đơn vị phối hợp của nhiệm vụ này.',
        'The unit does not coordinate this assignment.',
      )
    : undefined;

function withCoordinator(
  a: Assignment,
  code: string,
  change: (c: CoordinatorState) => CoordinatorState,
): CoordinatorState[] {
  return (a.state.coordinators ?? []).map((c) => (c.code === code ? change(c) : c));
}

export const acknowledgeCoordination: Action<CoordinationAcknowledgeRequest> = {
  refuse: (a, req) =>
    cancelled(a) ??
    notCoordinator(a, req.unitCode) ??
    (a.state.coordinators!.find((c) => c.code === req.unitCode)!.acknowledgedAt
      ? refusal(
          'ALREADY_ACKNOWLEDGED',
          'Đơn vị đã tiếp nhận phần phối hợp.',
          'The coordinating unit has already acknowledged.',
        )
      : undefined),
  apply: (a, req, now) => ({
    assignment: evolve(a, {
      coordinators: withCoordinator(a, req.unitCode, (c) => ({ ...c, acknowledgedAt: iso(now) })),
    }),
    effect: acted(req, {
      type: 'coordination_acknowledged',
      payload: { unit: req.unitCode, ...(req.note ? { note: req.note } : {}) },
    }),
    replan: false,
  }),
};

export const reportContribution: Action<ContributionRequest> = {
  refuse: (a, req) =>
    open(a) ??
    notCoordinator(a, req.unitCode) ??
    noNote(req.note) ??
    (req.evidence?.documentDate !== undefined && !isLocalDate(req.evidence.documentDate)
      ? refusal(
          'INVALID_DATE',
          'Ngày văn bản không hợp lệ (YYYY-MM-DD).',
          'The document date is not a YYYY-MM-DD date.',
        )
      : undefined),
  // Reporting acknowledges the unit's part implicitly; the lead hears of it before completing.
  apply: (a, req, now) => {
    const coordinator = a.state.coordinators!.find((c) => c.code === req.unitCode)!;
    return {
      assignment: evolve(a, {
        coordinators: withCoordinator(a, req.unitCode, (c) => ({
          ...c,
          acknowledgedAt: c.acknowledgedAt ?? iso(now),
          reportedAt: iso(now),
          contributions: c.contributions + 1,
        })),
      }),
      effect: acted(req, {
        type: 'contribution_reported',
        payload: { unit: req.unitCode, note: req.note, ...(req.evidence ? { evidence: req.evidence } : {}) },
        notify: {
          kind: 'contribution_reported',
          to: [workRecipient(a)],
          payload: { coordinator: { code: coordinator.code, name: coordinator.name }, note: req.note },
        },
      }),
      replan: false,
    };
  },
};

const noNote = (note: unknown) =>
  typeof note !== 'string' || note.trim() === ''
    ? refusal(
        'NOTE_REQUIRED',
        'Cần nêu nội dung đã phối hợp thực hiện.',
        'A note on the contribution is required.',
      )
    : undefined;

// ---- officers ----

/**
 * The work given to an officer of the unit, or given to another: reminders go to the officer from then on, the
 * ladder still to the heads the plan names. The unit's membership is checked by the API, which knows the users.
 */
export const assignOfficer: Action<AssignOfficerRequest> = {
  refuse: (a, req) =>
    open(a) ??
    (!req.officer || typeof req.officer.login !== 'string' || req.officer.login.trim() === ''
      ? refusal('OFFICER_REQUIRED', 'Cần chọn chuyên viên.', 'An officer is required.')
      : a.state.officer?.login === req.officer.login
        ? refusal(
            'OFFICER_ALREADY_ASSIGNED',
            'Nhiệm vụ đã được giao cho chuyên viên này.',
            'The assignment is already given to this officer.',
          )
        : undefined),
  apply: (a, req) => {
    const previous = a.state.officer;
    const officer = { ...req.officer };
    return {
      assignment: evolve(a, { officer }),
      effect: acted(req, {
        type: 'officer_assigned',
        payload: {
          officer: officer.login,
          officerName: officer.name,
          ...(previous ? { previous: previous.login, previousName: previous.name } : {}),
          ...(req.note ? { note: req.note } : {}),
        },
        notify: {
          kind: 'officer_assigned',
          to: [
            {
              kind: 'person',
              id: officer.login,
              name: officer.name,
              ...(officer.email ? { email: officer.email } : {}),
            },
          ],
          payload: { reassigned: previous !== undefined, ...(req.note ? { note: req.note } : {}) },
        },
      }),
      replan: false,
    };
  },
};

// ---- requests the store could not hold, keys reused, writes that failed for good ----

/**
 * Text the activity could not store (NUL: PostgreSQL refuses it) or that would disguise what people read
 * (bidirectional controls): refused by the validator, so an accepted action can always be written.
 */
export function refuseText(req: unknown): Refusal | undefined {
  const found = findUnsafeText(req);
  if (!found) return undefined;
  const m = unsafeTextMessage(found.reason);
  return refusal('INVALID_TEXT', m.vi, m.en);
}

/**
 * What a request asks for, independent of its key: the update's name and every field but the key. The same
 * key with another action or other content is refused (`IDEMPOTENCY_KEY_REUSED`), as the IETF Idempotency-Key
 * draft asks, instead of answering the first action's result for it.
 */
export function requestFingerprint(update: string, req: Actor): string {
  const { requestId: _key, ...rest } = req;
  return canonicalJson({ update, request: rest });
}

export function refuseReusedKey(first: string, now: string): Refusal | undefined {
  return first === now
    ? undefined
    : refusal(
        'IDEMPOTENCY_KEY_REUSED',
        'Mã chống gửi trùng (Idempotency-Key) này đã dùng cho một thao tác khác; hãy dùng mã mới.',
        'This idempotency key was used for another request; use a new key.',
      );
}

/** The type of the failure an activity raises for a write the database refuses for good (apps/worker). */
export const PERMANENT_WRITE_FAILURE = 'PERMANENT_WRITE_FAILURE';

/**
 * What the incident of a step that could not be written records: which step, of which assignment, and the
 * database's reason (a SQLSTATE and its message, never the step's content).
 */
export function failedStepIncident(
  a: Assignment,
  step: AssignmentStep,
  failure: { message: string; details?: unknown[] | null | undefined },
): StepFailure {
  const d = (failure.details?.[0] ?? {}) as { sqlstate?: unknown };
  return {
    office: homeAffairsRecipient(a.input),
    planCode: a.input.planCode,
    task: { id: a.task.id, title: a.task.title },
    unit: a.input.unit,
    eventId: step.eventId,
    assignmentId: step.assignmentId,
    planId: step.planId,
    issuerCode: step.issuerCode,
    unitCode: step.unitCode,
    stepType: step.type,
    actor: step.actor,
    occurredAt: step.occurredAt,
    sqlstate: typeof d.sqlstate === 'string' ? d.sqlstate : null,
    reason: failure.message.slice(0, 500),
  };
}
