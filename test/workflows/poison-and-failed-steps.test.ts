import type { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  acknowledgeUpdate,
  assignmentStateQuery,
  assignmentWorkflowId,
  completeUpdate,
  reportProgressUpdate,
  retryStepUpdate,
} from '../../workflows/contracts.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { compileEntry, engineWorker, publishForTest, skipTo, vn, waitFor } from '../support/engine.js';
import { maybeRecordHistory } from '../support/histories.js';
import { startTimeSkipping, type TimeSkipping } from '../support/time-skipping.js';

const ENTRY = 'test/fixtures/engine/ke-hoach-phuong.dondoc';
const P = 'cchc-2027-ubnd-phuong';

// Issue 18, defects 1 and 2 in the engine: text the database cannot hold is refused by the update validators;
// a step the database refuses anyway fails once (not forever), is recorded as an incident with a mail to the
// office, the assignment carries on, and the office has the step written again once the cause is fixed; an
// idempotency key reused for another action is refused.
describe('poison input, failed steps and reused keys (time-skipping server)', () => {
  let ts: TimeSkipping;
  let tdb: TestDatabase;
  let worker: Worker;
  let running: Promise<void>;
  const taskQueue = 'poison';
  const unit = (requestId: string) => ({ by: 'motcua@tanlap.gov.vn', requestId });
  const office = (requestId: string) => ({ by: 'noivu@tanlap.gov.vn', requestId });
  const handle = (id: string) => ts.env.client.workflow.getHandle(assignmentWorkflowId(id));
  const events = async (id: string) =>
    (
      await tdb.db.query<{ type: string }>(`SELECT type FROM events WHERE assignment_id = $1 ORDER BY seq`, [
        id,
      ])
    ).rows.map((r) => r.type);
  const projection = async (id: string) =>
    (
      await tdb.db.query<{ status: string; progress_percent: number }>(
        'SELECT status, progress_percent FROM assignments WHERE id = $1',
        [id],
      )
    ).rows[0];

  beforeAll(async () => {
    [ts, tdb] = await Promise.all([startTimeSkipping(), createTestDatabase()]);
    worker = await engineWorker(ts.env.nativeConnection, ts.env.client, tdb.db, taskQueue);
    running = worker.run();
    await publishForTest(tdb.db, ts.env.client, taskQueue, compileEntry(ENTRY));
    await skipTo(ts.env, vn('2027-01-11 09:00'));
  });

  afterAll(async () => {
    worker?.shutdown();
    await running;
    await ts?.stop();
    await tdb?.drop();
  });

  it('refuses text the store cannot hold or that would disguise what is read, and changes nothing', async () => {
    const id = `${P}/TT.01/mot_cua`;
    const h = handle(id);
    for (const note of ['Đã nhận\u0000', 'Đã nhận \u202eạh', 'tên \u2067ẩn\u2069', '\ud800']) {
      await expect(
        h.executeUpdate(acknowledgeUpdate, { args: [{ ...unit(`n-${note.length}`), note }] }),
      ).rejects.toMatchObject({ cause: { type: 'INVALID_TEXT' } });
    }
    await expect(
      h.executeUpdate(completeUpdate, {
        args: [{ ...unit('c-nul'), evidence: { documentNumber: '12/BC\u0000' } }],
      }),
    ).rejects.toMatchObject({ cause: { type: 'INVALID_TEXT' } });
    expect(await h.query(assignmentStateQuery)).toMatchObject({ status: 'assigned' });
    expect(await events(id)).toEqual(['assigned']);
  });

  it('refuses a key reused for another action or body, and answers the same request again', async () => {
    const id = `${P}/TT.02/mot_cua`;
    const h = handle(id);
    const progress = { ...unit('K'), percent: 40, note: 'Đã rà soát 12/30 TTHC' };
    const first = await h.executeUpdate(reportProgressUpdate, { args: [progress] });
    expect(first).toMatchObject({ status: 'in_progress' });
    // The same request again: the first answer, nothing applied twice.
    expect(await h.executeUpdate(reportProgressUpdate, { args: [progress] })).toEqual(first);
    // Another action under the same key: refused, nothing completed.
    await expect(
      h.executeUpdate(completeUpdate, {
        args: [{ ...unit('K'), evidence: { documentNumber: '33/BC-UBND' } }],
      }),
    ).rejects.toMatchObject({ cause: { type: 'IDEMPOTENCY_KEY_REUSED' } });
    // The same action with another body under the same key: refused too.
    await expect(
      h.executeUpdate(reportProgressUpdate, { args: [{ ...progress, percent: 60 }] }),
    ).rejects.toMatchObject({ cause: { type: 'IDEMPOTENCY_KEY_REUSED' } });
    expect(await h.query(assignmentStateQuery)).toMatchObject({ status: 'in_progress', progressPercent: 40 });
    expect(await events(id)).toEqual(['assigned', 'progress_reported']);
  });

  it('records a step the database refuses as an incident, carries on, and writes it again on repair', async () => {
    const id = `${P}/TT.04/mot_cua`;
    const h = handle(id);
    // A cause the validators cannot know of: a constraint of the database (23514 check_violation) refuses the
    // acknowledgement's event. Every retry would fail the same way.
    await tdb.db.query(
      `ALTER TABLE events ADD CONSTRAINT test_refused_note CHECK (payload->>'note' IS DISTINCT FROM 'không lưu được')`,
    );
    const ack = await h.executeUpdate(acknowledgeUpdate, {
      args: [{ ...unit('a1'), note: 'không lưu được' }],
    });
    expect(ack).toMatchObject({ status: 'acknowledged' });
    const eventId = `${id}/action/a1`;
    // The update answered once the incident was written (the failure is not retried).
    const incident = await waitFor(
      'the incident',
      async () =>
        (
          await tdb.db.query<{ status: string; sqlstate: string; step_type: string; failures: number }>(
            'SELECT status, sqlstate, step_type, failures FROM incidents WHERE id = $1',
            [eventId],
          )
        ).rows[0],
    );
    expect(incident).toEqual({ status: 'open', sqlstate: '23514', step_type: 'acknowledged', failures: 1 });
    const mail = await tdb.db.query<{ kind: string; recipient: string }>(
      `SELECT kind, recipient FROM outbox WHERE key = $1`,
      [`incident/${eventId}/1`],
    );
    expect(mail.rows).toEqual([{ kind: 'incident', recipient: 'role:home_affairs' }]);
    expect(await events(id)).toEqual(['assigned']);

    // Not wedged: the unit goes on, its next step is written and brings the projection up to date.
    expect(
      await h.executeUpdate(reportProgressUpdate, {
        args: [{ ...unit('p1'), percent: 30, note: 'Đang cập nhật' }],
      }),
    ).toMatchObject({ status: 'in_progress' });
    expect(await events(id)).toEqual(['assigned', 'progress_reported']);
    expect(await projection(id)).toEqual({ status: 'in_progress', progress_percent: 30 });

    // A retry while the cause is still there fails again: the incident counts it and stays open.
    expect(await h.executeUpdate(retryStepUpdate, { args: [{ ...office('r1'), eventId }] })).toEqual({
      recorded: false,
    });
    expect(
      (await tdb.db.query('SELECT status, failures FROM incidents WHERE id = $1', [eventId])).rows[0],
    ).toEqual({ status: 'open', failures: 2 });

    // The cause fixed, the office has the step written again: the event is there, the incident resolved.
    await tdb.db.query('ALTER TABLE events DROP CONSTRAINT test_refused_note');
    expect(await h.executeUpdate(retryStepUpdate, { args: [{ ...office('r2'), eventId }] })).toEqual({
      recorded: true,
    });
    expect(await events(id)).toEqual(['assigned', 'progress_reported', 'acknowledged']);
    expect(
      (await tdb.db.query('SELECT status, resolution, resolved_by FROM incidents WHERE id = $1', [eventId]))
        .rows[0],
    ).toEqual({ status: 'resolved', resolution: 'retried', resolved_by: 'noivu@tanlap.gov.vn' });
    await expect(
      h.executeUpdate(retryStepUpdate, { args: [{ ...office('r3'), eventId }] }),
    ).rejects.toMatchObject({ cause: { type: 'NO_FAILED_STEP' } });
    expect(await projection(id)).toEqual({ status: 'in_progress', progress_percent: 30 });
    await maybeRecordHistory(h, 'assignment-failed-step');
  });
});
