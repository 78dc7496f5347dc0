import type { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localTime, planEvents } from '../../apps/publishing/plan-preview.js';
import {
  acknowledgeUpdate,
  assignmentStateQuery,
  assignmentWorkflowId,
  completeUpdate,
  decideExtensionUpdate,
  digestWorkflowId,
  planProgressQuery,
  planWorkflowId,
  requestExtensionUpdate,
  type DigestContent,
} from '../../workflows/contracts.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import {
  compileEntry,
  engineWorker,
  outboxLines,
  publishForTest,
  skipTo,
  vn,
  type CompiledPlan,
} from '../support/engine.js';
import { compileReportContent } from '../../apps/reports/compile-report.js';
import { DashboardService } from '../../apps/api/dashboard/dashboard.service.js';
import { createRepositories } from '../../apps/database/repositories/index.js';
import type { ReportContent } from '../../apps/reports/report-model.js';
import { maybeRecordHistory } from '../support/histories.js';
import { startTimeSkipping, type TimeSkipping } from '../support/time-skipping.js';

const ENTRY = 'test/fixtures/engine/ke-hoach-phuong.dondoc';
const P = 'cchc-2027-ubnd-phuong';
const id = {
  ackLate: `${P}/TT.02/mot_cua`,
  early: `${P}/TT.01/mot_cua`,
  never: `${P}/CĐ.01/van_phong`,
  extended: `${P}/CĐ.02/van_phong/2027-Q1`,
  q2: `${P}/CĐ.02/van_phong/2027-Q2`,
  q3: `${P}/CĐ.02/van_phong/2027-Q3`,
  q4: `${P}/CĐ.02/van_phong/2027-Q4`,
  ongoing: `${P}/TT.03/mot_cua`,
  removed: `${P}/TT.04/mot_cua`,
  moved: `${P}/TT.05/mot_cua`,
  added: `${P}/TT.06/mot_cua`,
};

/** The amendment of 4 May: TT.04 dropped, TT.05 moved from 31/08 to 29/10, TT.06 added. */
function amend(text: string): string {
  const start = text.indexOf('  nhiệm vụ TT.04');
  const end = text.indexOf('  nhiệm vụ TT.05');
  return (
    text.slice(0, start) +
    text
      .slice(end)
      .replace('thời hạn: ngày 31/08/2027', 'thời hạn: ngày 29/10/2027')
      .replace(
        'báo cáo bc_quy',
        [
          'lĩnh vực chính quyền số "Chính quyền số":',
          '  nhiệm vụ TT.06 "Khảo sát mức độ hài lòng của người dân":',
          '    chủ trì: mot_cua',
          '    thời hạn: ngày 30/11/2027',
          '',
          'báo cáo bc_quy',
        ].join('\n'),
      )
  );
}

const officer = (requestId: string) => ({ by: 'chuyenvien@tanlap.gov.vn', requestId });
const homeAffairs = (requestId: string) => ({ by: 'noivu@tanlap.gov.vn', requestId });

