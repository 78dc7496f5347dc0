// Worker processes killed with SIGKILL at random moments while 1,000 assignments pass their reminders,
// deadlines and escalations, a second apart; each killed worker (and the mail dispatcher inside it) is
// replaced by a new process. Afterwards every assignment's history and projection must be what the IR calls
// for, and the SMTP server must have received every expected message exactly once.
import { afterAll, describe, expect, inject, it } from 'vitest';
import { expectedEventCount, progress } from './support/plan.js';
import { ASSIGNMENTS, expectFaultFree, settle, startRun, type Run } from './support/run.js';
import { log, seededRandom, sleep } from './support/stack.js';

const MIN_KILLS = Number(process.env.RELIABILITY_KILLS ?? 10);
const SEED = Number(process.env.RELIABILITY_SEED ?? Date.now() % 100_000);

describe('worker processes killed at random moments (kill -9, Temporal dev server, PostgreSQL, SMTP)', () => {
  let run: Run | undefined;
  afterAll(async () => {
    await run?.close();
  });

  it(`loses nothing and repeats nothing over ${ASSIGNMENTS} assignments and ${MIN_KILLS}+ kills`, async () => {
    run = await startRun({ name: 'worker-kills', bundle: inject('workflowBundlePath') });
    const r = run;
    const random = seededRandom(SEED);
    log(`worker-kills: seed ${SEED} (RELIABILITY_SEED=${SEED} repeats the kill moments)`);

    // Kill from the first step until the last one has passed and mail is still going out, at least MIN_KILLS
    // times: one of the two workers at random, 0.5–3.5 s apart, each replaced at once by a new process.
    await sleep(r.plan.firstStepAt - Date.now());
    const kills: { at: number; events: number; sent: number; worker: string }[] = [];
    const killUntil = r.plan.lastStepAt + 5_000;
    while (kills.length < MIN_KILLS || Date.now() < killUntil) {
      await sleep(500 + random() * 3_000);
      const alive = r.workers.filter((w) => w.alive());
      const victim = alive[Math.floor(random() * alive.length)]!;
      await victim.kill('SIGKILL');
      const p = await progress(r.pg.db);
      kills.push({
        at: Date.now() - r.plan.firstStepAt,
        events: p.events,
        sent: p.sent,
        worker: victim.name,
      });
      await r.startWorker();
    }
    const lastKill = Date.now();
    log(
      `worker-kills: ${kills.length} kills at ` +
        kills.map((k) => `${(k.at / 1000).toFixed(1)} s (${k.events} events, ${k.sent} mails)`).join(', '),
    );

    const outcome = await settle(r, 'worker-kills', 600_000);
    log(
      `worker-kills: FIGURES ${JSON.stringify({
        seed: SEED,
        assignments: ASSIGNMENTS,
        kills: kills.length,
        workerProcesses: r.workers.length,
        events: outcome.progress.events,
        outboxRows: outcome.progress.outbox,
        mailsReceived: outcome.mailsReceived,
        mailsClaimedAgainAfterAKill: outcome.comparison.retriedDeliveries,
        mailsReceivedTwiceSameMessageId: outcome.mailsExtraCopies,
        publishMs: r.publishMs,
        maxStepLatenessMs: outcome.maxLateMs,
        settledAfterLastKillMs: Date.now() - lastKill,
        totalMs: outcome.completedMs,
      })}`,
    );
    // The kills fell in the middle of the work: steps and mails were still to come after the first and the last.
    expect(kills[0]!.events).toBeLessThan(expectedEventCount(r.plan));
    expect(kills.at(-1)!.sent).toBeLessThan(r.plan.expectedMails);
    expectFaultFree(r, outcome);
  }, 1_200_000);
});
