import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { storePlanVersion } from '../../apps/publishing/plan-publisher.js';
import { createRepositories } from '../../apps/database/repositories/index.js';
import { PlanContext } from '../../apps/worker/activities/plan-context.js';
import { assignmentWorkflowId } from '../../workflows/contracts.js';
import { compressedPlan } from '../reliability/support/plan.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { engineWorker, waitFor } from '../support/engine.js';

// An assignment workflow whose first workflow task runs after one of its steps fell due (no worker for a while:
// a backlog after publishing thousands, a worker or Temporal outage) still owes that step. Found by
// test/reliability/server-restarts: such steps were taken for history and never written.
describe('an assignment whose first workflow task runs late (Temporal dev server)', () => {
  let tdb: TestDatabase;
  let connection: Connection;
  let native: NativeConnection;
  let client: Client;

  beforeAll(async () => {
    tdb = await createTestDatabase();
    connection = await Connection.connect({ address: inject('temporalAddress') });
    native = await NativeConnection.connect({ address: inject('temporalAddress') });
    client = new Client({ connection });
  });
  afterAll(async () => {
    await connection?.close();
    await native?.close();
    await tdb?.drop();
  });

  it('writes the step that fell due between its start and its first task', async () => {
    // One assignment whose acknowledgement reminder falls 3 s from now.
    const issuer = `ubnd_late_${randomBytes(3).toString('hex')}`;
    const plan = compressedPlan({ count: 1, issuer, t0: Date.now() + 3_000 });
    const a = plan.ir.assignments[0]!;
    expect(plan.expected.get(a.id)!.steps.map((s) => s.type)).toEqual(['assigned', 'acknowledge_reminder']);
    const repositories = createRepositories();
    const stored = await storePlanVersion(
      tdb.db,
      { source: plan.source, ir: plan.ir, author: 'test' },
      repositories,
    );
    const ctx = new PlanContext(plan.ir, stored.planId, stored.version);
    await repositories.assignments.insertPlanned(tdb.db, {
      planId: stored.planId,
      version: stored.version,
      issuerId: plan.ir.plan.issuer.code,
      rows: [ctx.planned(a)],
    });

    // Started with no worker polling its queue; the worker comes only after the reminder's instant.
    const taskQueue = `first-task-late-${issuer}`;
    const handle = await client.workflow.start('assignmentWorkflow', {
      taskQueue,
      workflowId: assignmentWorkflowId(a.id),
      args: [ctx.input(a)],
    });
    await new Promise((r) => setTimeout(r, Date.parse(a.acknowledgeBy!) + 1_000 - Date.now()));

    const worker = await engineWorker(native, client, tdb.db, taskQueue);
    try {
      await worker.runUntil(async () => {
        const types = await waitFor('the acknowledgement reminder', async () => {
          const { rows } = await tdb.db.query<{ type: string }>(
            `SELECT type FROM events WHERE assignment_id = $1 ORDER BY seq`,
            [a.id],
          );
          return rows.length >= 2 ? rows.map((r) => r.type) : undefined;
        });
        expect(types).toEqual(['assigned', 'acknowledge_reminder']);
        const { rows } = await tdb.db.query<{ kind: string }>(
          `SELECT kind FROM outbox WHERE assignment_id = $1 ORDER BY due_at`,
          [a.id],
        );
        expect(rows.map((r) => r.kind)).toEqual(['assigned', 'acknowledge_reminder']);
      });
    } finally {
      await handle.terminate('test over').catch(() => {});
    }
  });
});
