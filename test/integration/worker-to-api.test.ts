import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { createApp } from '../../apps/api/app.js';
import { readEnv } from '../../apps/shared/config.js';
import { createActivities } from '../../apps/worker/worker.js';
import { assignmentWorkflowId } from '../../workflows/contracts.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { anAssignment, seedUnits } from '../support/fixtures.js';

// The whole path on real parts: Temporal dev server → worker → activity → PostgreSQL → NestJS API over HTTP.
describe('worker writes PostgreSQL, API reads it back (Temporal dev server)', () => {
  let tdb: TestDatabase;
  let nativeConnection: NativeConnection;
  let connection: Connection;
  let worker: Worker;
  let workerRun: Promise<void>;
  let app: NestFastifyApplication;
  let base: string;
  const taskQueue = `it-${Date.now()}`;

  beforeAll(async () => {
    tdb = await createTestDatabase();
    await seedUnits(tdb.db);
    nativeConnection = await NativeConnection.connect({ address: inject('temporalAddress') });
    worker = await Worker.create({
      connection: nativeConnection,
      taskQueue,
      workflowBundle: { codePath: inject('workflowBundlePath') },
      activities: createActivities(tdb.db),
    });
    workerRun = worker.run();
    connection = await Connection.connect({ address: inject('temporalAddress') });
    const env = readEnv({
      DATABASE_URL: tdb.url,
      TEMPORAL_ADDRESS: inject('temporalAddress'),
      LOG_LEVEL: 'error',
    });
    app = await createApp({ env, db: tdb.db, temporal: new Client({ connection }) });
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `${await app.getUrl()}/api`.replace('[::1]', '127.0.0.1');
  });

  afterAll(async () => {
    await app?.close();
    worker?.shutdown();
    await workerRun;
    await connection?.close();
    await nativeConnection?.close();
    await tdb?.drop();
  });

  it('reports ready when PostgreSQL and Temporal answer', async () => {
    const res = await fetch(`${base}/health/ready`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { checks: Record<string, { ok: boolean }> };
    expect(body.checks.postgres?.ok).toBe(true);
    expect(body.checks.temporal?.ok).toBe(true);
  });

  it('runs an assignment workflow whose events the API returns', async () => {
    const now = Date.now();
    const input = anAssignment({
      assignmentId: `it-${now}`,
      dueAt: new Date(now + 1500).toISOString(),
      reminders: [{ at: new Date(now + 500).toISOString(), kind: 'before_deadline' }],
    });
    const client = new Client({ connection });
    const handle = await client.workflow.start('assignmentWorkflow', {
      args: [input],
      taskQueue,
      workflowId: assignmentWorkflowId(input),
    });
    await handle.result();

    const res = await fetch(`${base}/assignments/${encodeURIComponent(input.assignmentId)}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { unitName: string; status: string; events: { type: string }[] };
    expect(body.unitName).toBe('UBND xã Đắk Môl');
    expect(body.status).toBe('assigned');
    expect(body.events.map((e) => e.type)).toEqual(['assigned', 'reminder_due', 'deadline_passed']);

    const list = await fetch(`${base}/assignments?unit=ubnd_xa_dak_mol`);
    expect(((await list.json()) as { id: string }[]).map((a) => a.id)).toContain(input.assignmentId);
  });

  it('records an event once even when the activity is retried', async () => {
    const { recordAssignmentEvent } = createActivities(tdb.db);
    const event = {
      eventId: 'retry-probe:assigned',
      type: 'assigned' as const,
      occurredAt: new Date().toISOString(),
      assignment: anAssignment({ assignmentId: 'retry-probe', dueAt: new Date().toISOString() }),
    };
    expect(await recordAssignmentEvent(event)).toEqual({ recorded: true });
    expect(await recordAssignmentEvent(event)).toEqual({ recorded: false });
    const { rows } = await tdb.db.query(
      `SELECT count(*)::int AS n FROM events WHERE assignment_id = 'retry-probe'`,
    );
    expect(rows[0].n).toBe(1);
  });

  it('refuses to rewrite the event log', async () => {
    await expect(tdb.db.query(`UPDATE events SET actor = 'x'`)).rejects.toThrow(/append-only/);
  });

  it('answers bad input with a 4xx problem in Vietnamese and English', async () => {
    const missing = await fetch(`${base}/assignments/khong-ton-tai`);
    expect(missing.status).toBe(404);
    const problem = (await missing.json()) as { code: string; message: { vi: string; en: string } };
    expect(problem.code).toBe('assignment_not_found');
    expect(problem.message.vi).toContain('Không có nhiệm vụ');

    const bad = await fetch(`${base}/assignments?limit=abc&status=xong`);
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { code: string; details: { path: string }[] };
    expect(body.code).toBe('validation_failed');
    expect(body.details.map((d) => d.path).sort()).toEqual(['limit', 'status']);
    expect(JSON.stringify(body)).not.toMatch(/at .*\.(js|ts):\d+/);
  });
});
