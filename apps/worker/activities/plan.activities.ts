import { Context } from '@temporalio/activity';
import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import { diffIr } from '../../../dsl/ir/diff.js';
import {
  amendUpdate,
  assignmentWorkflowId,
  cancelUpdate,
  type AmendmentBatchResult,
} from '../../../workflows/contracts.js';
import type { PlanActivities } from '../../../workflows/activities.js';
import type { ActivityDeps } from './deps.js';
import type { PlanContext } from './plan-context.js';

/** Workflow starts in flight at once: enough to keep the server busy, few enough for a small machine. */
export const START_CONCURRENCY = 32;

/**
 * Runs `fn` over items with `concurrency` calls in flight at all times (a new one starts as soon as one ends, so a
 * slow start never holds up the others), heartbeating how many items from the first are done, so that a retry
 * resumes there (items after it that were done already are found running). After a failure no new call starts.
 */
export async function forEachResumable<T>(
  items: readonly T[],
  fn: (item: T) => Promise<void>,
  concurrency = START_CONCURRENCY,
  heartbeat: (done: number) => void = (done) => Context.current().heartbeat(done),
  resumeAt = Number(Context.current().info.heartbeatDetails ?? 0) || 0,
): Promise<void> {
  const done = new Uint8Array(items.length);
  let next = resumeAt;
  let doneUpTo = resumeAt;
  let reported = resumeAt;
  let failed = false;
  const lane = async () => {
    while (!failed && next < items.length) {
      const i = next++;
      try {
        await fn(items[i]!);
      } catch (err) {
        failed = true;
        throw err;
      }
      done[i] = 1;
      while (doneUpTo < items.length && done[doneUpTo]) doneUpTo++;
      if (doneUpTo - reported >= concurrency || doneUpTo === items.length) {
        reported = doneUpTo;
        heartbeat(doneUpTo);
      }
    }
  };
  const lanes = Math.max(0, Math.min(concurrency, items.length - resumeAt));
  await Promise.all(Array.from({ length: lanes }, lane));
}

type AmendOp = { op: 'add'; id: string } | { op: 'remove'; id: string } | { op: 'amend'; id: string };

export function createPlanActivities(
  deps: Pick<ActivityDeps, 'db' | 'repositories' | 'client' | 'taskQueue' | 'plans' | 'clock'>,
): PlanActivities {
  const { assignments, events, coordination } = deps.repositories;
  const amendOps = new Map<string, AmendOp[]>();

  const start = async (ctx: PlanContext, ids: readonly string[]) => {
    let started = 0;
    let alreadyRunning = 0;
    const list = ids.map((id) => ctx.byId.get(id)!);
    await assignments.insertPlanned(deps.db, {
      planId: ctx.planId,
      version: ctx.version,
      issuerId: ctx.ir.plan.issuer.code,
      rows: list.map((a) => ctx.planned(a)),
    });
    await coordination.insertPlanned(deps.db, {
      issuerId: ctx.ir.plan.issuer.code,
      rows: list.map((a) => ({ assignmentId: a.id, coordinators: a.coordinators })),
    });
    await forEachResumable(list, async (a) => {
      try {
        await deps.client.workflow.start('assignmentWorkflow', {
          args: [ctx.input(a)],
          taskQueue: deps.taskQueue,
          workflowId: assignmentWorkflowId(a.id),
        });
        started++;
      } catch (err) {
        if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
        alreadyRunning++;
      }
    });
    return { started, alreadyRunning };
  };

  /** The operations of an amendment in a stable order: added, removed, then changed assignments. */
  const opsOf = (from: PlanContext, to: PlanContext): AmendOp[] => {
    const key = `${to.planId}@${from.version}->${to.version}`;
    let ops = amendOps.get(key);
    if (!ops) {
      const diff = diffIr(from.ir, to.ir);
      ops = [
        ...diff.added.map((a) => ({ op: 'add' as const, id: a.id })),
        ...diff.removed.map((a) => ({ op: 'remove' as const, id: a.id })),
      ];
      for (const a of to.ir.assignments) {
        const before = from.byId.get(a.id);
        if (before && JSON.stringify(from.amendable(before)) !== JSON.stringify(to.amendable(a)))
          ops.push({ op: 'amend', id: a.id });
      }
      amendOps.clear();
      amendOps.set(key, ops);
    }
    return ops;
  };

  return {
    async startAssignmentBatch({ planId, version, offset, limit }) {
      const ctx = await deps.plans.get(planId, version);
      const all = ctx.ir.assignments;
      const ids = all.slice(offset, offset + limit).map((a) => a.id);
      const { started, alreadyRunning } = await start(ctx, ids);
      const next = offset + limit < all.length ? offset + limit : null;
      return { started, alreadyRunning, total: all.length, next };
    },

    async applyAmendmentBatch({ planId, fromVersion, toVersion, requestedBy, offset, limit }) {
      const [from, to] = await Promise.all([
        deps.plans.get(planId, fromVersion),
        deps.plans.get(planId, toVersion),
      ]);
      const ops = opsOf(from, to);
      const batch = ops.slice(offset, offset + limit);
      const result: AmendmentBatchResult = {
        added: 0,
        removed: 0,
        changed: 0,
        kept: 0,
        total: to.ir.assignments.length,
        next: offset + limit < ops.length ? offset + limit : null,
      };
      const added = batch.filter((o) => o.op === 'add').map((o) => o.id);
      if (added.length) result.added += (await start(to, added)).started;
      const by = `plan:v${toVersion}`;
      await forEachResumable(
        batch.filter((o) => o.op !== 'add'),
        async (o) => {
          const handle = deps.client.workflow.getHandle(assignmentWorkflowId(o.id));
          const requestId = `amend/v${toVersion}`;
          try {
            if (o.op === 'remove') {
              await handle.executeUpdate(cancelUpdate, {
                args: [
                  {
                    by,
                    requestId,
                    reason: `Bãi bỏ trong phiên bản ${toVersion} của kế hoạch (${requestedBy}) / removed by plan version ${toVersion}`,
                  },
                ],
                updateId: `${requestId}/cancel`,
              });
              result.removed++;
            } else {
              await handle.executeUpdate(amendUpdate, {
                args: [{ by, requestId, planVersion: toVersion, ...to.amendable(to.byId.get(o.id)!) }],
                updateId: requestId,
              });
              result.changed++;
            }
          } catch (err) {
            // Done or cancelled work is kept as it is; a workflow that has closed has nothing to change.
            if (err instanceof WorkflowUpdateFailedError || err instanceof WorkflowNotFoundError)
              result.kept++;
            else throw err;
          }
        },
      );
      return result;
    },

    async recordPlanEvent(e) {
      await events.append(deps.db, {
        id: e.eventId,
        planId: e.planId,
        type: e.type,
        occurredAt: deps.clock().toISOString(),
        payload: e.payload,
      });
    },
  };
}
