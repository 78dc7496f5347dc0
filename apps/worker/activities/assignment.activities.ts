import { withTransaction } from '../../database/pool.js';
import type { ExtensionRepository } from '../../database/repositories/extension.repository.js';
import {
  digestChangeSignal,
  digestWorkflowId,
  type AssignmentStep,
  type DigestChange,
} from '../../../workflows/contracts.js';
import type { AssignmentActivities } from '../../../workflows/activities.js';
import type { ActivityDeps } from './deps.js';
import { failPermanently } from './permanent-errors.js';

type DigestDeps = Pick<ActivityDeps, 'client' | 'taskQueue' | 'plans'>;

/**
 * One step of an assignment: the event, the projection and the notifications in one transaction, idempotent by
 * the event id (a retry finds the event and writes nothing); then the digests it enters or leaves, by
 * signal-with-start (idempotent in the digest, which keys entries by assignment).
 */
export function createAssignmentActivities(
  deps: Pick<ActivityDeps, 'db' | 'repositories' | 'client' | 'taskQueue' | 'plans' | 'clock'>,
): AssignmentActivities {
  const { assignments, events, outbox, extensions, incidents, coordination } = deps.repositories;
  return {
    async recordAssignmentStep(step) {
      const recorded = await failPermanently(() =>
        withTransaction(deps.db, async (tx) => {
          const fresh = await events.append(tx, {
            id: step.eventId,
            assignmentId: step.assignmentId,
            planId: step.planId,
            type: step.type,
            actor: step.actor,
            ...(step.requestId ? { requestId: step.requestId } : {}),
            occurredAt: step.occurredAt,
            // The state after the step rides with the event, so any past instant can be reported from the log.
            payload: { ...step.payload, state: step.snapshot },
          });
          if (!fresh) return false;
          await assignments.applyProjection(tx, step.assignmentId, step.snapshot, step.occurredAt);
          await projectExtension(extensions, tx, step);
          if (step.snapshot.coordinators)
            await coordination.applyProjection(tx, step.assignmentId, step.snapshot.coordinators);
          await outbox.enqueue(
            tx,
            step.notifications.map((n) => ({
              key: n.key,
              kind: n.kind,
              recipient: `${n.recipient.kind}:${n.recipient.id}`,
              recipientName: n.recipient.name,
              ...(n.recipient.email ? { recipientEmail: n.recipient.email } : {}),
              assignmentId: step.assignmentId,
              dueAt: n.at,
              payload: { ...n.payload, recipient: n.recipient },
            })),
          );
          return true;
        }),
      );
      if (step.digest) await syncDigests(deps, step, step.digest);
      return { recorded };
    },

    // The incident and its mail to the office in one transaction; the mail once per failure of the step.
    async recordStepFailure(f) {
      await withTransaction(deps.db, async (tx) => {
        const { failures } = await incidents.raise(tx, {
          id: f.eventId,
          issuerId: f.issuerCode,
          planId: f.planId,
          assignmentId: f.assignmentId,
          unitCode: f.unitCode,
          stepType: f.stepType,
          actor: f.actor,
          occurredAt: f.occurredAt,
          sqlstate: f.sqlstate,
          reason: f.reason,
        });
        await outbox.enqueue(tx, [
          {
            key: `incident/${f.eventId}/${failures}`,
            kind: 'incident',
            recipient: `${f.office.kind}:${f.office.id}`,
            recipientName: f.office.name,
            ...(f.office.email ? { recipientEmail: f.office.email } : {}),
            assignmentId: f.assignmentId,
            dueAt: deps.clock().toISOString(),
            payload: {
              incidentId: f.eventId,
              planCode: f.planCode,
              task: f.task,
              unit: f.unit,
              stepType: f.stepType,
              unitCode: f.unitCode,
              occurredAt: f.occurredAt,
              sqlstate: f.sqlstate,
              failures,
              recipient: f.office,
            },
          },
        ]);
      });
    },

    async recordStepRepaired({ eventId, by }) {
      await incidents.resolve(deps.db, eventId, { by, resolution: 'retried' });
    },
  };
}

async function projectExtension(
  extensions: ExtensionRepository,
  tx: Parameters<ExtensionRepository['recordRequest']>[0],
  step: AssignmentStep,
): Promise<void> {
  const p = step.payload as { newDueDate?: string; reason?: string; currentDueAt?: string; note?: string };
  if (step.type === 'extension_requested')
    await extensions.recordRequest(tx, {
      id: step.eventId,
      assignmentId: step.assignmentId,
      by: step.actor,
      at: step.occurredAt,
      ...(p.currentDueAt ? { currentDueAt: p.currentDueAt } : {}),
      newDueDate: p.newDueDate ?? '',
      reason: p.reason ?? '',
    });
  const decided =
    step.type === 'extension_approved'
      ? 'approved'
      : step.type === 'extension_refused'
        ? 'refused'
        : // Completion or cancellation leaves nothing to decide.
          step.type === 'completed' || step.type === 'cancelled'
          ? 'withdrawn'
          : undefined;
  if (decided)
    await extensions.recordDecision(tx, {
      assignmentId: step.assignmentId,
      status: decided,
      by: step.actor,
      at: step.occurredAt,
      ...(p.note ? { note: p.note } : {}),
    });
}

async function syncDigests(deps: DigestDeps, step: AssignmentStep, change: DigestChange): Promise<void> {
  const ctx = await deps.plans.get(step.planId, step.snapshot.planVersion);
  if (change.register) {
    for (const r of change.register.recipients) {
      const input = ctx.digestInput(`${r.kind}:${r.id}`);
      if (!input) continue;
      await deps.client.workflow.signalWithStart('digestWorkflow', {
        workflowId: digestWorkflowId(ctx.planCode, r),
        taskQueue: deps.taskQueue,
        args: [input],
        signal: digestChangeSignal,
        signalArgs: [
          {
            action: 'register',
            assignmentId: change.register.entry.assignmentId,
            entry: change.register.entry,
          },
        ],
      });
    }
  }
  if (change.remove) {
    for (const key of change.remove.recipients) {
      const [kind, id] = key.split(':') as ['person' | 'unit', string];
      try {
        await deps.client.workflow
          .getHandle(digestWorkflowId(ctx.planCode, { kind, id }))
          .signal(digestChangeSignal, { action: 'remove', assignmentId: change.remove.assignmentId });
      } catch (err) {
        // A digest that has closed (its year is over) has nothing to remove.
        if ((err as { name?: string }).name !== 'WorkflowNotFoundError') throw err;
      }
    }
  }
}
