import type { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localTime, planEvents } from '../../apps/publishing/plan-preview.js';
import { endOfLocalDay } from '../../dsl/calendar/local-time.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { compileEntry, engineWorker, publishForTest, skipTo } from '../support/engine.js';
import { startTimeSkipping, type TimeSkipping } from '../support/time-skipping.js';

const ENTRY = 'plans/xa-ea-kar-2027/ke-hoach.dondoc';

// The preview never lies: a whole example plan left alone for its whole window sends exactly what
// `dondoc calendar` announced for it, at the same instants, to the same people.
describe('the year the engine produces equals the dondoc calendar preview', () => {
  let ts: TimeSkipping;
  let tdb: TestDatabase;
  let worker: Worker;
  let running: Promise<void>;

  beforeAll(async () => {
    [ts, tdb] = await Promise.all([startTimeSkipping(), createTestDatabase()]);
    worker = await engineWorker(ts.env.nativeConnection, ts.env.client, tdb.db, 'preview');
    running = worker.run();
  });

  afterAll(async () => {
    worker?.shutdown();
    await running;
    await ts?.stop();
    await tdb?.drop();
  });

  it('for every assignment, digest and recipient of plans/xa-ea-kar-2027', async () => {
    const plan = compileEntry(ENTRY);
    const { ir } = plan;
    await publishForTest(tdb.db, ts.env.client, 'preview', plan);
    const wall = performance.now();
    await skipTo(ts.env, endOfLocalDay(ir.calendar.to));
    console.log(
      `${ir.assignments.length} assignments to ${ir.calendar.to} in ${((performance.now() - wall) / 1000).toFixed(1)} s`,
    );

    const KIND: Record<string, string> = {
      assigned: 'assigned',
      acknowledge_by: 'acknowledge_reminder',
      reminder: 'reminder',
      deadline: 'overdue',
      check_in: 'check_in',
      escalation: 'escalation',
    };
    const byId = new Map(ir.assignments.map((a) => [a.id, a]));
    const announced = planEvents(ir)
      .filter((e) => e.assignmentId)
      .flatMap((e) => {
        const a = byId.get(e.assignmentId!)!;
        const to =
          e.kind === 'escalation'
            ? a.escalations
                .find((s) => s.at === e.at && `bậc/level ${s.level}` === e.detail)!
                .recipients.map((r) => `${r.kind}:${r.id}`)
            : [`unit:${a.unit}`];
        return to.map((r) => `${a.id} ${localTime(e.at)} ${KIND[e.kind]} → ${r}`);
      })
      .sort();
    const { rows } = await tdb.db.query<{
      assignmentId: string;
      dueAt: Date;
      kind: string;
      recipient: string;
    }>(
      `SELECT assignment_id AS "assignmentId", due_at AS "dueAt", kind, recipient FROM outbox WHERE assignment_id IS NOT NULL`,
    );
    const sent = rows
      .map((r) => `${r.assignmentId} ${localTime(r.dueAt.toISOString())} ${r.kind} → ${r.recipient}`)
      .sort();
    expect(sent.length).toBeGreaterThan(200);
    expect(sent).toEqual(announced);

    // Digests go out only on announced instants, and on every one once something is escalated to the recipient.
    const digests = await tdb.db.query<{ recipient: string; dueAt: Date }>(
      `SELECT recipient, due_at AS "dueAt" FROM digests ORDER BY due_at`,
    );
    expect(digests.rows.length).toBeGreaterThan(0);
    for (const d of ir.digests) {
      const key = `${d.recipient.kind}:${d.recipient.id}`;
      const got = digests.rows.filter((r) => r.recipient === key).map((r) => r.dueAt.toISOString());
      const firstEscalation = rows
        .filter((r) => r.kind === 'escalation' && r.recipient === key)
        .map((r) => r.dueAt.toISOString())
        .sort()[0];
      const expected = firstEscalation ? d.occurrences.filter((at) => at > firstEscalation) : [];
      expect(got, key).toEqual(expected);
    }
  });
});
