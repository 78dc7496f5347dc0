import type { Client } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { PlanIR } from '../../dsl/ir/schema.js';
import { assignmentWorkflowId, type AssignmentInput } from '../../workflows/contracts.js';
import { withTransaction, type Db } from './db/pool.js';
import { PlanRepository } from './repositories/plan.repository.js';
import { UnitRepository } from './repositories/unit.repository.js';

export interface PublishResult {
  planId: string;
  version: number;
  assignments: number;
  started: number;
  alreadyRunning: number;
}

/** The input of one assignment workflow, from the IR. */
export function assignmentInput(
  ir: PlanIR,
  a: PlanIR['assignments'][number],
  planId: string,
  version: number,
): AssignmentInput {
  const task = ir.tasks.find((t) => t.id === a.taskId);
  return {
    assignmentId: a.id,
    issuerId: ir.plan.issuer.code,
    unitCode: a.unit,
    taskId: a.taskId,
    occurrence: a.occurrence,
    title: task?.title ?? a.taskId,
    ...(task ? { area: task.area } : {}),
    dueAt: a.dueAt,
    reminders: a.reminders.map((r) => ({
      at: r.at,
      kind: r.when === 'on' ? 'on_deadline' : 'before_deadline',
    })),
    planId,
    planVersion: version,
  };
}

/**
 * Publishes a compiled plan: records the organisation and the plan version (idempotent by the IR hash), then
 * starts one workflow per assignment with its stable id. Publishing the same IR again starts nothing twice.
 * The plan workflow of the engine takes this over for amendments and plans of 10,000+ assignments.
 */
export async function publishPlan(
  db: Db,
  client: Client,
  taskQueue: string,
  p: { source: string; ir: PlanIR; author: string },
): Promise<PublishResult> {
  const { ir } = p;
  const plans = new PlanRepository();
  const units = new UnitRepository();
  const { planId, version, publishedBefore } = await withTransaction(db, async (tx) => {
    await units.ensureIssuer(tx, ir.plan.issuer.code, ir.plan.issuer.name);
    // Two passes, so that a parent declared after its children is still linked.
    for (let pass = 0; pass < 2; pass++) {
      for (const u of ir.units) {
        await units.upsert(tx, {
          issuerId: ir.plan.issuer.code,
          code: u.code,
          name: u.name,
          kind: u.kind,
          ...(u.parent ? { parentCode: u.parent } : {}),
          ...(u.email ? { email: u.email } : {}),
          ...(u.head ? { headName: u.head.name } : {}),
        });
      }
    }
    const id = await plans.ensurePlan(tx, {
      issuerId: ir.plan.issuer.code,
      code: ir.plan.code,
      title: ir.plan.title,
      year: ir.plan.year,
    });
    const v = await plans.ensureVersion(tx, {
      planId: id,
      source: p.source,
      ir,
      irHash: ir.hash,
      author: p.author,
    });
    return { planId: id, version: v.version, publishedBefore: v.publishedAt !== null };
  });
  // A version published completely before has all its workflows; a crash half-way left publishedAt empty.
  if (publishedBefore) {
    return {
      planId,
      version,
      assignments: ir.assignments.length,
      started: 0,
      alreadyRunning: ir.assignments.length,
    };
  }

  let started = 0;
  let alreadyRunning = 0;
  const BATCH = 50;
  for (let i = 0; i < ir.assignments.length; i += BATCH) {
    await Promise.all(
      ir.assignments.slice(i, i + BATCH).map(async (a) => {
        const input = assignmentInput(ir, a, planId, version);
        try {
          await client.workflow.start('assignmentWorkflow', {
            args: [input],
            taskQueue,
            workflowId: assignmentWorkflowId(input),
          });
          started++;
        } catch (err) {
          if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
          alreadyRunning++;
        }
      }),
    );
  }
  await plans.markPublished(db, planId, version);
  return { planId, version, assignments: ir.assignments.length, started, alreadyRunning };
}
