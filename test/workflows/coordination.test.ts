import type { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashIr } from '../../dsl/compile/hash.js';
import {
  acknowledgeCoordinationUpdate,
  assignmentStateQuery,
  assignmentWorkflowId,
  assignOfficerUpdate,
  completeUpdate,
  reportContributionUpdate,
} from '../../workflows/contracts.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { compileEntry, engineWorker, outboxLines, publishForTest, skipTo, vn } from '../support/engine.js';
import { maybeRecordHistory } from '../support/histories.js';
import { startTimeSkipping, type TimeSkipping } from '../support/time-skipping.js';

const ENTRY = 'test/fixtures/engine/ke-hoach-phuong.dondoc';
const P = 'cchc-2027-ubnd-phuong';

/** The ward plan with the header `chờ đơn vị phối hợp: có`: the lead completes only after its coordinators. */
function blockingPlan() {
  const plan = compileEntry(ENTRY);
  const { hash: _hash, irVersion, ...rest } = plan.ir;
  const body = { irVersion, ...rest, plan: { ...rest.plan, coordinatorsMustReport: true } };
  return { ...plan, ir: { ...body, hash: hashIr(body) } };
}

// Coordinating units and officers on the time-skipping server: contributions, the blocking policy, and a
// reassignment that moves the reminders to the new officer while the ladder still goes to the plan's heads.
describe('coordination and officers (time-skipping server)', () => {
  let ts: TimeSkipping;
  let tdb: TestDatabase;
  let worker: Worker;
  let running: Promise<void>;
  const taskQueue = 'coordination';
  const handle = (id: string) => ts.env.client.workflow.getHandle(assignmentWorkflowId(id));
  const events = async (id: string) =>
    (
      await tdb.db.query<{ type: string }>(`SELECT type FROM events WHERE assignment_id = $1 ORDER BY seq`, [
        id,
      ])
    ).rows.map((r) => r.type);
  const lead = (requestId: string) => ({ by: 'motcua@tanlap.gov.vn', requestId });
  const office = (requestId: string) => ({ by: 'vanphong@tanlap.gov.vn', requestId, unitCode: 'van_phong' });

  beforeAll(async () => {
    [ts, tdb] = await Promise.all([startTimeSkipping(), createTestDatabase()]);
    worker = await engineWorker(ts.env.nativeConnection, ts.env.client, tdb.db, taskQueue);
    running = worker.run();
    await publishForTest(tdb.db, ts.env.client, taskQueue, blockingPlan());
    await skipTo(ts.env, vn('2027-01-11 09:00'));
  });

  afterAll(async () => {
    worker?.shutdown();
    await running;
    await ts?.stop();
    await tdb?.drop();
  });

  it('lists the coordinating unit with the plan, before anyone acts', async () => {
    const { rows } = await tdb.db.query<{ id: string; code: string }>(
      `SELECT c.assignment_id AS id, u.code FROM assignment_coordinators c JOIN units u ON u.id = c.unit_id`,
    );
    expect(rows).toEqual([{ id: `${P}/TT.02/mot_cua`, code: 'van_phong' }]);
  });

  it('refuses completion until the coordinator reported, then completes', async () => {
    const id = `${P}/TT.02/mot_cua`;
    const h = handle(id);
    const evidence = { documentNumber: '41/BC-UBND', documentDate: '2027-03-02' };
    await expect(
      h.executeUpdate(completeUpdate, { args: [{ ...lead('c0'), evidence }] }),
    ).rejects.toMatchObject({
      cause: { type: 'COORDINATORS_NOT_REPORTED' },
    });
    await expect(
      h.executeUpdate(reportContributionUpdate, {
        args: [{ ...office('x0'), unitCode: 'mot_cua', note: 'Tự phối hợp' }],
      }),
    ).rejects.toMatchObject({ cause: { type: 'NOT_A_COORDINATOR' } });
    await h.executeUpdate(acknowledgeCoordinationUpdate, { args: [office('a1')] });
    await skipTo(ts.env, vn('2027-02-15 10:00'));
    await h.executeUpdate(reportContributionUpdate, {
      args: [
        {
          ...office('r1'),
          note: 'Đã rà soát 8 TTHC lĩnh vực văn phòng',
          evidence: { link: 'https://x.vn/vp.pdf' },
        },
      ],
    });
    // The same request again is applied once.
    await h.executeUpdate(reportContributionUpdate, {
      args: [
        {
          ...office('r1'),
          note: 'Đã rà soát 8 TTHC lĩnh vực văn phòng',
          evidence: { link: 'https://x.vn/vp.pdf' },
        },
      ],
    });
    const { rows } = await tdb.db.query(
      `SELECT contributions, acknowledged_at IS NOT NULL AS ack, reported_at AS "reportedAt"
       FROM assignment_coordinators WHERE assignment_id = $1`,
      [id],
    );
    expect(rows).toEqual([{ contributions: 1, ack: true, reportedAt: expect.any(Date) }]);
    await skipTo(ts.env, vn('2027-03-02 10:00'));
    expect(await h.executeUpdate(completeUpdate, { args: [{ ...lead('c1'), evidence }] })).toMatchObject({
      status: 'done',
    });
    expect(await events(id)).toEqual([
      'assigned',
      'coordination_acknowledged',
      // The coordinator's acknowledgement is not the lead's: the lead is reminded.
      'acknowledge_reminder',
      'contribution_reported',
      'completed',
    ]);
    expect(await outboxLines(tdb.db, id)).toEqual([
      '2027-01-11 08:00 assigned → unit:mot_cua',
      '2027-01-14 00:00 acknowledge_reminder → unit:mot_cua',
      '2027-02-15 10:00 contribution_reported → unit:mot_cua',
    ]);
  });

  it('moves reminders to the officer the work is given to; escalations still go to the heads', async () => {
    const id = `${P}/TT.05/mot_cua`;
    const h = handle(id);
    const lan = { login: 'lan.motcua', name: 'Nguyễn Thị Lan', email: 'lan@tanlap.gov.vn' };
    const minh = { login: 'minh.motcua', name: 'Trần Văn Minh', email: 'minh@tanlap.gov.vn' };
    await h.executeUpdate(assignOfficerUpdate, { args: [{ ...lead('o1'), officer: lan }] });
    await expect(
      h.executeUpdate(assignOfficerUpdate, { args: [{ ...lead('o2'), officer: lan }] }),
    ).rejects.toMatchObject({ cause: { type: 'OFFICER_ALREADY_ASSIGNED' } });
    await skipTo(ts.env, vn('2027-08-01 09:00'));
    await h.executeUpdate(assignOfficerUpdate, {
      args: [{ ...lead('o3'), officer: minh, note: 'Chị Lan nghỉ thai sản' }],
    });
    expect((await h.query(assignmentStateQuery)).officer).toEqual(minh);
    expect(
      (await tdb.db.query(`SELECT officer_login AS o FROM assignments WHERE id = $1`, [id])).rows[0],
    ).toEqual({ o: 'minh.motcua' });
    await skipTo(ts.env, vn('2027-09-15 09:00'));
    // An action's notice is dated when the action is applied; the steps at their planned instants.
    const lines = (await outboxLines(tdb.db, id)).map((l) =>
      l.includes('officer_assigned') ? l.slice(17) : l,
    );
    expect(lines).toEqual([
      '2027-01-11 08:00 assigned → unit:mot_cua',
      '2027-01-14 00:00 acknowledge_reminder → unit:mot_cua',
      'officer_assigned → person:lan.motcua',
      'officer_assigned → person:minh.motcua',
      '2027-08-24 08:00 reminder → person:minh.motcua',
      '2027-08-30 08:00 reminder → person:minh.motcua',
      '2027-08-31 08:00 reminder → person:minh.motcua',
      '2027-09-01 00:00 overdue → person:minh.motcua',
      '2027-09-06 08:00 escalation → person:pho_chu_tich',
      '2027-09-09 08:00 escalation → person:chu_tich',
    ]);
  });

  it('runs both to the end of the plan year (recorded for the replay test)', async () => {
    await skipTo(ts.env, vn('2028-01-01 01:00'));
    for (const [id, name] of [
      [`${P}/TT.02/mot_cua`, 'assignment-coordination-year'],
      [`${P}/TT.05/mot_cua`, 'assignment-reassigned-year'],
    ] as const) {
      expect((await handle(id).result()).status).toBeDefined();
      await maybeRecordHistory(handle(id), name);
    }
  });
});
