// The faults a run goes through while the plan's instants pass, the same on every stack (the dev server here,
// the production topology in test/topology/): each drives the run's processes, waits until everything is
// written and mailed, prints a FIGURES line and returns what the test asserts on.
import { expect } from 'vitest';
import { expectedEventCount, progress } from './plan.js';
import { settle, type Outcome, type Run } from './run.js';
import { log, seededRandom, sleep } from './stack.js';
import { assignmentWorkflowId } from '../../../workflows/contracts.js';

export interface Kill {
  /** Milliseconds after the first step. */
  at: number;
  events: number;
  sent: number;
  worker: string;
}

/**
 * From the first step until 5 s after the last one, and at least `minKills` times: every 0.5–3.5 s one of the
 * two workers, at random (seeded), gets SIGKILL and a new process is started at once, while the other carries on.
 */
export async function killWorkers(
  r: Run,
  o: { label: string; minKills: number; seed: number; settleMs?: number },
): Promise<{ kills: Kill[]; outcome: Outcome; figures: Record<string, unknown> }> {
  const random = seededRandom(o.seed);
  log(`${o.label}: seed ${o.seed} (RELIABILITY_SEED=${o.seed} repeats the kill moments)`);
  await sleep(r.plan.firstStepAt - Date.now());
  const kills: Kill[] = [];
  const killUntil = r.plan.lastStepAt + 5_000;
  while (kills.length < o.minKills || Date.now() < killUntil) {
    await sleep(500 + random() * 3_000);
    const alive = r.workers.filter((w) => w.alive());
    const victim = alive[Math.floor(random() * alive.length)]!;
    await victim.kill('SIGKILL');
    const p = await progress(r.pg.db);
    kills.push({ at: Date.now() - r.plan.firstStepAt, events: p.events, sent: p.sent, worker: victim.name });
    await r.startWorker();
  }
  const lastKill = Date.now();
  log(
    `${o.label}: ${kills.length} kills at ` +
      kills.map((k) => `${(k.at / 1000).toFixed(1)} s (${k.events} events, ${k.sent} mails)`).join(', '),
  );
  const outcome = await settle(r, o.label, o.settleMs ?? 600_000);
  const figures = {
    seed: o.seed,
    assignments: r.plan.ir.assignments.length,
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
  };
  log(`${o.label}: FIGURES ${JSON.stringify(figures)}`);
  return { kills, outcome, figures };
}

/** The kills fell in the middle of the work: steps and mails were still to come after the first and the last. */
export function expectKillsMidRun(r: Run, kills: Kill[]): void {
  expect(kills[0]!.events).toBeLessThan(expectedEventCount(r.plan));
  expect(kills.at(-1)!.sent).toBeLessThan(r.plan.expectedMails);
}

export interface Outage {
  what: 'temporal' | 'postgresql';
  /** Milliseconds after the first step. */
  at: number;
  /** From the stop until the server answers again. */
  downMs: number;
  events: number;
  sent: number;
}

/**
 * The Temporal server (a quarter into the steps: SIGKILL, or SIGTERM with `temporalStop`) and PostgreSQL (two
 * thirds in: an immediate shutdown, SIGQUIT to the postmaster, so crash recovery on the next start), each down
 * `downMs` and started again where it was. The workers are left running: they must ride out both by themselves.
 */
export async function restartServers(
  r: Run,
  o: {
    label: string;
    restart: ('temporal' | 'postgresql')[];
    downMs: number;
    temporalStop?: 'SIGKILL' | 'SIGTERM';
    settleMs?: number;
  },
): Promise<{ outages: Outage[]; outcome: Outcome; figures: Record<string, unknown> }> {
  const span = r.plan.lastStepAt - r.plan.firstStepAt;
  const outages: Outage[] = [];
  const pick = (p: { events: number; sent: number }) => ({ events: p.events, sent: p.sent });
  if (o.restart.includes('temporal')) {
    await sleep(r.plan.firstStepAt + span / 4 - Date.now());
    const p = await progress(r.pg.db);
    const t = Date.now();
    await ((o.temporalStop ?? 'SIGKILL') === 'SIGKILL' ? r.temporal.kill() : r.temporal.stop(30_000));
    await sleep(o.downMs);
    await r.temporal.restart();
    outages.push({ what: 'temporal', at: t - r.plan.firstStepAt, downMs: Date.now() - t, ...pick(p) });
    log(`${o.label}: Temporal back after ${Date.now() - t} ms`);
  }
  if (o.restart.includes('postgresql')) {
    await sleep(r.plan.firstStepAt + (2 * span) / 3 - Date.now());
    const p = await progress(r.pg.db);
    const t = Date.now();
    await r.pg.crash();
    await sleep(o.downMs);
    await r.pg.start();
    outages.push({ what: 'postgresql', at: t - r.plan.firstStepAt, downMs: Date.now() - t, ...pick(p) });
    log(`${o.label}: PostgreSQL back after ${Date.now() - t} ms`);
  }
  const lastRestart = Date.now();
  const outcome = await settle(r, o.label, o.settleMs ?? 600_000);
  const figures = {
    assignments: r.plan.ir.assignments.length,
    outages,
    workersAliveAfter: r.workers.filter((w) => w.alive()).length,
    events: outcome.progress.events,
    outboxRows: outcome.progress.outbox,
    mailsReceived: outcome.mailsReceived,
    mailsClaimedMoreThanOnce: outcome.comparison.retriedDeliveries,
    mailsReceivedTwiceSameMessageId: outcome.mailsExtraCopies,
    publishMs: r.publishMs,
    maxStepLatenessMs: outcome.maxLateMs,
    settledAfterLastRestartMs: Date.now() - lastRestart,
    totalMs: outcome.completedMs,
  };
  log(`${o.label}: FIGURES ${JSON.stringify(figures)}`);
  for (const w of r.workers.filter((x) => !x.alive()))
    log(`${o.label}: ${w.name} exited:\n${w.output().slice(-3000)}`);
  return { outages, outcome, figures };
}

/** The outages fell in the middle: steps were still to come after each. */
export function expectOutagesMidRun(r: Run, outages: Outage[]): void {
  for (const o of outages) expect(o.events, o.what).toBeLessThan(expectedEventCount(r.plan));
}

/** What the first few assignments that went wrong are doing, from Temporal's side, and what the workers said. */
export async function diagnose(r: Run, label: string, mismatches: string[]): Promise<void> {
  for (const line of mismatches.slice(0, 2)) {
    const id = line.slice(0, line.indexOf(':'));
    const handle = r.client.workflow.getHandle(assignmentWorkflowId(id));
    const d = await handle.describe().catch((err: unknown) => String(err));
    const history = await handle.fetchHistory().catch(() => undefined);
    const events = (history?.events ?? []).map((e) => `${String(e.eventId)} ${String(e.eventType)}`);
    log(
      `${label}: ${id}: ${typeof d === 'string' ? d : `${d.status.name}, pending activities ${JSON.stringify(d.raw.pendingActivities)}, pending task ${JSON.stringify(d.raw.pendingWorkflowTask)}`}\n  history: ${events.join(', ')}`,
    );
  }
  for (const w of r.workers) log(`${label}: ${w.name} said:\n${w.output().slice(-2000)}`);
}
