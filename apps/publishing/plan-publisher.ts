import {
  type Client,
  ScheduleAlreadyRunning,
  ScheduleNotFoundError,
  type ScheduleSpec,
  WorkflowExecutionAlreadyStartedError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import { instantToLocalDateTime, endOfLocalDay } from '../../dsl/calendar/local-time.js';
import { diffIr } from '../../dsl/ir/diff.js';
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
import type { PlanFiles } from '../database/repositories/plan.repository.js';
import type { UnitRepository } from '../database/repositories/unit.repository.js';

export type { PlanFiles } from '../database/repositories/plan.repository.js';

/** The repositories publishing writes through. */
export type PublishingRepositories = Pick<Repositories, 'plans' | 'units'>;

/**
 * What the publisher means to do, said explicitly: publish a *new* plan (refused when its identity is taken, so
 * that a new plan never amends another), or amend the plan `code` (refused when the text names another plan;
 * removing more than LARGE_REMOVAL assignments needs `confirmRemovals` equal to their number).
 */
export type PublishIntent = { kind: 'new' } | { kind: 'amend'; code: string; confirmRemovals?: number };

/** An amendment that removes (cancels) more assignments than this needs a typed confirmation of the count. */
export const LARGE_REMOVAL = 5;

/** Publishing refused for a reason the publisher can fix; nothing was stored or changed. */
export class PublishRefused extends Error {
  constructor(
    readonly status: 404 | 409 | 422,
    readonly code: 'plan_exists' | 'plan_not_found' | 'plan_code_mismatch' | 'confirm_removals',
    readonly vi: string,
    readonly en: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(en);
  }
}

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

/** What a publication carries: the compiled IR and the files it was compiled from. */
export interface PublishInput {
  ir: PlanIR;
  author: string;
  /** Every file of the plan (stored so that the version can be opened for amendment as it was published). */
  files?: PlanFiles;
  /** The entry file's text, for callers that publish a one-file plan without `files`. */
  source?: string;
  /**
   * The day tracking started when the publisher chose one other than the header's publication date (the IR was
   * compiled with it as `publishedOn`); amendments compile with it again. See `compilePlanFiles`.
   */
  startOn?: string;
}

function filesOf(p: PublishInput): { source: string; files: PlanFiles } {
  if (p.files) return { source: p.files.files[p.files.entry] ?? '', files: p.files };
  if (p.source === undefined) throw new Error('publishing needs the plan files or its source');
  return { source: p.source, files: { entry: 'ke-hoach.dondoc', files: { 'ke-hoach.dondoc': p.source } } };
}

/**
 * Records the organisation and the plan version (idempotent by the IR hash). Repositories hold no state, so a
 * caller without a set of its own may leave them out.
 */
export async function storePlanVersion(
  db: Db,
  p: PublishInput,
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
    const { source, files } = filesOf(p);
    const v = await plans.ensureVersion(tx, {
      planId,
      source,
      files,
      ir,
      irHash: ir.hash,
      author: p.author,
      ...(p.startOn ? { startOn: p.startOn } : {}),
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

/** The count of assignments an amendment to `ir` would remove from plan `code`'s published version. */
export async function removalsOf(
  db: Db,
  ir: PlanIR,
  planId: string,
  version: number,
  plans: PublishingRepositories['plans'],
): Promise<number> {
  const current = (await plans.getIr(db, planId, version)) as PlanIR;
  return current.hash === ir.hash ? 0 : diffIr(current, ir).removed.length;
}

/**
 * Refuses a publication that does not do what the publisher said: a new plan whose identity is already
 * published (unless it is that very version again), an amendment of a plan that does not exist or whose text
 * names another plan, and an amendment removing more than LARGE_REMOVAL assignments without their count.
 */
export async function checkIntent(
  db: Db,
  ir: PlanIR,
  intent: PublishIntent,
  plans: PublishingRepositories['plans'],
): Promise<void> {
  const code = ir.plan.code;
  if (intent.kind === 'new') {
    const existing = await plans.findByCode(db, code);
    if (!existing?.latestVersion) return;
    const latest = (await plans.getIr(db, existing.id, existing.latestVersion)) as PlanIR;
    if (latest.hash === ir.hash) return; // the same publication again: unchanged
    throw new PublishRefused(
      409,
      'plan_exists',
      `Đã có kế hoạch mã "${code}" đang chạy (phiên bản ${existing.latestVersion}). Kế hoạch mới không được thay thế kế hoạch khác: hãy đặt mã riêng cho kế hoạch mới (dòng "mã: ..." trong phần đầu kế hoạch), hoặc mở kế hoạch "${code}" và chọn "Điều chỉnh" để sửa nó. Chưa có gì thay đổi.`,
      `A plan with the code "${code}" is already running (version ${existing.latestVersion}). A new plan cannot replace another: give the new plan its own code (a "code: ..." line in the plan header), or open plan "${code}" and choose "Amend" to change it. Nothing was changed.`,
      { planCode: code, version: existing.latestVersion },
    );
  }
  if (code !== intent.code)
    throw new PublishRefused(
      422,
      'plan_code_mismatch',
      `Văn bản là kế hoạch "${code}", không phải kế hoạch "${intent.code}" đang điều chỉnh. Một điều chỉnh không được đổi mã kế hoạch. Chưa có gì thay đổi.`,
      `The text is plan "${code}", not plan "${intent.code}" being amended. An amendment cannot change the plan's code. Nothing was changed.`,
      { planCode: code, expected: intent.code },
    );
  const existing = await plans.findByCode(db, code);
  if (!existing?.latestVersion)
    throw new PublishRefused(404, 'plan_not_found', `Không có kế hoạch "${code}".`, `No plan "${code}".`);
  const removed = await removalsOf(db, ir, existing.id, existing.latestVersion, plans);
  if (removed > LARGE_REMOVAL && intent.confirmRemovals !== removed)
    throw new PublishRefused(
      409,
      'confirm_removals',
      `Điều chỉnh này hủy ${removed} nhiệm vụ đã giao; các đơn vị sẽ nhận thư "Hủy nhiệm vụ". Hãy xem từng thay đổi rồi xác nhận bằng cách nhập đúng số ${removed}. Chưa có gì thay đổi.`,
      `This amendment cancels ${removed} assignments; their units will be mailed "Task cancelled". Review the changes, then confirm by typing the number ${removed}. Nothing was changed.`,
      { removed, confirmRemovals: intent.confirmRemovals ?? null },
    );
}

/**
 * Publishes a compiled plan: stores the version, syncs the report schedules and hands the version to the plan
 * workflow (start, or amendment of the running plan). Publishing the same IR again does nothing twice.
 * With an intent, the publication is first checked against it (`checkIntent`); without one (tools republishing
 * their own plan file), a plan whose code exists is amended.
 */
export async function publishPlan(
  db: Db,
  client: Client,
  taskQueue: string,
  p: PublishInput & { intent?: PublishIntent },
  repositories: PublishingRepositories = createRepositories(),
): Promise<PublishResult> {
  if (p.intent) await checkIntent(db, p.ir, p.intent, repositories.plans);
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
