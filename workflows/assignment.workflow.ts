import {
  allHandlersFinished,
  ApplicationFailure,
  CancellationScope,
  condition,
  getExternalWorkflowHandle,
  isCancellation,
  patched,
  proxyActivities,
  setHandler,
  sleep,
  workflowInfo,
} from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import { type LocalDate, isLocalDate } from '../dsl/calendar/local-date.js';
import {
  endOfLocalDay,
  instantToLocalDateTime,
  localDateOfInstant,
  localDateTimeToInstant,
} from '../dsl/calendar/local-time.js';
import { moveToWorkingDay, OutsideCalendarWindowError } from '../dsl/calendar/workdays.js';
import { scheduleEscalations, scheduleReminders, serializedDayCalendar } from '../dsl/ir/schedule.js';
import type { AssignmentActivities } from './activities.js';
import { refuse } from './refuse.js';
import {
  acknowledgeUpdate,
  amendUpdate,
  assignmentStateQuery,
  cancelUpdate,
  completeUpdate,
  decideExtensionUpdate,
  planWorkflowId,
  progressChangedSignal,
  recipientKey,
  reopenUpdate,
  reportProgressUpdate,
  requestExtensionUpdate,
  type ActionResult,
  type Actor,
  type AssignmentEventType,
  type AssignmentInput,
  type AssignmentSchedule,
  type AssignmentState,
  type DigestChange,
  type Notification,
  type NotificationKind,
  type ProgressClass,
  type Recipient,
} from './contracts.js';

// A step is a short transaction and a signal or two: a worker that dies mid-step is noticed within 30 s.
const { recordAssignmentStep } = proxyActivities<AssignmentActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

type StepKind = 'assigned' | 'ack' | 'reminder' | 'due' | 'check_in' | 'escalation';
interface Step {
  key: string;
  at: string;
  kind: StepKind;
  index: number;
}

/**
 * The life of one unit's task (one assignment): assigned → acknowledged → in progress → done, overdue while
 * not done after the deadline, extended, cancelled. Timers follow the schedule compiled from the plan; human
 * actions arrive as validated updates carrying who did them and an idempotency key. Every side effect goes
 * through one activity, one step at a time, keyed by the step so that retries change nothing.
 */
