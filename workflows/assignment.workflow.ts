import {
  ActivityFailure,
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
import { endOfLocalDay } from '../dsl/calendar/local-time.js';
import type { AssignmentActivities } from './activities.js';
import {
  acknowledge,
  actionResult,
  acknowledgeCoordination,
  amend,
  assignmentStep,
  assignOfficer,
  cancel,
  complete,
  decideExtension,
  failedStepIncident,
  fireStep,
  nextStep,
  PERMANENT_WRITE_FAILURE,
  refuseActor,
  refuseReusedKey,
  refuseText,
  requestFingerprint,
  reopen,
  reportContribution,
  reportProgress,
  requestExtension,
  startAssignment,
  type Action,
  type Assignment,
  type Effect,
  type Refusal,
  type Transition,
} from './assignment-state.js';
import {
  acknowledgeCoordinationUpdate,
  acknowledgeUpdate,
  amendUpdate,
  assignOfficerUpdate,
  assignmentStateQuery,
  cancelUpdate,
  completeUpdate,
  decideExtensionUpdate,
  planWorkflowId,
  progressChangedSignal,
  reopenUpdate,
  reportContributionUpdate,
  reportProgressUpdate,
  requestExtensionUpdate,
  retryStepUpdate,
  type ActionResult,
  type Actor,
  type AssignmentInput,
  type AssignmentState,
  type ProgressClass,
} from './contracts.js';
import { refuse } from './refuse.js';

// A step is a short transaction and a signal or two: a worker that dies mid-step is noticed within 30 s.
const { recordAssignmentStep, recordStepFailure, recordStepRepaired } = proxyActivities<AssignmentActivities>(
  {
    startToCloseTimeout: '30 seconds',
    retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
  },
);

/** The failure of a write the database refused for good (the activity says so); undefined for any other. */
const permanentWriteFailure = (err: unknown): ApplicationFailure | undefined =>
  err instanceof ActivityFailure &&
  err.cause instanceof ApplicationFailure &&
  err.cause.type === PERMANENT_WRITE_FAILURE
    ? err.cause
    : undefined;

const refuseIf = (r: Refusal | undefined) => {
  if (r) refuse(r.code, r.vi, r.en);
};

/**
 * The life of one unit's task (one assignment): assigned → acknowledged → in progress → done, overdue while
 * not done after the deadline, extended, cancelled. What each step and action does is decided by the state
 * machine (assignment-state.ts); this shell sleeps from step to step, takes human actions as validated updates
 * carrying who did them and an idempotency key, and writes every transition through one activity, one at a
 * time, keyed so that retries change nothing.
 */
export async function assignmentWorkflow(input: AssignmentInput): Promise<AssignmentState> {
  // An input of another shape (started by hand, or by a build with another contract) fails the workflow once,
  // with a reason, instead of failing its task again and again.
  if (!input?.schedule || !input.calendar || !input.unit || !input.rules)
    throw ApplicationFailure.nonRetryable('assignment input of an unknown shape', 'INVALID_INPUT');
  // From WorkflowExecutionStarted, not from this first task's clock (`Date.now()`, `runStartTime`): see
  // startAssignment.
  let assignment: Assignment = startAssignment(input, workflowInfo().startTime.getTime());
  const closesAt = Date.parse(endOfLocalDay(input.calendar.to));
  /** The answer to each request id applied, so a repeated request returns it and applies nothing. */
  const handled = new Map<string, ActionResult>();
  /** What each request id asked for (update and content), so a key reused for something else is refused. */
  const asked = new Map<string, string>();
  /** Steps the database refused for good, by event id, until the office has them written again (retryStep). */
  const failed = new Map<string, Effect>();

  /**
   * The timeline sleeps in one cancellable scope that a handler cancels when the steps owed change (`wakeUp`),
   * rather than in a condition raced with a timer: half the pending promises, and the SDK keeps a stack trace
   * of every pending promise of every cached workflow.
   */
  let wake = false;
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

  // Transitions are written one at a time, each from the state current when its write runs, so the projection
  // always ends with the latest state; the plan workflow hears of each change of progress class.
  let queue: Promise<unknown> = Promise.resolve();
  let reportedClass: ProgressClass = 'open';
  const enter = (t: Transition): Promise<void> => {
    assignment = t.assignment;
    if (t.replan) wakeUp();
    const run = async () => {
      await write(t.effect);
      const now = assignment.state.progressClass;
      if (now === reportedClass) return;
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
    };
    const next = queue.then(run);
    queue = next.catch(() => undefined);
    return next;
  };

  /**
   * Writes a step. One the database refuses for good (the activity says so rather than retrying forever) is
   * recorded as failed — an incident the office sees, with a mail — and the assignment carries on: the next
   * step written brings the projection up to date, and the office has the failed one written again once the
   * cause is fixed. From the state current when the write runs, like every write.
   */
  const write = async (effect: Effect): Promise<void> => {
    const step = assignmentStep(assignment, effect, Date.now());
    try {
      await recordAssignmentStep(step);
    } catch (err) {
      const failure = permanentWriteFailure(err);
      if (!failure || !patched('failed-step-incident')) throw err;
      failed.set(step.eventId, effect);
      await recordStepFailure(failedStepIncident(assignment, step, failure));
    }
  };

  setHandler(assignmentStateQuery, () => assignment.state);

  /**
   * A human action: validated (a request id seen before is accepted when it asks for the same thing again, and
   * refused when it asks for something else), applied once per request id.
   */
  const on = <R extends Actor>(update: UpdateDefinition<ActionResult, [R]>, action: Action<R>) =>
    setHandler(
      update,
      async (req) => {
        const previous = handled.get(req.requestId);
        if (previous) return previous;
        const t = action.apply(assignment, req, Date.now());
        const outcome = actionResult(t.assignment);
        handled.set(req.requestId, outcome);
        asked.set(req.requestId, requestFingerprint(update.name, req));
        await enter(t);
        return outcome;
      },
      {
        validator: (req) => {
          refuseIf(refuseActor(req) ?? refuseText(req));
          const first = asked.get(req.requestId);
          if (first !== undefined) refuseIf(refuseReusedKey(first, requestFingerprint(update.name, req)));
          else if (!handled.has(req.requestId)) refuseIf(action.refuse(assignment, req, Date.now()));
        },
      },
    );
  on(acknowledgeUpdate, acknowledge);
  on(reportProgressUpdate, reportProgress);
  on(completeUpdate, complete);
  on(requestExtensionUpdate, requestExtension);
  on(decideExtensionUpdate, decideExtension);
  on(reopenUpdate, reopen);
  on(cancelUpdate, cancel);
  on(amendUpdate, amend);
  // Coordinating units and officers: new updates only, so histories recorded before them replay unchanged.
  on(acknowledgeCoordinationUpdate, acknowledgeCoordination);
  on(reportContributionUpdate, reportContribution);
  on(assignOfficerUpdate, assignOfficer);

  // The office's repair of a failed step: written again, in the queue like any write, from the current state.
  setHandler(
    retryStepUpdate,
    async (req) => {
      const effect = failed.get(req.eventId);
      if (!effect) return { recorded: true };
      const next = queue.then(async () => {
        failed.delete(req.eventId);
        await write(effect);
        if (!failed.has(req.eventId)) await recordStepRepaired({ eventId: req.eventId, by: req.by });
      });
      queue = next.catch(() => undefined);
      await next;
      return { recorded: !failed.has(req.eventId) };
    },
    {
      validator: (req) => {
        refuseIf(refuseActor(req));
        if (!failed.has(req.eventId))
          refuse('NO_FAILED_STEP', 'Bước này không có lỗi cần xử lý.', 'This step has no failure to repair.');
      },
    },
  );

  // Done and cancelled assignments stay open (idle, one timer) until the plan's window closes, so that a late
  // action is refused by a validator with a reason rather than by a closed workflow.
  for (;;) {
    const next = nextStep(assignment);
    const target = next ? Date.parse(next.at) : closesAt;
    wake = false;
    const wait = target - Date.now();
    if (wait > 0 && (await sleepUnlessWoken(wait))) continue;
    if (!next) break;
    await enter(fireStep(assignment, next));
  }
  await condition(allHandlersFinished);
  await queue;
  return assignment.state;
}
