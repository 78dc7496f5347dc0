// The Temporal server and PostgreSQL restarted in the middle of a run of 1,000 assignments. Temporal is the dev
// server on a SQLite file (its state survives), killed with SIGKILL (RELIABILITY_TEMPORAL_STOP=SIGTERM lets it shut
// down on its own); PostgreSQL gets an immediate shutdown (SIGQUIT: no checkpoint, crash recovery on the next
// start). The worker processes are left running: they must ride out both outages on their own, as they would
// under docker compose's restart of a dependency.
import { afterAll, describe, expect, inject, it } from 'vitest';
import { diagnose, expectOutagesMidRun, restartServers } from './support/faults.js';
import { ASSIGNMENTS, expectFaultFree, startRun, type Run } from './support/run.js';

/** How long each server stays down. */
const DOWN_MS = Number(process.env.RELIABILITY_DOWN_MS ?? 5_000);
/** How Temporal is stopped: SIGKILL (no shutdown at all) or SIGTERM (its own shutdown). */
const TEMPORAL_STOP = process.env.RELIABILITY_TEMPORAL_STOP === 'SIGTERM' ? 'SIGTERM' : 'SIGKILL';
/** Which servers to restart (both by default): `temporal`, `postgresql` or `temporal,postgresql`. */
const RESTART = (process.env.RELIABILITY_RESTART ?? 'temporal,postgresql')
  .split(',')
  .filter((x): x is 'temporal' | 'postgresql' => x === 'temporal' || x === 'postgresql');

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
    const { outages, outcome } = await restartServers(r, {
      label: 'server-restarts',
      restart: RESTART,
      downMs: DOWN_MS,
      temporalStop: TEMPORAL_STOP,
    });
    if (outcome.comparison.historyMismatches.length)
      await diagnose(r, 'server-restarts', outcome.comparison.historyMismatches);
    expectOutagesMidRun(r, outages);
    expect(r.workers.filter((w) => w.alive()).length, 'worker processes that survived both outages').toBe(2);
    expectFaultFree(r, outcome);
    // Nothing was sent twice: the dispatchers were never killed, and a sent mail that could not be recorded
    // while PostgreSQL was away is recorded once it is back.
    expect(outcome.mailsExtraCopies, 'mails received twice').toBe(0);
  }, 1_200_000);
});
