// Driving the engine in tests: compile a plan (optionally with edited text), store a version and hand it to
// the plan workflow, move a time-skipping server to an instant, read what the engine wrote.
import type { Client } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { readFileSync } from 'node:fs';
import { inject } from 'vitest';
import type { Db } from '../../apps/database/pool.js';
import { startOrAmendPlan, storePlanVersion } from '../../apps/publishing/plan-publisher.js';
import { createRepositories, type Repositories } from '../../apps/database/repositories/index.js';
import { engineActivities } from '../../apps/worker/worker.js';
import { localTime } from '../../apps/publishing/plan-preview.js';
import { compilePlan, type CompileOptions } from '../../dsl/compile/compile.js';
import { checkPlan } from '../../dsl/index.js';
import type { PlanIR } from '../../dsl/ir/schema.js';
import { assignmentWorkflowId, planWorkflowId, reportScheduleId } from '../../workflows/contracts.js';
import { diskLoader } from '../dsl/helpers.js';

export interface CompiledPlan {
  source: string;
  ir: PlanIR;
}

/** Compiles a plan file; `edit` rewrites the entry file's text first (an amendment as an officer would write it). */
export function compileEntry(
  entry: string,
  edit?: (text: string) => string,
  options: CompileOptions = {},
): CompiledPlan {
  const source = edit ? edit(readFileSync(entry, 'utf8')) : readFileSync(entry, 'utf8');
  const loader = (path: string) => (path === entry ? source : diskLoader(path));
  const checked = checkPlan(loader, entry);
  const errors = checked.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length)
    throw new Error(`plan has errors: ${errors.map((d) => `${d.code} ${d.message}`).join('; ')}`);
  return { source, ir: compilePlan(checked.model, options) };
}

/** Stores a version and hands it to the plan workflow, as publishing does (report schedules aside). */
export async function publishForTest(
  db: Db,
  client: Client,
  taskQueue: string,
  plan: CompiledPlan,
  author = 'phong-noi-vu',
  repositories: Repositories = createRepositories(),
): Promise<{ planId: string; version: number; action: 'started' | 'amended' }> {
  const stored = await storePlanVersion(db, { source: plan.source, ir: plan.ir, author }, repositories);
  const action = await startOrAmendPlan(client, taskQueue, plan.ir, stored, author);
  await repositories.plans.markPublished(db, stored.planId, stored.version);
  return { planId: stored.planId, version: stored.version, action };
}

export async function engineWorker(
  connection: TestWorkflowEnvironment['nativeConnection'],
  client: Client,
  db: Db,
  taskQueue: string,
  repositories: Repositories = createRepositories(),
): Promise<Worker> {
  return Worker.create({
    connection,
    taskQueue,
    workflowBundle: { codePath: inject('workflowBundlePath') },
    activities: engineActivities({ db, client, taskQueue, repositories }),
  });
}

/** Moves a time-skipping server's clock to an instant (everything due before it runs on the way). */
export async function skipTo(env: TestWorkflowEnvironment, instant: string): Promise<void> {
  const ms = Date.parse(instant) - (await env.currentTimeMs());
  if (ms > 0) await env.sleep(ms);
}

/** An instant from a Vietnam local date-time 'YYYY-MM-DD HH:mm'. */
export function vn(local: string): string {
  return new Date(`${local.replace(' ', 'T')}:00+07:00`).toISOString();
}

export interface Sent {
  at: string;
  kind: string;
  recipient: string;
}

/** What the outbox holds for one assignment, as 'YYYY-MM-DD HH:mm kind → recipient' lines in time order. */
export async function outboxLines(db: Db, assignmentId: string): Promise<string[]> {
  const { rows } = await db.query<{ dueAt: Date; kind: string; recipient: string }>(
    `SELECT due_at AS "dueAt", kind, recipient FROM outbox WHERE assignment_id = $1 ORDER BY due_at, kind, recipient`,
    [assignmentId],
  );
  return rows.map((r) => `${localTime(r.dueAt.toISOString())} ${r.kind} → ${r.recipient}`);
}

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Stops what publishing a plan started on a shared dev server: its workflows and its report schedules. */
export async function removePlan(client: Client, ir: PlanIR): Promise<void> {
  const ids = [planWorkflowId(ir.plan.code), ...ir.assignments.map((a) => assignmentWorkflowId(a.id))];
  await Promise.all(
    ids.map((id) =>
      client.workflow
        .getHandle(id)
        .terminate('test done')
        .catch(() => {}),
    ),
  );
  for (const r of ir.reports)
    await client.schedule
      .getHandle(reportScheduleId(ir.plan.code, r.id))
      .delete()
      .catch(() => {});
}
