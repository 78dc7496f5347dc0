// The Temporal server and PostgreSQL restarted in the middle of a run of 1,000 assignments. Temporal is the dev
// server on a SQLite file (its state survives), killed with SIGKILL (RELIABILITY_TEMPORAL_STOP=SIGTERM lets it shut
// down on its own); PostgreSQL gets an immediate shutdown (SIGQUIT: no checkpoint, crash recovery on the next
// start). The worker processes are left running: they must ride out both outages on their own, as they would
// under docker compose's restart of a dependency.
import { afterAll, describe, expect, inject, it } from 'vitest';
import { expectedEventCount, progress } from './support/plan.js';
import { ASSIGNMENTS, expectFaultFree, settle, startRun, type Run } from './support/run.js';
import { log, sleep } from './support/stack.js';
import { assignmentWorkflowId } from '../../workflows/contracts.js';

/** How long each server stays down. */
const DOWN_MS = Number(process.env.RELIABILITY_DOWN_MS ?? 5_000);
/** How Temporal is stopped: SIGKILL (no shutdown at all) or SIGTERM (its own shutdown). */
const TEMPORAL_STOP = process.env.RELIABILITY_TEMPORAL_STOP ?? 'SIGKILL';
/** Which servers to restart (both by default): `temporal`, `postgresql` or `temporal,postgresql`. */
const RESTART = (process.env.RELIABILITY_RESTART ?? 'temporal,postgresql').split(',');

describe('Temporal and PostgreSQL restarted mid-run (workers keep running)', () => {
  let run: Run | undefined;
  afterAll(async () => {
    await run?.close();
  });

  it(`loses nothing and repeats nothing over ${ASSIGNMENTS} assignments`, async () => {
    run = await startRun({
      name: 'server-restarts',
      bundle: inject('workflowBundlePath'),
      restartable: true,
    });
    const r = run;
    const span = r.plan.lastStepAt - r.plan.firstStepAt;
    const outages: { what: string; at: number; downMs: number; events: number; sent: number }[] = [];

    // Temporal a quarter into the steps.
    if (RESTART.includes('temporal')) {
      await sleep(r.plan.firstStepAt + span / 4 - Date.now());
      const p = await progress(r.pg.db);
      const t = Date.now();
      await (TEMPORAL_STOP === 'SIGKILL' ? r.temporal.kill() : r.temporal.stop(30_000));
      await sleep(DOWN_MS);
      await r.temporal.restart();
      outages.push({ what: 'temporal', at: t - r.plan.firstStepAt, downMs: Date.now() - t, ...pick(p) });
      log(`server-restarts: Temporal back after ${Date.now() - t} ms`);
    }

    // PostgreSQL two thirds into the steps.
    if (RESTART.includes('postgresql')) {
      await sleep(r.plan.firstStepAt + (2 * span) / 3 - Date.now());
      const p = await progress(r.pg.db);
      const t = Date.now();
      await r.pg.crash();
      await sleep(DOWN_MS);
      await r.pg.start();
      outages.push({ what: 'postgresql', at: t - r.plan.firstStepAt, downMs: Date.now() - t, ...pick(p) });
      log(`server-restarts: PostgreSQL back after ${Date.now() - t} ms`);
    }
    const lastRestart = Date.now();

    const outcome = await settle(r, 'server-restarts', 600_000);
    const workersAlive = r.workers.filter((w) => w.alive()).length;
    log(
      `server-restarts: FIGURES ${JSON.stringify({
        assignments: ASSIGNMENTS,
        outages,
        workersAliveAfter: workersAlive,
        events: outcome.progress.events,
        outboxRows: outcome.progress.outbox,
        mailsReceived: outcome.mailsReceived,
        mailsClaimedMoreThanOnce: outcome.comparison.retriedDeliveries,
        mailsReceivedTwiceSameMessageId: outcome.mailsExtraCopies,
        publishMs: r.publishMs,
        maxStepLatenessMs: outcome.maxLateMs,
        settledAfterLastRestartMs: Date.now() - lastRestart,
        totalMs: outcome.completedMs,
      })}`,
    );
    for (const w of r.workers.filter((x) => !x.alive()))
      log(`server-restarts: ${w.name} exited:\n${w.output().slice(-3000)}`);
    if (outcome.comparison.historyMismatches.length) await diagnose(r, outcome.comparison.historyMismatches);
    // The outages fell in the middle: steps were still to come after each.
    for (const o of outages) expect(o.events, o.what).toBeLessThan(expectedEventCount(r.plan));
    expect(workersAlive, 'worker processes that survived both outages').toBe(2);
    expectFaultFree(r, outcome);
    // Nothing was sent twice: the dispatchers were never killed, and a sent mail that could not be recorded
    // while PostgreSQL was away is recorded once it is back.
    expect(outcome.mailsExtraCopies, 'mails received twice').toBe(0);
  }, 1_200_000);
});

/** What the first few assignments that went wrong are doing, from Temporal's side, and what the workers said. */
async function diagnose(r: Run, mismatches: string[]): Promise<void> {
  for (const line of mismatches.slice(0, 2)) {
    const id = line.slice(0, line.indexOf(':'));
    const handle = r.client.workflow.getHandle(assignmentWorkflowId(id));
    const d = await handle.describe().catch((err: unknown) => String(err));
    const history = await handle.fetchHistory().catch(() => undefined);
    const events = (history?.events ?? []).map((e) => `${String(e.eventId)} ${String(e.eventType)}`);
    log(
      `server-restarts: ${id}: ${typeof d === 'string' ? d : `${d.status.name}, pending activities ${JSON.stringify(d.raw.pendingActivities)}, pending task ${JSON.stringify(d.raw.pendingWorkflowTask)}`}\n  history: ${events.join(', ')}`,
    );
  }
  for (const w of r.workers) log(`server-restarts: ${w.name} said:\n${w.output().slice(-2000)}`);
}

function pick(p: { events: number; sent: number }) {
  return { events: p.events, sent: p.sent };
}
