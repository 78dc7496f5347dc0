import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { publishPlan } from '../../apps/shared/plan-publisher.js';
import { createActivities } from '../../apps/worker/worker.js';
import { compilePlan } from '../../dsl/compile/compile.js';
import { checkPlan } from '../../dsl/index.js';
import type { PlanIR } from '../../dsl/ir/schema.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { diskLoader } from '../dsl/helpers.js';

const ENTRY = 'plans/xa-ea-kar-2027/ke-hoach.dondoc';

// Publishing an example plan for real: PostgreSQL records the organisation and the version, Temporal runs one
// workflow per assignment, and the worker's first activity fills the projection.
describe('publishing a compiled plan (Temporal dev server + PostgreSQL)', () => {
  let tdb: TestDatabase;
  let native: NativeConnection;
  let connection: Connection;
  let worker: Worker;
  let running: Promise<void>;
  let ir: PlanIR;
  const taskQueue = `publish-${Date.now()}`;

  beforeAll(async () => {
    tdb = await createTestDatabase();
    ir = compilePlan(checkPlan(diskLoader, ENTRY).model);
    native = await NativeConnection.connect({ address: inject('temporalAddress') });
    worker = await Worker.create({
      connection: native,
      taskQueue,
      workflowBundle: { codePath: inject('workflowBundlePath') },
      activities: createActivities(tdb.db),
    });
    running = worker.run();
    connection = await Connection.connect({ address: inject('temporalAddress') });
  });

  afterAll(async () => {
    const client = new Client({ connection });
    await Promise.all(
      ir.assignments.map((a) =>
        client.workflow
          .getHandle(`assignment/${a.id}`)
          .terminate('test done')
          .catch(() => {}),
      ),
    );
    worker?.shutdown();
    await running;
    await connection?.close();
    await native?.close();
    await tdb?.drop();
  });

  it('starts one workflow per assignment and records the plan version once', async () => {
    const client = new Client({ connection });
    const source = readFileSync(ENTRY, 'utf8');
    const first = await publishPlan(tdb.db, client, taskQueue, { source, ir, author: 'snv-test' });
    expect(first).toMatchObject({
      version: 1,
      assignments: ir.assignments.length,
      started: ir.assignments.length,
    });

    // The worker's first step of each workflow writes the projection.
    const deadline = Date.now() + 60_000;
    let count = 0;
    while (Date.now() < deadline) {
      const { rows } = await tdb.db.query(
        `SELECT count(*)::int AS n FROM assignments WHERE plan_id = $1 AND plan_version = 1`,
        [first.planId],
      );
      count = rows[0].n;
      if (count === ir.assignments.length) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(count).toBe(ir.assignments.length);

    const again = await publishPlan(tdb.db, client, taskQueue, { source, ir, author: 'snv-test' });
    expect(again).toMatchObject({
      planId: first.planId,
      version: 1,
      started: 0,
      alreadyRunning: ir.assignments.length,
    });
    const { rows } = await tdb.db.query(
      `SELECT count(*)::int AS n, bool_and(published_at IS NOT NULL) AS published FROM plan_versions`,
    );
    expect(rows[0]).toEqual({ n: 1, published: true });

    const units = await tdb.db.query(
      `SELECT count(*)::int AS n, count(parent_id)::int AS with_parent FROM units`,
    );
    expect(units.rows[0].n).toBe(ir.units.length);
    expect(units.rows[0].with_parent).toBe(ir.units.filter((u) => u.parent).length);
  });
});