export async function assignmentWorkflow(input: AssignmentInput): Promise<AssignmentState> {
  // An input of another shape (a workflow started by an older build) fails the workflow once, with a reason,
  // instead of failing its task again and again.
  if (!input?.schedule || !input.calendar || !input.unit || !input.rules)
    throw ApplicationFailure.nonRetryable('assignment input of an unknown shape', 'INVALID_INPUT');
  let task = input.task;
  let rules = input.rules;
  let digestRecipients = new Set(input.digestRecipients);
  const days = serializedDayCalendar(input.calendar);
  const closesAt = Date.parse(endOfLocalDay(input.calendar.to));
  const state: AssignmentState = {
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
  };
  const fired = new Set<string>();
  /**
   * Steps at or before this instant are history, not due: those already past when the workflow starts (an
   * assignment added by an amendment mid-year) and, after a reschedule, those of the old schedule.
   * The start is the server's time of WorkflowExecutionStarted (`startTime`; `runStartTime` and `Date.now()`
   * are the clock of the first workflow task): that task may run long after the start (a backlog after
   * publishing thousands, a worker or server outage), and steps due in between are owed, not history.
   * Histories recorded before this change keep the first task's clock.
   */
  let effectiveFrom = patched('effective-from-start-time') ? workflowInfo().startTime.getTime() : Date.now();
  const handled = new Map<string, ActionResult>();
  /** Digests this assignment is listed in (recipient key → recipient). */
  const inDigests = new Map<string, Recipient>();
  let wake = false;
  /**
   * The timeline waits in one cancellable sleep that a handler cancels (`wakeUp`), rather than in a condition
   * raced with a timer: half the promises, and the SDK keeps a stack trace of every pending promise of every
   * cached workflow (the workflow thread holds ≈14 MB less per 1,000 cached assignments). Histories recorded
   * before keep the condition.
   */
  const sleepInScope = patched('timeline-sleep-in-scope');
  let sleeping: CancellationScope | undefined;
  const wakeUp = () => {
    wake = true;
    sleeping?.cancel();
  };
  /** Sleeps `ms` unless a handler wakes the timeline first; true when woken. */
  const sleepUnlessWoken = async (ms: number): Promise<boolean> => {
    sleeping = new CancellationScope();
    try {
      await sleeping.run(() => sleep(ms));
      return false;
    } catch (err) {
      if (wake && isCancellation(err)) return true;
      throw err;
    } finally {
      sleeping = undefined;
    }
  };
  let reportedClass: ProgressClass = 'open';

  const nowMs = () => Date.now();
  const nowIso = () => new Date(Date.now()).toISOString();
  const unitRecipient: Recipient = {
    kind: 'unit',
    id: input.unit.code,
    name: input.unit.name,
    ...(input.unit.email ? { email: input.unit.email } : {}),
  };
  const issuerRecipient: Recipient = {
    kind: 'unit',
    id: input.issuer.code,
    name: input.issuer.name,
    ...(input.issuer.email ? { email: input.issuer.email } : {}),
  };

  const progressClass = (): ProgressClass =>
    state.status === 'cancelled'
      ? 'cancelled'
      : state.status === 'done'
        ? state.completedLate
          ? 'done_late'
          : 'done_on_time'
        : state.overdue
          ? 'overdue'
          : 'open';

  const result = (): ActionResult => ({
    status: state.status,
    progressClass: progressClass(),
    dueAt: state.schedule.dueAt,
  });

  // Steps are written one at a time, so the projection always ends with the latest state.
  let queue: Promise<unknown> = Promise.resolve();
  interface RecordOptions {
    key: string;
    actor?: Actor;
    payload?: Record<string, unknown>;
    notify?: { kind: NotificationKind; to: Recipient[]; at?: string; payload?: Record<string, unknown> };
    digest?: DigestChange;
  }
  const record = (type: AssignmentEventType, o: RecordOptions): Promise<void> => {
    const run = async () => {
      state.progressClass = progressClass();
      const at = o.notify?.at ?? nowIso();
      const notifications: Notification[] = (o.notify?.to ?? []).map((r) => ({
        key: `${input.assignmentId}/${o.key}/${recipientKey(r)}`,
        kind: o.notify!.kind,
        recipient: r,
        at,
        payload: {
          planCode: input.planCode,
          task,
          occurrence: input.occurrence,
          unit: input.unit,
          dueAt: state.schedule.dueAt,
          ...o.notify!.payload,
        },
      }));
      await recordAssignmentStep({
        eventId: `${input.assignmentId}/${o.key}`,
        assignmentId: input.assignmentId,
        planId: input.planId,
        issuerCode: input.issuer.code,
        unitCode: input.unit.code,
        type,
        occurredAt: nowIso(),
        actor: o.actor?.by ?? 'system',
        ...(o.actor ? { requestId: o.actor.requestId } : {}),
        payload: o.payload ?? {},
        snapshot: {
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
        },
        notifications,
        ...(o.digest ? { digest: o.digest } : {}),
      });
      const now = progressClass();
      if (now !== reportedClass) {
        const from = reportedClass;
        reportedClass = now;
        try {
          await getExternalWorkflowHandle(planWorkflowId(input.planCode)).signal(progressChangedSignal, {
            assignmentId: input.assignmentId,
            from,
            to: now,
          });
        } catch {
          // No plan workflow (an assignment started on its own, or the plan closed): nothing to count in.
        }
      }
    };
    const next = queue.then(run);
    queue = next.catch(() => undefined);
    return next;
  };

  /** Removes the assignment from every digest it is listed in. */
  const leaveDigests = (reason: NonNullable<DigestChange['remove']>['reason']): DigestChange | undefined => {
    if (inDigests.size === 0) return undefined;
    const recipients = [...inDigests.keys()];
    inDigests.clear();
    return { remove: { recipients, assignmentId: input.assignmentId, reason } };
  };

  // ---- the schedule ----

  const steps = (): Step[] => {
    const s = state.schedule;
    const g = `g${state.generation}`;
    const out: Step[] = [];
    if (!state.active) out.push({ key: 'assigned', at: input.startsAt, kind: 'assigned', index: 0 });
    if (s.acknowledgeBy) out.push({ key: `${g}/ack`, at: s.acknowledgeBy, kind: 'ack', index: 0 });
    s.reminders.forEach((r, i) =>
      out.push({ key: `${g}/reminder/${i}`, at: r.at, kind: 'reminder', index: i }),
    );
    if (input.kind === 'deadline') out.push({ key: `${g}/due`, at: s.dueAt, kind: 'due', index: 0 });
    s.checkIns.forEach((at, i) => out.push({ key: `${g}/check-in/${i}`, at, kind: 'check_in', index: i }));
    s.escalations.forEach((e, i) =>
      out.push({ key: `${g}/escalation/${e.level}`, at: e.at, kind: 'escalation', index: i }),
    );
    return out;
  };

  const applies = (step: Step): boolean => {
    if (fired.has(step.key) || state.status === 'cancelled') return false;
    if (step.kind === 'assigned') return true;
    if (Date.parse(step.at) <= effectiveFrom) return false;
    if (step.kind === 'ack') return state.status === 'assigned';
    return state.status !== 'done';
  };

  const nextStep = (): Step | undefined => {
    let best: Step | undefined;
    for (const step of steps()) {
      if (!applies(step)) continue;
      if (!best || step.at < best.at) best = step;
    }
    return best;
  };

  const fire = async (step: Step): Promise<void> => {
    const s = state.schedule;
    switch (step.kind) {
      case 'assigned':
        state.active = true;
        return record('assigned', {
          key: step.key,
          payload: { startsAt: input.startsAt, dueAt: s.dueAt },
          ...(state.status === 'assigned'
            ? { notify: { kind: 'assigned', to: [unitRecipient], at: step.at, payload: { schedule: s } } }
            : {}),
        });
      case 'ack':
        return record('acknowledge_reminder', {
          key: step.key,
          payload: { acknowledgeBy: step.at },
          notify: { kind: 'acknowledge_reminder', to: [unitRecipient], at: step.at },
        });
      case 'reminder': {
        const r = s.reminders[step.index]!;
        return record('reminder', {
          key: step.key,
          payload: { at: r.at, when: r.when, label: r.label },
          notify: {
            kind: 'reminder',
            to: [unitRecipient],
            at: step.at,
            payload: { label: r.label, when: r.when },
          },
        });
      }
      case 'due':
        state.overdue = true;
        return record('overdue', {
          key: step.key,
          payload: { dueAt: s.dueAt },
          notify: { kind: 'overdue', to: [unitRecipient], at: step.at },
        });
      case 'check_in':
        return record('check_in', {
          key: step.key,
          payload: { at: step.at },
          notify: { kind: 'check_in', to: [unitRecipient], at: step.at },
        });
      case 'escalation': {
        const e = s.escalations[step.index]!;
        state.escalationLevel = e.level;
        const toDigest = e.recipients.filter((r) => digestRecipients.has(recipientKey(r)));
        for (const r of toDigest) inDigests.set(recipientKey(r), r);
        return record('escalated', {
          key: step.key,
          payload: { level: e.level, recipients: e.recipients.map(recipientKey) },
          notify: {
            kind: 'escalation',
            to: e.recipients,
            at: step.at,
            payload: { level: e.level, overdueSince: s.dueAt },
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
                      task: { id: task.id, title: task.title },
                      occurrence: input.occurrence,
                      dueAt: s.dueAt,
                      level: e.level,
                      escalatedAt: step.at,
                    },
                  },
                },
              }
            : {}),
        });
      }
    }
  };

  /** Replaces the schedule; steps already past are history, the ladder starts again if the deadline is ahead. */
  const reschedule = (schedule: AssignmentSchedule): DigestChange | undefined => {
    state.schedule = schedule;
    state.generation++;
    effectiveFrom = nowMs();
    wakeUp();
    if (Date.parse(schedule.dueAt) > nowMs() || input.kind === 'ongoing') {
      state.overdue = false;
      state.escalationLevel = 0;
      return leaveDigests('extended');
    }
    return undefined;
  };

  /** The schedule for a new deadline date, recomputed with the plan's calendar and the policy's rules. */
  const scheduleFor = (written: LocalDate): AssignmentSchedule => {
    const date = moveToWorkingDay(input.calendar, written);
    const old = state.schedule;
    const oldTime = instantToLocalDateTime(old.dueAt);
    const endOfDay = old.dueAt === endOfLocalDay(old.dueDate);
    const dueAt = endOfDay ? endOfLocalDay(date) : localDateTimeToInstant(date, oldTime.time);
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
  };

  // ---- human actions ----

  const notCancelled = () => {
    if (state.status === 'cancelled')
      refuse('ASSIGNMENT_CANCELLED', 'Nhiệm vụ đã bị hủy.', 'The assignment is cancelled.');
  };
  const notDone = () => {
    if (state.status === 'done')
      refuse('ASSIGNMENT_DONE', 'Nhiệm vụ đã hoàn thành.', 'The assignment is already done.');
  };
  const open = () => {
    notCancelled();
    notDone();
  };
  const reasonGiven = (reason: unknown, vi: string) => {
    if (typeof reason !== 'string' || reason.trim() === '')
      refuse('REASON_REQUIRED', vi, 'A reason is required.');
  };
  const acknowledgeImplicitly = () => {
    if (state.status === 'assigned') {
      state.status = 'acknowledged';
      state.acknowledgedAt = nowIso();
    }
  };

  /**
   * A human action: the validator refuses what is invalid (a request id seen before is always accepted);
   * the handler applies it once per request id, records it, and answers with the outcome. An action that
   * changes which steps are still due wakes the timeline (`wakeUp`), so that it re-plans.
   */
  const action = <R extends Actor>(
    update: UpdateDefinition<ActionResult, [R]>,
    validate: (req: R) => void,
    apply: (req: R) => { type: AssignmentEventType } & Omit<RecordOptions, 'key' | 'actor'>,
  ) =>
    setHandler(
      update,
      async (req) => {
        const previous = handled.get(req.requestId);
        if (previous) return previous;
        const { type, ...options } = apply(req);
        const outcome = result();
        handled.set(req.requestId, outcome);
        await record(type, { key: `action/${req.requestId}`, actor: req, ...options });
        return outcome;
      },
      {
        validator: (req) => {
          if (!req || typeof req.by !== 'string' || req.by.trim() === '')
            refuse('ACTOR_REQUIRED', 'Thiếu người thực hiện.', 'Who acts is required.');
          if (typeof req.requestId !== 'string' || req.requestId.trim() === '')
            refuse('REQUEST_ID_REQUIRED', 'Thiếu mã yêu cầu.', 'An idempotency key (requestId) is required.');
          if (!handled.has(req.requestId)) validate(req);
        },
      },
    );

  setHandler(assignmentStateQuery, () => ({ ...state, progressClass: progressClass() }));

  action(
    acknowledgeUpdate,
    () => {
      open();
      if (state.status !== 'assigned')
        refuse(
          'ALREADY_ACKNOWLEDGED',
          'Nhiệm vụ đã được tiếp nhận.',
          'The assignment is already acknowledged.',
        );
    },
    (req) => {
      acknowledgeImplicitly();
      wakeUp();
      return { type: 'acknowledged', payload: { note: req.note } };
    },
  );

  action(
    reportProgressUpdate,
    (req) => {
      open();
      if (!Number.isInteger(req.percent) || req.percent < 0 || req.percent > 100)
        refuse(
          'INVALID_PERCENT',
          'Tỷ lệ tiến độ phải là số nguyên từ 0 đến 100.',
          'Progress must be a whole percentage from 0 to 100.',
        );
    },
    (req) => {
      acknowledgeImplicitly();
      state.status = 'in_progress';
      state.progressPercent = req.percent;
      wakeUp();
      return { type: 'progress_reported', payload: { percent: req.percent, note: req.note } };
    },
  );

  action(
    completeUpdate,
    (req) => {
      open();
      const e = req.evidence;
      if (!e || (!e.documentNumber?.trim() && !e.link?.trim()))
        refuse(
          'EVIDENCE_REQUIRED',
          'Cần số văn bản hoặc đường dẫn tài liệu kiểm chứng.',
          'Evidence is required: a document number or a link.',
        );
      if (e.documentDate !== undefined && !isLocalDate(e.documentDate))
        refuse(
          'INVALID_DATE',
          'Ngày văn bản không hợp lệ (YYYY-MM-DD).',
          'The document date is not a YYYY-MM-DD date.',
        );
    },
    (req) => {
      acknowledgeImplicitly();
      state.status = 'done';
      state.progressPercent = 100;
      state.completedAt = nowIso();
      state.completedLate = nowMs() > Date.parse(state.schedule.dueAt);
      state.evidence = req.evidence;
      state.pendingExtension = undefined;
      wakeUp();
      const digest = leaveDigests('done');
      return {
        type: 'completed',
        payload: { evidence: req.evidence, late: state.completedLate },
        ...(digest ? { digest } : {}),
      };
    },
  );

  action(
    requestExtensionUpdate,
    (req) => {
      open();
      if (state.pendingExtension)
        refuse(
          'EXTENSION_PENDING',
          'Đã có đề nghị gia hạn đang chờ quyết định.',
          'An extension request is already waiting for a decision.',
        );
      if (!isLocalDate(req.newDueDate))
        refuse(
          'INVALID_DATE',
          'Ngày đề nghị không hợp lệ (YYYY-MM-DD).',
          'The new date is not a YYYY-MM-DD date.',
        );
      if (req.newDueDate <= localDateOfInstant(nowMs()))
        refuse(
          'DATE_IN_PAST',
          'Ngày gia hạn phải sau ngày hôm nay.',
          'The new deadline must be after today.',
        );
      if (req.newDueDate <= state.schedule.dueDate)
        refuse(
          'DATE_NOT_LATER',
          'Ngày gia hạn phải sau thời hạn hiện tại.',
          'The new deadline must be after the current one.',
        );
      if (req.newDueDate > input.calendar.to)
        refuse(
          'DATE_OUTSIDE_CALENDAR',
          `Ngày gia hạn vượt quá lịch của kế hoạch (đến ${input.calendar.to}).`,
          `The new deadline is beyond the plan's calendar (ends ${input.calendar.to}).`,
        );
      reasonGiven(req.reason, 'Cần nêu lý do gia hạn.');
    },
    (req) => {
      // Asking for more time shows the unit has the task.
      acknowledgeImplicitly();
      state.pendingExtension = {
        newDueDate: req.newDueDate,
        reason: req.reason,
        requestedBy: req.by,
        requestedAt: nowIso(),
      };
      return {
        type: 'extension_requested',
        payload: { newDueDate: req.newDueDate, reason: req.reason, currentDueAt: state.schedule.dueAt },
        notify: {
          kind: 'extension_requested',
          to: [issuerRecipient],
          payload: { newDueDate: req.newDueDate, reason: req.reason, requestedBy: req.by },
        },
      };
    },
  );

  action(
    decideExtensionUpdate,
    (req) => {
      notCancelled();
      if (!state.pendingExtension)
        refuse(
          'NO_EXTENSION_PENDING',
          'Không có đề nghị gia hạn nào đang chờ.',
          'No extension request is waiting.',
        );
      if (typeof req.approve !== 'boolean')
        refuse('DECISION_REQUIRED', 'Cần chọn đồng ý hoặc từ chối.', 'approve must be true or false.');
      if (req.approve) {
        try {
          scheduleFor(state.pendingExtension.newDueDate);
        } catch (err) {
          if (err instanceof OutsideCalendarWindowError)
            refuse(
              'DATE_OUTSIDE_CALENDAR',
              'Ngày gia hạn vượt quá lịch của kế hoạch.',
              "The new deadline is beyond the plan's calendar.",
            );
          throw err;
        }
      }
    },
    (req) => {
      const pending = state.pendingExtension!;
      state.pendingExtension = undefined;
      if (!req.approve)
        return {
          type: 'extension_refused',
          payload: { requested: pending.newDueDate, note: req.note },
          notify: {
            kind: 'extension_decided',
            to: [unitRecipient],
            payload: { approved: false, note: req.note },
          },
        };
      const previousDueAt = state.schedule.dueAt;
      const digest = reschedule(scheduleFor(pending.newDueDate));
      state.extensions++;
      return {
        type: 'extension_approved',
        payload: {
          previousDueAt,
          dueAt: state.schedule.dueAt,
          note: req.note,
          requestedBy: pending.requestedBy,
        },
        notify: {
          kind: 'extension_decided',
          to: [unitRecipient],
          payload: { approved: true, previousDueAt, note: req.note },
        },
        ...(digest ? { digest } : {}),
      };
    },
  );

  action(
    reopenUpdate,
    (req) => {
      notCancelled();
      if (state.status !== 'done')
        refuse(
          'NOT_DONE',
          'Chỉ mở lại được nhiệm vụ đã hoàn thành.',
          'Only a done assignment can be reopened.',
        );
      reasonGiven(req.reason, 'Cần nêu lý do trả lại kết quả.');
    },
    (req) => {
      state.status = 'in_progress';
      state.completedAt = undefined;
      state.completedLate = undefined;
      state.evidence = undefined;
      state.overdue = input.kind === 'deadline' && nowMs() > Date.parse(state.schedule.dueAt);
      wakeUp();
      return {
        type: 'reopened',
        payload: { reason: req.reason },
        notify: { kind: 'reopened', to: [unitRecipient], payload: { reason: req.reason } },
      };
    },
  );

  action(
    cancelUpdate,
    (req) => {
      open();
      reasonGiven(req.reason, 'Cần nêu lý do hủy.');
    },
    (req) => {
      state.status = 'cancelled';
      state.pendingExtension = undefined;
      wakeUp();
      const digest = leaveDigests('cancelled');
      return {
        type: 'cancelled',
        payload: { reason: req.reason },
        notify: { kind: 'cancelled', to: [unitRecipient], payload: { reason: req.reason } },
        ...(digest ? { digest } : {}),
      };
    },
  );

  action(
    amendUpdate,
    (req) => {
      notCancelled();
      if (req.planVersion < state.planVersion)
        refuse(
          'STALE_VERSION',
          'Phiên bản kế hoạch cũ hơn phiên bản đang áp dụng.',
          'The plan version is older than the one in force.',
        );
    },
    (req) => {
      const before = { dueAt: state.schedule.dueAt, title: task.title };
      state.planVersion = req.planVersion;
      task = req.task;
      rules = req.rules;
      digestRecipients = new Set(req.digestRecipients);
      const moved = JSON.stringify(req.schedule) !== JSON.stringify(state.schedule);
      let digest: DigestChange | undefined;
      if (moved && state.status === 'done') state.schedule = req.schedule;
      else if (moved) digest = reschedule(req.schedule);
      const noticed = state.status !== 'done' && before.dueAt !== state.schedule.dueAt;
      return {
        type: 'amended',
        payload: {
          planVersion: req.planVersion,
          before,
          after: { dueAt: state.schedule.dueAt, title: task.title },
        },
        ...(noticed
          ? {
              notify: {
                kind: 'amended' as const,
                to: [unitRecipient],
                payload: { previousDueAt: before.dueAt, planVersion: req.planVersion },
              },
            }
          : {}),
        ...(digest ? { digest } : {}),
      };
    },
  );

  // ---- the timeline ----
  // Done and cancelled assignments stay open (idle, one timer) until the plan's window closes, so that a late
  // action is refused by a validator with a reason rather than by a closed workflow.
  for (;;) {
    const next = nextStep();
    const target = next ? Date.parse(next.at) : closesAt;
    wake = false;
    const wait = target - nowMs();
    if (wait > 0 && (await (sleepInScope ? sleepUnlessWoken(wait) : condition(() => wake, wait)))) continue;
    if (!next) break;
    fired.add(next.key);
    await fire(next);
  }
  await condition(allHandlersFinished);
  await queue;
  return { ...state, progressClass: progressClass() };
}
