import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { seedUsers } from '../../apps/dev-stack/seed-users.js';
import { planProgress, publishPlan } from '../../apps/publishing/plan-publisher.js';
import { engineActivities } from '../../apps/worker/worker.js';
import {
  acknowledgeUpdate,
  assignmentWorkflowId,
  cancelUpdate,
  completeUpdate,
  requestExtensionUpdate,
  type AssignmentStep,
} from '../../workflows/contracts.js';
import type { Client } from '@temporalio/client';
import { startApiStack, type ApiStack } from '../support/api-stack.js';
import type { TestDatabase } from '../support/db.js';
import { compileEntry, waitFor, type CompiledPlan } from '../support/engine.js';

const ENTRY = 'test/fixtures/engine/ke-hoach-phuong.dondoc';

// The whole path on real parts: publish → Temporal dev server → worker → activities → PostgreSQL → NestJS API.
describe('publish, act through the client, read rows, outbox and API (Temporal dev server)', () => {
  let stack: ApiStack;
  let tdb: TestDatabase;
  let client: Client;
  let base: string;
  let plan: CompiledPlan;
  const taskQueue = `it-${Date.now()}`;

  beforeAll(async () => {
    // A plan code of its own: the dev server outlives test runs.
    plan = compileEntry(ENTRY, undefined, { planCode: `it-${Date.now()}` });
    stack = await startApiStack({
      temporalAddress: inject('temporalAddress'),
      taskQueue,
      secret: 'x'.repeat(32),
    });
    ({ tdb, client, base } = stack);
  });

  afterAll(async () => {
    await stack?.stop([plan?.ir]);
  });

  it('reports ready when PostgreSQL and Temporal answer', async () => {
    const res = await fetch(`${base}/health/ready`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { checks: Record<string, { ok: boolean }> };
    expect(body.checks.postgres?.ok).toBe(true);
    expect(body.checks.temporal?.ok).toBe(true);
  });

  it('publishes the plan: one projection row per assignment, then actions show in rows, outbox and API', async () => {
    const published = await publishPlan(tdb.db, client, taskQueue, {
      source: plan.source,
      ir: plan.ir,
      author: 'noivu',
    });
    expect(published).toMatchObject({ version: 1, action: 'started', reportSchedules: 1 });
    const total = plan.ir.assignments.length;
    // Rows are listed just before their workflows start: wait for the plan workflow to say all are running.
    await waitFor('the fan-out', async () => {
      const p = await planProgress(client, plan.ir.plan.code).catch(() => undefined);
      return p?.phase === 'running' ? p : undefined;
    });
    const { rows: listed } = await tdb.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM assignments`);
    expect(listed[0]!.n).toBe(total);

    const [first, second] = plan.ir.assignments.filter((a) => a.taskId === 'TT.01' || a.taskId === 'TT.02');
    const h1 = client.workflow.getHandle(assignmentWorkflowId(first!.id));
    const h2 = client.workflow.getHandle(assignmentWorkflowId(second!.id));
    await h1.executeUpdate(acknowledgeUpdate, { args: [{ by: 'motcua@tanlap', requestId: 'r-ack-1' }] });
    // The same request again (a retried HTTP call) is answered, not applied twice.
    await h1.executeUpdate(acknowledgeUpdate, { args: [{ by: 'motcua@tanlap', requestId: 'r-ack-1' }] });
    // A second acknowledgement is refused with a stable code.
    await expect(
      h1.executeUpdate(acknowledgeUpdate, { args: [{ by: 'motcua@tanlap', requestId: 'r-ack-2' }] }),
    ).rejects.toMatchObject({ cause: { type: 'ALREADY_ACKNOWLEDGED' } });
    // An extension to a date already past is refused.
    await expect(
      h1.executeUpdate(requestExtensionUpdate, {
        args: [
          { by: 'motcua@tanlap', requestId: 'r-ext-1', newDueDate: '2026-01-05', reason: 'Thiếu người' },
        ],
      }),
    ).rejects.toMatchObject({ cause: { type: 'DATE_IN_PAST' } });
    await h1.executeUpdate(requestExtensionUpdate, {
      args: [
        {
          by: 'motcua@tanlap',
          requestId: 'r-ext-2',
          newDueDate: '2027-04-30',
          reason: 'Chờ hướng dẫn của tỉnh',
        },
      ],
    });
    await h2.executeUpdate(cancelUpdate, {
      args: [{ by: 'noivu@tanlap', requestId: 'r-cancel', reason: 'Trùng nhiệm vụ' }],
    });
    // Completing a cancelled task is refused.
    await expect(
      h2.executeUpdate(completeUpdate, {
        args: [{ by: 'motcua@tanlap', requestId: 'r-done', evidence: { documentNumber: '1/BC' } }],
      }),
    ).rejects.toMatchObject({ cause: { type: 'ASSIGNMENT_CANCELLED' } });

    const { rows } = await tdb.db.query<{ id: string; status: string; acknowledgedAt: Date | null }>(
      `SELECT id, status, acknowledged_at AS "acknowledgedAt" FROM assignments WHERE id = ANY($1) ORDER BY id`,
      [[first!.id, second!.id]],
    );
    expect(Object.fromEntries(rows.map((r) => [r.id, r.status]))).toEqual({
      [first!.id]: 'acknowledged',
      [second!.id]: 'cancelled',
    });
    const outbox = await tdb.db.query<{ kind: string; recipient: string; recipientEmail: string }>(
      `SELECT kind, recipient, recipient_email AS "recipientEmail" FROM outbox ORDER BY kind`,
    );
    expect(outbox.rows).toEqual([
      { kind: 'cancelled', recipient: 'unit:mot_cua', recipientEmail: 'motcua.tanlap@daklak.gov.vn' },
      { kind: 'extension_requested', recipient: 'role:home_affairs', recipientEmail: 'tanlap@daklak.gov.vn' },
    ]);

    // The unit's member reads it through the API.
    await seedUsers(tdb.db, plan.ir, 'mat-khau-thu');
    const login = await fetch(`${base}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'mot-cua.ubnd-phuong', password: 'mat-khau-thu' }),
    });
    expect(login.status).toBe(200);
    const { token } = (await login.json()) as { token: string };
    expect(await fetch(`${base}/assignments/${encodeURIComponent(first!.id)}`).then((r) => r.status)).toBe(
      401,
    );
    const res = await fetch(`${base}/assignments/${encodeURIComponent(first!.id)}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { unitName: string; status: string; events: { type: string }[] };
    expect(body.unitName).toBe('Bộ phận một cửa phường');
    expect(body.status).toBe('acknowledged');
    expect(body.events.map((e) => e.type)).toEqual(['acknowledged', 'extension_requested']);
  });

  it('records a step once even when the activity is retried', async () => {
    const { recordAssignmentStep } = engineActivities({ db: tdb.db, client, taskQueue });
    const a = plan.ir.assignments.find((x) => x.taskId === 'TT.03')!;
    const { rows } = await tdb.db.query<{ planId: string }>(
      `SELECT plan_id AS "planId" FROM assignments WHERE id = $1`,
      [a.id],
    );
    const step: AssignmentStep = {
      eventId: `${a.id}/probe`,
      assignmentId: a.id,
      planId: rows[0]!.planId,
      issuerCode: 'ubnd_phuong',
      unitCode: 'mot_cua',
      type: 'check_in',
      occurredAt: new Date().toISOString(),
      actor: 'system',
      payload: {},
      snapshot: {
        planVersion: 1,
        status: 'assigned',
        overdue: false,
        progressPercent: 0,
        escalationLevel: 0,
        dueAt: a.dueAt,
        dueDate: a.dueDate,
        active: true,
      },
      notifications: [
        {
          key: `${a.id}/probe/unit:mot_cua`,
          kind: 'check_in',
          recipient: { kind: 'unit', id: 'mot_cua', name: 'Bộ phận một cửa phường' },
          at: a.startsAt,
          payload: {},
        },
      ],
    };
    expect(await recordAssignmentStep(step)).toEqual({ recorded: true });
    expect(await recordAssignmentStep(step)).toEqual({ recorded: false });
    const counts = await tdb.db.query<{ events: number; outbox: number }>(
      `SELECT (SELECT count(*)::int FROM events WHERE id = $1) AS events,
              (SELECT count(*)::int FROM outbox WHERE key = $2) AS outbox`,
      [step.eventId, step.notifications[0]!.key],
    );
    expect(counts.rows[0]).toEqual({ events: 1, outbox: 1 });
  });

  it('refuses to rewrite the event log', async () => {
    await expect(tdb.db.query(`UPDATE events SET actor = 'x'`)).rejects.toThrow(/append-only/);
  });

  it('answers bad input with a 4xx problem in Vietnamese and English', async () => {
    const { token } = (await fetch(`${base}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'mot-cua.ubnd-phuong', password: 'mat-khau-thu' }),
    }).then((r) => r.json())) as { token: string };
    const auth = { headers: { authorization: `Bearer ${token}` } };
    const missing = await fetch(`${base}/assignments/khong-ton-tai`, auth);
    expect(missing.status).toBe(404);
    const problem = (await missing.json()) as { code: string; message: { vi: string; en: string } };
    expect(problem.code).toBe('assignment_not_found');
    expect(problem.message.vi).toContain('Không có nhiệm vụ');

    const bad = await fetch(`${base}/assignments?limit=abc&status=xong`, auth);
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { code: string; details: { path: string }[] };
    expect(body.code).toBe('validation_failed');
    expect(body.details.map((d) => d.path).sort()).toEqual(['limit', 'status']);
    expect(JSON.stringify(body)).not.toMatch(/at .*\.(js|ts):\d+/);
  });
});