// A whole year of a ward's plan on the time-skipping server: the outbox must hold exactly the notifications the
// plan and the people's actions call for, at the instants the plan says.
describe('a plan year on the time-skipping server', () => {
  let ts: TimeSkipping;
  let tdb: TestDatabase;
  let worker: Worker;
  let running: Promise<void>;
  let v1: CompiledPlan;
  let v2: CompiledPlan;
  const taskQueue = 'engine-year';

  beforeAll(async () => {
    [ts, tdb] = await Promise.all([startTimeSkipping(), createTestDatabase()]);
    v1 = compileEntry(ENTRY);
    v2 = compileEntry(ENTRY, amend);
    worker = await engineWorker(ts.env.nativeConnection, ts.env.client, tdb.db, taskQueue);
    running = worker.run();
  });

  afterAll(async () => {
    worker?.shutdown();
    await running;
    await ts?.stop();
    await tdb?.drop();
  });

  const handle = (assignmentId: string) =>
    ts.env.client.workflow.getHandle(assignmentWorkflowId(assignmentId));

  it('runs the year: reminders, acknowledgements, extension, amendment, escalations and digests', async () => {
    const wallStart = performance.now();
    const published = await publishForTest(tdb.db, ts.env.client, taskQueue, v1);
    expect(published).toMatchObject({ version: 1, action: 'started' });

    await skipTo(ts.env, vn('2027-01-12 09:00'));
    const progress = await ts.env.client.workflow.getHandle(planWorkflowId(P)).query(planProgressQuery);
    expect(progress).toMatchObject({
      phase: 'running',
      total: v1.ir.assignments.length,
      started: v1.ir.assignments.length,
    });
    await handle(id.early).executeUpdate(acknowledgeUpdate, { args: [officer('ack-early')] });

    await skipTo(ts.env, vn('2027-01-15 09:00'));
    await handle(id.ackLate).executeUpdate(acknowledgeUpdate, { args: [officer('ack-late')] });

    await skipTo(ts.env, vn('2027-02-01 10:00'));
    const early = await handle(id.early).executeUpdate(completeUpdate, {
      args: [
        { ...officer('done-early'), evidence: { documentNumber: '12/BC-UBND', documentDate: '2027-01-29' } },
      ],
    });
    expect(early).toMatchObject({ status: 'done', progressClass: 'done_on_time' });

    // Mid-ladder: level 1 went to the vice-chair on 12/03 08:00; the unit asks for 31/03 and Home Affairs agrees.
    await skipTo(ts.env, vn('2027-03-12 10:00'));
    await handle(id.extended).executeUpdate(requestExtensionUpdate, {
      args: [{ ...officer('ext-q1'), newDueDate: '2027-03-31', reason: 'Chờ số liệu của Sở Nội vụ' }],
    });
    await skipTo(ts.env, vn('2027-03-12 11:00'));
    const approved = await handle(id.extended).executeUpdate(decideExtensionUpdate, {
      args: [{ ...homeAffairs('ext-q1-ok'), approve: true, note: 'Đồng ý' }],
    });
    expect(approved).toMatchObject({
      status: 'acknowledged',
      progressClass: 'open',
      dueAt: vn('2027-04-01 00:00'),
    });
    await skipTo(ts.env, vn('2027-03-25 10:00'));
    await handle(id.extended).executeUpdate(completeUpdate, {
      args: [{ ...officer('done-q1'), evidence: { documentNumber: '41/BC-UBND' } }],
    });

    await skipTo(ts.env, vn('2027-05-04 10:00'));
    expect(await publishForTest(tdb.db, ts.env.client, taskQueue, v2)).toMatchObject({
      version: 2,
      action: 'amended',
    });

    await skipTo(ts.env, vn('2027-06-30 10:00'));
    await handle(id.ackLate).executeUpdate(completeUpdate, {
      args: [
        { ...officer('done-tt02'), evidence: { link: 'https://tanlap.daklak.gov.vn/bc/ra-soat-tthc.pdf' } },
      ],
    });
    await skipTo(ts.env, vn('2027-09-08 10:00'));
    await handle(id.q3).executeUpdate(completeUpdate, {
      args: [{ ...officer('done-q3'), evidence: { documentNumber: '180/BC-UBND' } }],
    });
    await skipTo(ts.env, vn('2027-10-29 10:00'));
    await handle(id.moved).executeUpdate(completeUpdate, {
      args: [{ ...officer('done-tt05'), evidence: { documentNumber: '201/BC-UBND' } }],
    });
    await skipTo(ts.env, vn('2027-12-14 10:00'));
    const late = await handle(id.q4).executeUpdate(completeUpdate, {
      args: [{ ...officer('done-q4'), evidence: { documentNumber: '260/BC-UBND' } }],
    });
    expect(late).toMatchObject({ status: 'done', progressClass: 'done_late' });

    await skipTo(ts.env, vn('2028-01-01 00:00'));
    console.log(`a plan year took ${((performance.now() - wallStart) / 1000).toFixed(1)} s of wall time`);

    // ---- exactly what each chosen assignment sent, and when ----
    const VP = 'unit:van_phong';
    const MC = 'unit:mot_cua';
    expect(await outboxLines(tdb.db, id.early)).toEqual([`2027-01-11 08:00 assigned → ${MC}`]);

    expect(await outboxLines(tdb.db, id.ackLate)).toEqual([
      `2027-01-11 08:00 assigned → ${MC}`,
      `2027-01-14 00:00 acknowledge_reminder → ${MC}`,
      `2027-06-23 08:00 reminder → ${MC}`,
      `2027-06-29 08:00 reminder → ${MC}`,
      `2027-06-30 08:00 reminder → ${MC}`,
    ]);

    expect(await outboxLines(tdb.db, id.never)).toEqual([
      `2027-01-11 08:00 assigned → ${VP}`,
      `2027-01-14 00:00 acknowledge_reminder → ${VP}`,
      `2027-02-19 08:00 reminder → ${VP}`,
      `2027-02-25 08:00 reminder → ${VP}`,
      `2027-02-26 08:00 reminder → ${VP}`,
      `2027-02-27 00:00 overdue → ${VP}`,
      `2027-03-02 08:00 escalation → person:pho_chu_tich`,
      `2027-03-05 08:00 escalation → person:chu_tich`,
    ]);

    const extended = await outboxLines(tdb.db, id.extended);
    expect(extended).toEqual([
      `2027-01-11 08:00 assigned → ${VP}`,
      `2027-01-14 00:00 acknowledge_reminder → ${VP}`,
      `2027-03-03 08:00 reminder → ${VP}`,
      `2027-03-09 08:00 reminder → ${VP}`,
      `2027-03-10 08:00 reminder → ${VP}`,
      `2027-03-11 00:00 overdue → ${VP}`,
      `2027-03-12 08:00 escalation → person:pho_chu_tich`,
      expect.stringMatching(/^2027-03-12 10:00 extension_requested → role:home_affairs$/),
      expect.stringMatching(/^2027-03-12 11:00 extension_decided → unit:van_phong$/),
      // The ladder starts again from 31/03: 5 and 1 working days before; done on 25/03, so nothing after.
      `2027-03-24 08:00 reminder → ${VP}`,
    ]);

    // Removed by the amendment: cancelled on 4 May, then silence.
    expect(await outboxLines(tdb.db, id.removed)).toEqual([
      `2027-01-11 08:00 assigned → ${MC}`,
      `2027-01-14 00:00 acknowledge_reminder → ${MC}`,
      `2027-05-04 10:00 cancelled → ${MC}`,
    ]);
    // Moved by the amendment from 31/08 to 29/10: the reminders follow the new date.
    expect(await outboxLines(tdb.db, id.moved)).toEqual([
      `2027-01-11 08:00 assigned → ${MC}`,
      `2027-01-14 00:00 acknowledge_reminder → ${MC}`,
      `2027-05-04 10:00 amended → ${MC}`,
      `2027-10-22 08:00 reminder → ${MC}`,
      `2027-10-28 08:00 reminder → ${MC}`,
      `2027-10-29 08:00 reminder → ${MC}`,
    ]);
    // Added by the amendment: assigned when the amendment arrived; its past steps are history.
    const added = await ts.env.client.workflow
      .getHandle(assignmentWorkflowId(id.added))
      .query(assignmentStateQuery);
    expect(added).toMatchObject({ active: true, planVersion: 2 });
    const { rows: addedEvents } = await tdb.db.query<{ type: string; occurredAt: Date }>(
      `SELECT type, occurred_at AS "occurredAt" FROM events WHERE assignment_id = $1 ORDER BY occurred_at, seq`,
      [id.added],
    );
    expect(localTime(addedEvents[0]!.occurredAt.toISOString())).toBe('2027-05-04 10:00');
    expect(addedEvents.map((e) => e.type)).toEqual([
      'assigned',
      'reminder',
      'reminder',
      'reminder',
      'overdue',
      'escalated',
      'escalated',
    ]);

    // A recurring quarterly report: one assignment per quarter, each with its own countdown.
    expect((await outboxLines(tdb.db, id.q3)).filter((l) => !l.includes('acknowledge'))).toEqual([
      `2027-07-01 08:00 assigned → ${VP}`,
      // 5 working days before 10/09 skip the National Day holidays of 2 and 3 September.
      `2027-09-01 08:00 reminder → ${VP}`,
    ]);
    expect(await outboxLines(tdb.db, id.q4)).toEqual([
      `2027-10-01 08:00 assigned → ${VP}`,
      `2027-10-06 00:00 acknowledge_reminder → ${VP}`, // 2 working days after Friday 1/10, to 24:00
      `2027-12-03 08:00 reminder → ${VP}`,
      `2027-12-09 08:00 reminder → ${VP}`,
      `2027-12-10 08:00 reminder → ${VP}`,
      `2027-12-11 00:00 overdue → ${VP}`,
      `2027-12-14 08:00 escalation → person:pho_chu_tich`,
    ]);

    // ---- the preview never lies: untouched assignments did exactly what `dondoc calendar` announced ----
    for (const untouched of [id.never, id.q2, id.ongoing]) {
      const announced = planEvents(v1.ir)
        .filter((e) => e.assignmentId === untouched && e.kind !== 'deadline')
        .flatMap((e) => {
          const kind =
            { acknowledge_by: 'acknowledge_reminder', escalation: 'escalation' }[e.kind as string] ?? e.kind;
          const a = v1.ir.assignments.find((x) => x.id === untouched)!;
          const to =
            e.kind === 'escalation'
              ? a.escalations.find((s) => s.at === e.at)!.recipients.map((r) => `${r.kind}:${r.id}`)
              : [`unit:${a.unit}`];
          return to.map((r) => `${localTime(e.at)} ${kind} → ${r}`);
        });
      const deadline = v1.ir.assignments.find((x) => x.id === untouched)!;
      if (deadline.kind === 'deadline')
        announced.push(`${localTime(deadline.dueAt)} overdue → unit:${deadline.unit}`);
      expect((await outboxLines(tdb.db, untouched)).sort()).toEqual(announced.sort());
    }

    // ---- digests: weekly, only when something is escalated, grouped by unit with a roll-up ----
    const { rows: digests } = await tdb.db.query<{ recipient: string; dueAt: Date; content: DigestContent }>(
      `SELECT recipient, due_at AS "dueAt", content FROM digests ORDER BY due_at, recipient`,
    );
    const chair = digests.filter((d) => d.recipient === 'person:chu_tich');
    const vice = digests.filter((d) => d.recipient === 'person:pho_chu_tich');
    // The chairperson hears from 8 March (level 2 of CĐ.01 on 5 March) every Monday to the end of the year.
    expect(localTime(chair[0]!.dueAt.toISOString())).toBe('2027-03-08 07:30');
    expect(chair.every((d) => new Date(d.dueAt).getUTCDay() === 1)).toBe(true);
    expect(localTime(chair.at(-1)!.dueAt.toISOString())).toBe('2027-12-27 07:30');
    const firstChair = chair[0]!.content;
    expect(firstChair.units).toEqual([
      {
        unit: { code: 'van_phong', name: 'Văn phòng HĐND và UBND phường' },
        rag: 'red',
        items: [
          {
            assignmentId: id.never,
            taskId: 'CĐ.01',
            title: 'Ban hành Kế hoạch CCHC năm 2027 của phường',
            occurrence: '',
            dueAt: vn('2027-02-27 00:00'),
            daysOverdue: 9,
            level: 2,
          },
        ],
      },
    ]);
    expect(firstChair.rollUp).toEqual({ red: 1, amber: 0, green: 0, openEscalations: 1 });
    // The extension took the Q1 report out of the vice-chair's digest before the Monday after.
    const viceMarch15 = vice.find((d) => localTime(d.dueAt.toISOString()) === '2027-03-15 07:30')!;
    expect(viceMarch15.content.units.flatMap((u) => u.items.map((i) => i.assignmentId))).toEqual([id.never]);
    // Q4 done late on 14/12 leaves the digest: the Monday after lists only what is still open.
    const viceLast = vice.at(-1)!.content;
    expect(viceLast.units.flatMap((u) => u.items.map((i) => i.assignmentId)).sort()).toEqual(
      [id.never, id.q2, id.added].sort(),
    );

    // ---- the plan's own count ----
    const final = await ts.env.client.workflow.getHandle(planWorkflowId(P)).query(planProgressQuery);
    expect(final.version).toBe(2);
    expect(final.amendments).toEqual([
      expect.objectContaining({
        fromVersion: 1,
        toVersion: 2,
        added: 1,
        removed: 1,
        changed: 1,
        applied: true,
      }),
    ]);
    expect(final.counts).toEqual({ open: 1, overdue: 3, done_on_time: 5, done_late: 1, cancelled: 1 });

    // ---- the report of the last closed period, as its schedule would start it after the cut-off ----
    const report = await ts.env.client.workflow.execute('reportWorkflow', {
      args: [{ planCode: P, reportId: 'bc_quy' }],
      taskQueue,
      workflowId: `report/${P}/bc_quy/run`,
    });
    expect(report).toEqual({ key: `report/${P}/bc_quy/2027-Q4` });
    const { rows: runs } = await tdb.db.query<{ content: ReportContent }>(
      `SELECT content FROM report_runs WHERE key = $1`,
      [report.key],
    );
    expect(runs[0]!.content.window).toEqual({ from: '2027-09-15', to: '2027-12-14' });
    // As of the cut-off (24:00 on 14/12), cancelled TT.04 aside: 9 assignments with a deadline (ongoing TT.03
    // counted apart); done on time Q1, Q3, TT.01, TT.02, TT.05; Q4 done late; CĐ.01, Q2 and TT.06 overdue:
    // done / (done + overdue) = 6/9 = 66.7 %.
    expect(runs[0]!.content.totals).toEqual({
      doneOnTime: 5,
      doneLate: 1,
      openInTime: 0,
      openOverdue: 3,
      notYetDue: 0,
      total: 9,
      completionRate: 66.7,
      previousCompletionRate: 66.7,
      change: 0,
      ongoing: 1,
    });
    const content = runs[0]!.content;
    expect(
      content.byUnit.map((u) => [u.unit.code, u.doneOnTime, u.doneLate, u.openOverdue, u.ytdOnTimeRate]),
    ).toEqual([
      ['mot_cua', 3, 0, 1, 75],
      ['van_phong', 2, 1, 2, 40],
    ]);
    expect(content.byUnit.every((u) => u.belowThreshold)).toBe(true);
    expect(content.overdue.map((o) => [o.task.id, o.occurrence, o.dueDate, o.daysOverdue])).toEqual([
      ['CĐ.01', '', '2027-02-26', 291],
      ['CĐ.02', '2027-Q2', '2027-06-10', 187],
      ['TT.06', '', '2027-11-30', 14],
    ]);
    expect(content.criteria.reduce((n, c) => n + c.evidence.length, 0)).toBe(6);
    expect(content.criteria.flatMap((c) => c.evidence).find((e) => e.task.id === 'TT.01')).toMatchObject({
      documentNumber: '12/BC-UBND',
      documentDate: '2027-01-29',
      late: false,
    });

    // Reproducible from the event log: the Q3 report computed now, after the year, as of its own cut-off
    // (14/09): done on time Q1, Q3, TT.01, TT.02; CĐ.01 and Q2 overdue; TT.05 (moved) and TT.06 within
    // deadline; Q4 not begun. 4/6 = 66.7 %.
    const serverNow = new Date(await ts.env.currentTimeMs());
    const q3 = await compileReportContent(tdb.db, {
      planCode: P,
      reportId: 'bc_quy',
      period: '2027-Q3',
      now: () => serverNow,
    });
    expect(q3.totals).toMatchObject({
      doneOnTime: 4,
      doneLate: 0,
      openOverdue: 2,
      openInTime: 2,
      notYetDue: 1,
      total: 8,
      completionRate: 66.7,
    });
    expect(q3.asOf).toBe(content.previous!.asOf);

    // The dashboard's months come from the same log: December (as of the Q4 cut-off) shows the report's
    // completion rate and overdue count per unit; the months before show how the year went.
    const { plans, reports, units } = createRepositories();
    const dashboard = await new DashboardService(tdb.db, plans, reports, units).figures(
      {
        userId: '0',
        sessionId: '0',
        login: 'noivu',
        displayName: 'Nội vụ',
        issuerCode: 'ubnd_phuong',
        personCode: null,
        lang: 'vi',
        roles: [],
        issuerWide: true,
        visibleUnitIds: new Set(),
        memberUnitIds: new Set(),
        headUnitIds: new Set(),
        officerUnitIds: new Set(),
      },
      P,
      new Date(runs[0]!.content.asOf),
    );
    expect(dashboard.trend.map((t) => t.month)).toEqual(
      Array.from({ length: 12 }, (_, i) => `2027-${String(i + 1).padStart(2, '0')}`),
    );
    expect(dashboard.trend.at(-1)).toMatchObject({ completionRate: 66.7, done: 6, openOverdue: 3 });
    expect(dashboard.trend[0]).toMatchObject({ done: 0, openOverdue: 0 });
    expect(dashboard.heatmap.filter((h) => h.month === '2027-12').map((h) => [h.unit, h.overdue])).toEqual([
      ['mot_cua', 1],
      ['van_phong', 2],
    ]);
    // CĐ.01 (van_phong, due 26/02) is overdue from March on.
    expect(dashboard.heatmap.find((h) => h.unit === 'van_phong' && h.month === '2027-03')!.overdue).toBe(1);

    await maybeRecordHistory(handle(id.extended), 'assignment-extension-year');
    await maybeRecordHistory(handle(id.never), 'assignment-never-done-year');
    await maybeRecordHistory(handle(id.moved), 'assignment-amended-year');
    await maybeRecordHistory(ts.env.client.workflow.getHandle(planWorkflowId(P)), 'plan-amended-year');
    await maybeRecordHistory(
      ts.env.client.workflow.getHandle(digestWorkflowId(P, { kind: 'person', id: 'chu_tich' })),
      'digest-chairperson-year',
    );
  });
});
