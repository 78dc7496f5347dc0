import { Client, Connection } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { planProgress, publishPlan } from '../../apps/publishing/plan-publisher.js';
import { assignmentWorkflowId, reportScheduleId } from '../../workflows/contracts.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { compileEntry, engineWorker, removePlan, waitFor, type CompiledPlan } from '../support/engine.js';

const ENTRY = 'plans/xa-ea-kar-2027/ke-hoach.dondoc';

// Publishing an example plan for real: PostgreSQL records the organisation and the version, the plan workflow
// starts one workflow per assignment, each report gets a Temporal Schedule, and a new version is an amendment.
describe('publishing and amending a compiled plan (Temporal dev server + PostgreSQL)', () => {
  let tdb: TestDatabase;
  let native: NativeConnection;
  let connection: Connection;
  let client: Client;
  let worker: Worker;
  let running: Promise<void>;
  let v1: CompiledPlan;
  let v2: CompiledPlan;
  const taskQueue = `publish-${Date.now()}`;
  const planCode = `xa-ea-kar-${Date.now()}`;

  beforeAll(async () => {
    tdb = await createTestDatabase();
    v1 = compileEntry(ENTRY, undefined, { planCode });
    // The amendment: the commune moves its own communication task to the 20th of each month.
    v2 = compileEntry(ENTRY, (t) => t.replace('hằng tháng ngày 15', 'hằng tháng ngày 20'), { planCode });
    native = await NativeConnection.connect({ address: inject('temporalAddress') });
    connection = await Connection.connect({ address: inject('temporalAddress') });
    client = new Client({ connection });
    worker = await engineWorker(native, client, tdb.db, taskQueue);
    running = worker.run();
  });

  afterAll(async () => {
    if (client && v1) await removePlan(client, v1.ir);
    worker?.shutdown();
    await running;
    await connection?.close();
    await native?.close();
    await tdb?.drop();
  });

  it('starts the plan, one workflow per assignment, and records the version once', async () => {
    const first = await publishPlan(tdb.db, client, taskQueue, {
      source: v1.source,
      ir: v1.ir,
      author: 'snv',
    });
    expect(first).toMatchObject({ version: 1, action: 'started', assignments: v1.ir.assignments.length });

    const progress = await waitFor('the fan-out', async () => {
      const p = await planProgress(client, planCode).catch(() => undefined);
      return p?.phase === 'running' ? p : undefined;
    });
    expect(progress).toMatchObject({
      version: 1,
      total: v1.ir.assignments.length,
      started: v1.ir.assignments.length,
    });
    expect(progress.counts.open).toBe(v1.ir.assignments.length);
    const describe = await client.workflow
      .getHandle(assignmentWorkflowId(v1.ir.assignments[0]!.id))
      .describe();
    expect(describe.status.name).toBe('RUNNING');

    const { rows } = await tdb.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM assignments WHERE plan_id = $1 AND plan_version = 1`,
      [first.planId],
    );
    expect(rows[0]!.n).toBe(v1.ir.assignments.length);

    const again = await publishPlan(tdb.db, client, taskQueue, {
      source: v1.source,
      ir: v1.ir,
      author: 'snv',
    });
    expect(again).toMatchObject({ planId: first.planId, version: 1, action: 'unchanged' });
    const versions = await tdb.db.query(
      `SELECT count(*)::int AS n, bool_and(published_at IS NOT NULL) AS published FROM plan_versions`,
    );
    expect(versions.rows[0]).toEqual({ n: 1, published: true });
    const units = await tdb.db.query(
      `SELECT count(*)::int AS n, count(parent_id)::int AS with_parent FROM units`,
    );
    expect(units.rows[0].n).toBe(v1.ir.units.length);
    expect(units.rows[0].with_parent).toBe(v1.ir.units.filter((u) => u.parent).length);
  });

  it('gives each report a schedule that fires at every cut-off, in Vietnam time', async () => {
    const report = v1.ir.reports[0]!;
    const schedule = client.schedule.getHandle(reportScheduleId(planCode, report.id));
    const described = await schedule.describe();
    expect(described.spec.timezone).toBe('Asia/Ho_Chi_Minh');
    expect(described.spec.calendars).toHaveLength(report.occurrences.length);
    const next = described.info.nextActionTimes.map((d) => d.toISOString());
    expect(next).toEqual(report.occurrences.slice(0, next.length).map((o) => o.cutOffAt));

    // Fired now (no period has closed yet in real time), the report workflow runs and finds nothing to report.
    await schedule.trigger();
    const run = await waitFor('the triggered report run', async () => {
      const d = await schedule.describe();
      return d.info.recentActions[0];
    });
    const result = await client.workflow
      .getHandle(run.action.workflow.workflowId, run.action.workflow.firstExecutionRunId)
      .result();
    expect(result).toEqual({ key: null });
  });

  it('applies a new version to the running plan: moved deadlines follow, nothing is started twice', async () => {
    const second = await publishPlan(tdb.db, client, taskQueue, {
      source: v2.source,
      ir: v2.ir,
      author: 'snv',
    });
    expect(second).toMatchObject({ version: 2, action: 'amended' });
    const progress = await waitFor('the amendment', async () => {
      const p = await planProgress(client, planCode);
      return p.version === 2 && p.phase === 'running' ? p : undefined;
    });
    const monthly = v1.ir.assignments.filter((a) => a.taskId === 'EK.TTR.01').length;
    // Every month's occurrence moves; January's, on the 15th before publication on 20/01, was never assigned,
    // and on the 20th it now is.
    expect(progress.amendments).toEqual([
      expect.objectContaining({
        fromVersion: 1,
        toVersion: 2,
        added: 1,
        removed: 0,
        changed: monthly,
        kept: 0,
        applied: true,
      }),
    ]);
    expect(progress.started).toBe(v1.ir.assignments.length);
    expect(progress.counts.open).toBe(v1.ir.assignments.length + 1);
    const { rows } = await tdb.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM events WHERE type = 'amended'`,
    );
    expect(rows[0]!.n).toBe(monthly);
  });
});
