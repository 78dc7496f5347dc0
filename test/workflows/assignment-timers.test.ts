import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { createActivities } from '../../apps/worker/worker.js';
import { EventRepository } from '../../apps/shared/repositories/event.repository.js';
import { assignmentStateQuery, assignmentWorkflowId } from '../../workflows/contracts.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { anAssignment, seedUnits } from '../support/fixtures.js';
import { maybeRecordHistory } from '../support/histories.js';
import { startTimeSkipping, type TimeSkipping } from '../support/time-skipping.js';

const DAY = 24 * 3600 * 1000;

describe('assignment workflow on the time-skipping server', () => {
  let ts: TimeSkipping;
  let tdb: TestDatabase;

  beforeAll(async () => {
    [ts, tdb] = await Promise.all([startTimeSkipping(), createTestDatabase()]);
    await seedUnits(tdb.db);
  });

  afterAll(async () => {
    await ts?.stop();
    await tdb?.drop();
  });

  it('sleeps 30 days to the deadline, reminds on time, and records every step in PostgreSQL', async () => {
    const start = await ts.env.currentTimeMs();
    const dueAt = new Date(start + 30 * DAY).toISOString();
    const input = anAssignment({
      dueAt,
      reminders: [
        { at: new Date(start + 27 * DAY).toISOString(), kind: 'before_deadline' },
        { at: new Date(start + 29 * DAY).toISOString(), kind: 'before_deadline' },
      ],
    });
    const worker = await Worker.create({
      connection: ts.env.nativeConnection,
      taskQueue: 'timers',
      workflowBundle: { codePath: inject('workflowBundlePath') },
      activities: createActivities(tdb.db),
    });

    const wallStart = performance.now();
    const result = await worker.runUntil(async () => {
      const handle = await ts.env.client.workflow.start('assignmentWorkflow', {
        args: [input],
        taskQueue: 'timers',
        workflowId: assignmentWorkflowId(input),
      });
      const state = await handle.result();
      await maybeRecordHistory(handle, 'assignment-reminders-30-days');
      return state;
    });
    const wallSeconds = (performance.now() - wallStart) / 1000;
    console.log(`30 workflow days took ${wallSeconds.toFixed(2)} s of wall time`);

    expect(result).toEqual({ status: 'assigned', remindersDue: 2, deadlinePassed: true });
    const now = await ts.env.currentTimeMs();
    expect(now - start).toBeGreaterThanOrEqual(30 * DAY);

    const events = await new EventRepository().listByAssignment(tdb.db, input.assignmentId);
    expect(events.map((e) => e.type)).toEqual([
      'assigned',
      'reminder_due',
      'reminder_due',
      'deadline_passed',
    ]);
    // Each step happened at its planned instant of workflow time, not earlier.
    expect(events[1]!.occurredAt.getTime()).toBeGreaterThanOrEqual(start + 27 * DAY);
    expect(events[2]!.occurredAt.getTime()).toBeGreaterThanOrEqual(start + 29 * DAY);
    expect(events[3]!.occurredAt.getTime()).toBeGreaterThanOrEqual(Date.parse(dueAt));
    expect(events[3]!.occurredAt.getTime()).toBeLessThan(Date.parse(dueAt) + DAY);
  });

  it('answers the state query while it waits', async () => {
    const start = await ts.env.currentTimeMs();
    const input = anAssignment({
      assignmentId: 'query-probe',
      dueAt: new Date(start + 90 * DAY).toISOString(),
    });
    const worker = await Worker.create({
      connection: ts.env.nativeConnection,
      taskQueue: 'query',
      workflowBundle: { codePath: inject('workflowBundlePath') },
      activities: createActivities(tdb.db),
    });
    await worker.runUntil(async () => {
      const handle = await ts.env.client.workflow.start('assignmentWorkflow', {
        args: [input],
        taskQueue: 'query',
        workflowId: assignmentWorkflowId(input),
      });
      await ts.env.sleep(10 * DAY);
      expect(await handle.query(assignmentStateQuery)).toEqual({
        status: 'assigned',
        remindersDue: 0,
        deadlinePassed: false,
      });
      await handle.terminate('test done');
    });
  });
});
