// Worker processes killed with SIGKILL at random moments while 1,000 assignments pass their reminders,
// deadlines and escalations, a second apart; each killed worker (and the mail dispatcher inside it) is
// replaced by a new process. Afterwards every assignment's history and projection must be what the IR calls
// for, and the SMTP server must have received every expected message exactly once.
import { afterAll, describe, inject, it } from 'vitest';
import { expectKillsMidRun, killWorkers } from './support/faults.js';
import { ASSIGNMENTS, expectFaultFree, startRun, type Run } from './support/run.js';

const MIN_KILLS = Number(process.env.RELIABILITY_KILLS ?? 10);
const SEED = Number(process.env.RELIABILITY_SEED ?? Date.now() % 100_000);

describe('worker processes killed at random moments (kill -9, Temporal dev server, PostgreSQL, SMTP)', () => {
  let run: Run | undefined;
  afterAll(async () => {
    await run?.close();
  });

  it(`loses nothing and repeats nothing over ${ASSIGNMENTS} assignments and ${MIN_KILLS}+ kills`, async () => {
    run = await startRun({ name: 'worker-kills', bundle: inject('workflowBundlePath') });
    // Kill from the first step until the last one has passed and mail is still going out, at least MIN_KILLS
    // times: one of the two workers at random, 0.5–3.5 s apart, each replaced at once by a new process.
    const { kills, outcome } = await killWorkers(run, {
      label: 'worker-kills',
      minKills: MIN_KILLS,
      seed: SEED,
    });
    expectKillsMidRun(run, kills);
    expectFaultFree(run, outcome);
  }, 1_200_000);
});
