import {
  allHandlersFinished,
  ApplicationFailure,
  CancellationScope,
  condition,
  getExternalWorkflowHandle,
  isCancellation,
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
  fireStep,
  nextStep,
  refuseActor,
  reopen,
  reportContribution,
  reportProgress,
  requestExtension,
  startAssignment,
  type Action,
  type Assignment,
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
  type ActionResult,
  type Actor,
  type AssignmentInput,
  type AssignmentState,
  type ProgressClass,
} from './contracts.js';
import { refuse } from './refuse.js';

// A step is a short transaction and a signal or two: a worker that dies mid-step is noticed within 30 s.
const { recordAssignmentStep } = proxyActivities<AssignmentActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

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
      await recordAssignmentStep(assignmentStep(assignment, t.effect, Date.now()));
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

  setHandler(assignmentStateQuery, () => assignment.state);

  /** A human action: validated (a request id seen before is always accepted), applied once per request id. */
  const on = <R extends Actor>(update: UpdateDefinition<ActionResult, [R]>, action: Action<R>) =>
    setHandler(
      update,
      async (req) => {
        const previous = handled.get(req.requestId);
        if (previous) return previous;
        const t = action.apply(assignment, req, Date.now());
        const outcome = actionResult(t.assignment);
        handled.set(req.requestId, outcome);
        await enter(t);
        return outcome;
      },
      {
        validator: (req) => {
          refuseIf(refuseActor(req));
          if (!handled.has(req.requestId)) refuseIf(action.refuse(assignment, req, Date.now()));
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
