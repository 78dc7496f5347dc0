import {
  type Client,
  ScheduleAlreadyRunning,
  ScheduleNotFoundError,
  type ScheduleSpec,
  WorkflowExecutionAlreadyStartedError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import { instantToLocalDateTime, endOfLocalDay } from '../../dsl/calendar/local-time.js';
import type { PlanIR } from '../../dsl/ir/schema.js';
import {
  amendPlanUpdate,
  planProgressQuery,
  planWorkflowId,
  reportScheduleId,
  type PlanInput,
  type PlanState,
  type ReportInput,
} from '../../workflows/contracts.js';
import { withTransaction, type Db } from '../database/pool.js';
import { createRepositories, type Repositories } from '../database/repositories/index.js';
import type { Queryable } from '../database/repositories/queryable.js';
import type { UnitRepository } from '../database/repositories/unit.repository.js';

/** The repositories publishing writes through. */
export type PublishingRepositories = Pick<Repositories, 'plans' | 'units'>;

export interface StoredVersion {
  planId: string;
  version: number;
  /** This exact IR was published before (same hash): publishing it again changes nothing. */
  publishedBefore: boolean;
}

export interface PublishResult extends StoredVersion {
  planCode: string;
  planWorkflowId: string;
  assignments: number;
  /** What publishing did: started the plan, amended the running plan, or nothing (already published). */
  action: 'started' | 'amended' | 'unchanged';
  reportSchedules: number;
}

/** The issuer and its units as the plan declares them (units are data of the plan). */
export async function storeOrganisation(tx: Queryable, ir: PlanIR, units: UnitRepository): Promise<void> {
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
}

/**
 * Records the organisation and the plan version (idempotent by the IR hash). Repositories hold no state, so a
 * caller without a set of its own may leave them out.
 */
export async function storePlanVersion(
  db: Db,
  p: { source: string; ir: PlanIR; author: string },
  { plans, units }: PublishingRepositories = createRepositories(),
): Promise<StoredVersion> {
  const { ir } = p;
  return withTransaction(db, async (tx) => {
    await storeOrganisation(tx, ir, units);
    const planId = await plans.ensurePlan(tx, {
      issuerId: ir.plan.issuer.code,
      code: ir.plan.code,
      title: ir.plan.title,
      year: ir.plan.year,
    });
    const v = await plans.ensureVersion(tx, {
      planId,
      source: p.source,
      ir,
      irHash: ir.hash,
      author: p.author,
    });
    return { planId, version: v.version, publishedBefore: v.publishedAt !== null };
  });
}

export function planInput(ir: PlanIR, planId: string, version: number): PlanInput {
  return { planId, planCode: ir.plan.code, version, closesAt: endOfLocalDay(ir.calendar.to) };
}

/**
 * Hands a stored version to the engine: the first version starts the plan workflow (which starts one workflow
 * per assignment); a later one is an amendment of the running plan. Both are idempotent.
 */
export async function startOrAmendPlan(
  client: Client,
  taskQueue: string,
  ir: PlanIR,
  stored: StoredVersion,
  author: string,
): Promise<'started' | 'amended'> {
  const workflowId = planWorkflowId(ir.plan.code);
  try {
    await client.workflow.start('planWorkflow', {
      args: [planInput(ir, stored.planId, stored.version)],
      taskQueue,
      workflowId,
    });
    return 'started';
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
  const requestId = `publish/v${stored.version}`;
  try {
    await client.workflow.getHandle(workflowId).executeUpdate(amendPlanUpdate, {
      args: [{ by: author, requestId, version: stored.version }],
      updateId: requestId,
    });
  } catch (err) {
    // The running plan already has this version (a publication interrupted after the hand-over).
    const type = (err as { cause?: { type?: string } }).cause?.type;
    if (!(err instanceof WorkflowUpdateFailedError && type === 'STALE_VERSION')) throw err;
  }
  return 'amended';
}

/** Temporal's calendar spec of a report: one entry per period cut-off, in Vietnam time. */
export function reportScheduleSpec(report: PlanIR['reports'][number]): ScheduleSpec {
  const MONTHS = [
    'JANUARY',
    'FEBRUARY',
    'MARCH',
    'APRIL',
    'MAY',
    'JUNE',
    'JULY',
    'AUGUST',
    'SEPTEMBER',
    'OCTOBER',
    'NOVEMBER',
    'DECEMBER',
  ] as const;
  return {
    timezone: 'Asia/Ho_Chi_Minh',
    calendars: report.occurrences.map((o) => {
      const { date, time } = instantToLocalDateTime(o.cutOffAt);
      const [year, month, day] = date.split('-').map(Number) as [number, number, number];
      const [hour, minute] = time.split(':').map(Number) as [number, number];
      return { year, month: MONTHS[month - 1]!, dayOfMonth: day, hour, minute, comment: o.period };
    }),
  };
}

/**
 * One Temporal Schedule per plan report, firing the report workflow at each period's cut-off. Created or
 * updated to the version's report list; schedules of reports the version dropped are deleted.
 */
export async function syncReportSchedules(client: Client, taskQueue: string, ir: PlanIR): Promise<number> {
  const wanted = new Set<string>();
  for (const report of ir.reports) {
    if (report.occurrences.length === 0) continue;
    const scheduleId = reportScheduleId(ir.plan.code, report.id);
    wanted.add(scheduleId);
    const input: ReportInput = { planCode: ir.plan.code, reportId: report.id };
    const action = {
      type: 'startWorkflow' as const,
      workflowType: 'reportWorkflow',
      args: [input],
      taskQueue,
      workflowId: `${scheduleId}/run`,
    };
    const spec = reportScheduleSpec(report);
    try {
      await client.schedule.create({ scheduleId, spec, action, memo: { title: report.title } });
    } catch (err) {
      if (!(err instanceof ScheduleAlreadyRunning)) throw err;
      await client.schedule.getHandle(scheduleId).update((previous) => ({ ...previous, spec, action }));
    }
  }
  const prefix = reportScheduleId(ir.plan.code, '');
  for await (const s of client.schedule.list()) {
    if (s.scheduleId.startsWith(prefix) && !wanted.has(s.scheduleId)) {
      await client.schedule
        .getHandle(s.scheduleId)
        .delete()
        .catch((err: unknown) => {
          if (!(err instanceof ScheduleNotFoundError)) throw err;
        });
    }
  }
  return wanted.size;
}

/**
 * Publishes a compiled plan: stores the version, syncs the report schedules and hands the version to the plan
 * workflow (start, or amendment of the running plan). Publishing the same IR again does nothing twice.
 */
export async function publishPlan(
  db: Db,
  client: Client,
  taskQueue: string,
  p: { source: string; ir: PlanIR; author: string },
  repositories: PublishingRepositories = createRepositories(),
): Promise<PublishResult> {
  const stored = await storePlanVersion(db, p, repositories);
  const base = {
    ...stored,
    planCode: p.ir.plan.code,
    planWorkflowId: planWorkflowId(p.ir.plan.code),
    assignments: p.ir.assignments.length,
  };
  if (stored.publishedBefore) return { ...base, action: 'unchanged', reportSchedules: 0 };
  const reportSchedules = await syncReportSchedules(client, taskQueue, p.ir);
  const action = await startOrAmendPlan(client, taskQueue, p.ir, stored, p.author);
  await repositories.plans.markPublished(db, stored.planId, stored.version);
  return { ...base, action, reportSchedules };
}

/** The plan workflow's own account of its progress. */
export async function planProgress(client: Client, planCode: string): Promise<PlanState> {
  return client.workflow.getHandle(planWorkflowId(planCode)).query(planProgressQuery);
}
