import {
  allHandlersFinished,
  condition,
  continueAsNew,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { PlanActivities } from './activities.js';
import { refuse } from './refuse.js';
import {
  amendPlanUpdate,
  planProgressQuery,
  progressChangedSignal,
  type PlanInput,
  type PlanState,
  type ProgressClass,
} from './contracts.js';

// Fan-out batches run long (hundreds of workflow starts each) and heartbeat their cursor.
const { startAssignmentBatch, applyAmendmentBatch, recordPlanEvent } = proxyActivities<PlanActivities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** Assignments per amendment activity (each is an update sent to a running workflow, or a start). */
export const AMENDMENT_BATCH_SIZE = 500;
/**
 * Assignments started per fan-out activity. Between two batches the fan-out waits for a workflow task of the plan,
 * slow on a worker busy with the first tasks of the assignments just started, so batches are large; one still
 * ends well within its start-to-close timeout.
 */
export const FAN_OUT_BATCH_SIZE = 2_000;
/** The plan's own history stays bounded: continue-as-new past this many events. */
const MAX_HISTORY = 1_500;

const emptyCounts = (): Record<ProgressClass, number> => ({
  open: 0,
  overdue: 0,
  done_on_time: 0,
  done_late: 0,
  cancelled: 0,
});

/**
 * One published plan. Starts one workflow per assignment in batches from an activity (stable ids, so a retried
 * batch starts nothing twice), then counts the assignments' progress from their signals and applies amendments
 * (new versions) one at a time. Its history stays bounded with continue-as-new; it closes with the plan's
 * calendar window.
 */
export async function planWorkflow(input: PlanInput): Promise<PlanState> {
  const state: PlanState = input.state ?? {
    version: input.version,
    phase: 'starting',
    total: 0,
    started: 0,
    alreadyRunning: 0,
    counts: emptyCounts(),
    amendments: [],
    pending: [],
    cursor: 0,
    startedAt: new Date(Date.now()).toISOString(),
  };

  setHandler(planProgressQuery, () => state);
  setHandler(progressChangedSignal, (change) => {
    if (change.from !== 'none' && state.counts[change.from] > 0) state.counts[change.from]--;
    state.counts[change.to]++;
  });
  setHandler(
    amendPlanUpdate,
    (req) => {
      if (!state.pending.some((p) => p.requestId === req.requestId))
        state.pending.push({ version: req.version, by: req.by, requestId: req.requestId });
      return { accepted: req.version };
    },
    {
      validator: (req) => {
        if (state.pending.some((p) => p.requestId === req.requestId)) return;
        const latest = Math.max(state.version, ...state.pending.map((p) => p.version));
        if (!Number.isInteger(req.version) || req.version <= latest)
          refuse(
            'STALE_VERSION',
            `Phiên bản ${req.version} không mới hơn phiên bản ${latest}.`,
            `Version ${req.version} is not newer than version ${latest}.`,
          );
        if (state.phase === 'closed') refuse('PLAN_CLOSED', 'Kế hoạch đã kết thúc.', 'The plan is closed.');
      },
    },
  );

  const maybeContinue = async () => {
    const info = workflowInfo();
    if (info.continueAsNewSuggested || info.historyLength > MAX_HISTORY) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof planWorkflow>({ ...input, version: state.version, state });
    }
  };

  if (state.phase === 'starting') {
    for (;;) {
      const batch = await startAssignmentBatch({
        planId: input.planId,
        version: state.version,
        offset: state.cursor,
        limit: FAN_OUT_BATCH_SIZE,
      });
      state.total = batch.total;
      state.started += batch.started;
      state.alreadyRunning += batch.alreadyRunning;
      state.counts.open += batch.started;
      if (batch.next === null) break;
      state.cursor = batch.next;
      await maybeContinue();
    }
    state.cursor = 0;
    state.phase = 'running';
    await recordPlanEvent({
      eventId: `plan/${input.planCode}/v${state.version}/started`,
      planId: input.planId,
      type: 'plan.started',
      payload: { version: state.version, total: state.total, started: state.started },
    });
  }

  for (;;) {
    if (state.phase === 'amending') {
      const next = state.pending[0]!;
      const amendment = state.amendments[state.amendments.length - 1]!;
      for (;;) {
        const batch = await applyAmendmentBatch({
          planId: input.planId,
          fromVersion: amendment.fromVersion,
          toVersion: next.version,
          requestedBy: next.by,
          offset: state.cursor,
          limit: AMENDMENT_BATCH_SIZE,
        });
        amendment.added += batch.added;
        amendment.removed += batch.removed;
        amendment.changed += batch.changed;
        amendment.kept += batch.kept;
        state.counts.open += batch.added;
        state.total = batch.total;
        if (batch.next === null) break;
        state.cursor = batch.next;
        await maybeContinue();
      }
      amendment.applied = true;
      state.version = next.version;
      state.pending.shift();
      state.cursor = 0;
      state.phase = 'running';
      await recordPlanEvent({
        eventId: `plan/${input.planCode}/v${next.version}/amended`,
        planId: input.planId,
        type: 'plan.amended',
        payload: { ...amendment },
      });
    }
    await maybeContinue();
    const wait = Date.parse(input.closesAt) - Date.now();
    if (wait <= 0 && state.pending.length === 0) break;
    if (await condition(() => state.pending.length > 0, Math.max(wait, 1))) {
      const next = state.pending[0]!;
      state.amendments.push({
        fromVersion: state.version,
        toVersion: next.version,
        requestedBy: next.by,
        at: new Date(Date.now()).toISOString(),
        added: 0,
        removed: 0,
        changed: 0,
        kept: 0,
        applied: false,
      });
      state.phase = 'amending';
    }
  }
  state.phase = 'closed';
  await condition(allHandlersFinished);
  return state;
}
