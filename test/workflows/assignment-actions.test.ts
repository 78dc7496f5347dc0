import type { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  acknowledgeUpdate,
  assignmentStateQuery,
  assignmentWorkflowId,
  completeUpdate,
  decideExtensionUpdate,
  reopenUpdate,
  reportProgressUpdate,
  requestExtensionUpdate,
} from '../../workflows/contracts.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { compileEntry, engineWorker, outboxLines, publishForTest, skipTo, vn } from '../support/engine.js';
import { startTimeSkipping, type TimeSkipping } from '../support/time-skipping.js';

const ENTRY = 'test/fixtures/engine/ke-hoach-phuong.dondoc';
const P = 'cchc-2027-ubnd-phuong';

// Human actions are updates with validators: what is invalid is refused with a stable code and changes nothing;
// a request repeated with the same idempotency key is applied once.
describe('human actions on an assignment (time-skipping server)', () => {
  let ts: TimeSkipping;
  let tdb: TestDatabase;
  let worker: Worker;
  let running: Promise<void>;
  const taskQueue = 'actions';
  const unit = (requestId: string) => ({ by: 'motcua@tanlap.gov.vn', requestId });
  const office = (requestId: string) => ({ by: 'noivu@tanlap.gov.vn', requestId });
  const handle = (id: string) => ts.env.client.workflow.getHandle(assignmentWorkflowId(id));
  const events = async (id: string) =>
    (
      await tdb.db.query<{ type: string }>(`SELECT type FROM events WHERE assignment_id = $1 ORDER BY seq`, [
        id,
      ])
    ).rows.map((r) => r.type);

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

  it('refuses invalid progress and completion, applies a repeated request once', async () => {
    const h = handle(`${P}/TT.02/mot_cua`);
    await expect(
      h.executeUpdate(reportProgressUpdate, { args: [{ ...unit('p0'), percent: 140 }] }),
    ).rejects.toMatchObject({ cause: { type: 'INVALID_PERCENT' } });
    await expect(
      h.executeUpdate(acknowledgeUpdate, { args: [{ by: '', requestId: 'x' }] }),
    ).rejects.toMatchObject({
      cause: { type: 'ACTOR_REQUIRED' },
    });
    // Reporting progress acknowledges implicitly.
    expect(
      await h.executeUpdate(reportProgressUpdate, {
        args: [{ ...unit('p1'), percent: 40, note: 'Đã rà soát 12/30 TTHC' }],
      }),
    ).toMatchObject({ status: 'in_progress' });
    await expect(
      h.executeUpdate(completeUpdate, { args: [{ ...unit('c0'), evidence: { note: 'xong' } }] }),
    ).rejects.toMatchObject({ cause: { type: 'EVIDENCE_REQUIRED' } });
    const done = { ...unit('c1'), evidence: { documentNumber: '33/BC-UBND', documentDate: '2027-02-01' } };
    await h.executeUpdate(completeUpdate, { args: [done] });
    await h.executeUpdate(completeUpdate, { args: [done] });
    expect(await events(`${P}/TT.02/mot_cua`)).toEqual(['assigned', 'progress_reported', 'completed']);
    await expect(
      h.executeUpdate(reportProgressUpdate, { args: [{ ...unit('p2'), percent: 50 }] }),
    ).rejects.toMatchObject({ cause: { type: 'ASSIGNMENT_DONE' } });
    const state = await h.query(assignmentStateQuery);
    expect(state).toMatchObject({
      status: 'done',
      progressPercent: 100,
      completedLate: false,
      evidence: done.evidence,
    });
  });

  it('reopens done work when the evidence is rejected, and the countdown resumes', async () => {
    const id = `${P}/TT.01/mot_cua`;
    const h = handle(id);
    await expect(
      h.executeUpdate(reopenUpdate, { args: [{ ...office('r0'), reason: 'Thiếu' }] }),
    ).rejects.toMatchObject({
      cause: { type: 'NOT_DONE' },
    });
    await h.executeUpdate(completeUpdate, {
      args: [{ ...unit('c'), evidence: { link: 'https://x.vn/a.pdf' } }],
    });
    await skipTo(ts.env, vn('2027-01-20 09:00'));
    await h.executeUpdate(reopenUpdate, {
      args: [{ ...office('r1'), reason: 'Danh mục niêm yết chưa đủ 100%' }],
    });
    expect(await h.query(assignmentStateQuery)).toMatchObject({ status: 'in_progress', overdue: false });
    // TT.01 is due 31/03: its reminders come again after the reopening.
    await skipTo(ts.env, vn('2027-03-31 09:00'));
    expect(await outboxLines(tdb.db, id)).toEqual([
      '2027-01-11 08:00 assigned → unit:mot_cua',
      '2027-01-20 09:00 reopened → unit:mot_cua',
      '2027-03-24 08:00 reminder → unit:mot_cua',
      '2027-03-30 08:00 reminder → unit:mot_cua',
      '2027-03-31 08:00 reminder → unit:mot_cua',
    ]);
  });

  it('refuses extensions that are not later, beyond the calendar, or decided without a request', async () => {
    const id = `${P}/TT.05/mot_cua`;
    const h = handle(id);
    await expect(
      h.executeUpdate(decideExtensionUpdate, { args: [{ ...office('d0'), approve: true }] }),
    ).rejects.toMatchObject({ cause: { type: 'NO_EXTENSION_PENDING' } });
    await expect(
      h.executeUpdate(requestExtensionUpdate, {
        args: [{ ...unit('e0'), newDueDate: '2027-08-30', reason: 'Thiếu kinh phí' }],
      }),
    ).rejects.toMatchObject({ cause: { type: 'DATE_NOT_LATER' } });
    await expect(
      h.executeUpdate(requestExtensionUpdate, {
        args: [{ ...unit('e1'), newDueDate: '2029-01-10', reason: 'Thiếu kinh phí' }],
      }),
    ).rejects.toMatchObject({ cause: { type: 'DATE_OUTSIDE_CALENDAR' } });
    await expect(
      h.executeUpdate(requestExtensionUpdate, {
        args: [{ ...unit('e2'), newDueDate: '2027-09-30', reason: ' ' }],
      }),
    ).rejects.toMatchObject({ cause: { type: 'REASON_REQUIRED' } });
    await h.executeUpdate(requestExtensionUpdate, {
      args: [{ ...unit('e3'), newDueDate: '2027-09-30', reason: 'Chờ phần mềm số hóa của tỉnh' }],
    });
    await expect(
      h.executeUpdate(requestExtensionUpdate, {
        args: [{ ...unit('e4'), newDueDate: '2027-10-30', reason: 'Lần hai' }],
      }),
    ).rejects.toMatchObject({ cause: { type: 'EXTENSION_PENDING' } });
    const refused = await h.executeUpdate(decideExtensionUpdate, {
      args: [{ ...office('d1'), approve: false, note: 'Không đủ căn cứ' }],
    });
    expect(refused.dueAt).toBe(vn('2027-09-01 00:00'));
    // Asking for more time acknowledges the task: no separate acknowledgement event.
    expect(await events(id)).toEqual([
      'assigned',
      'acknowledge_reminder',
      'extension_requested',
      'extension_refused',
    ]);
  });
});
