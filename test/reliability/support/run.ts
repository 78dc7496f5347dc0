// One reliability run: the stack up, a compressed plan published and started, then whatever the test does to
// the stack while the plan's instants pass, then the wait until everything the IR calls for is written and
// mailed, and the comparison.
import { ServiceError, WorkflowNotFoundError, type Client } from '@temporalio/client';
import { expect } from 'vitest';
import { messageIdFor } from '../../../apps/mailer/dispatcher.js';
import { planProgress } from '../../../apps/publishing/plan-publisher.js';
import { publishForTest } from '../../support/engine.js';
import {
  compare,
  compressedPlan,
  expectedEventCount,
  progress,
  type Comparison,
  type CompressedPlan,
  type Progress,
} from './plan.js';
import {
  appEnv,
  log,
  scratchDir,
  sleep,
  startApp,
  startMailbox,
  startPostgres,
  startTemporal,
  temporalClient,
  type Mailbox,
  type Postgres,
} from './stack.js';
import type { SupervisedProcess } from '../../../apps/dev-stack/process.js';

export const ASSIGNMENTS = Number(process.env.RELIABILITY_ASSIGNMENTS ?? 1_000);
/** From publishing to the first timed step: the plan workflow must have started every assignment before. */
export const LEAD_MS = Number(process.env.RELIABILITY_LEAD_MS ?? 75_000);
/** The mail lease of the workers' dispatchers: rows a killed dispatcher claimed go to another after it. */
export const MAIL_LEASE_SECONDS = 20;

/** A Temporal server a test can kill and start again where it was: the dev server, or the topology's. */
export interface RestartableTemporal {
  address: string;
  /** SIGTERM: its own shutdown (SIGKILL after the grace period). */
  stop(graceMs?: number): Promise<unknown>;
  /** SIGKILL: no shutdown at all. */
  kill(): Promise<void>;
  /** Starts it again on the same address and state. */
  restart(): Promise<void>;
}

/**
 * What differs between the stacks a run can start: the Temporal server, what the workers' environment adds, and a
 * step once the first workers poll. PostgreSQL, SMTP, the workers, the plan and the checks are the same.
 */
export interface StackParts {
  temporal: RestartableTemporal;
  /** Added to every worker's environment. */
  workerEnv?: Record<string, string>;
  /** Once the first two workers poll, before the plan is published. */
  workersUp?(o: { env: Record<string, string>; client: Client }): Promise<void>;
  close(): Promise<void>;
}

export type StackFactory = (o: { dir: string; pg: Postgres; bundle: string }) => Promise<StackParts>;

/** The reliability tier's stack: the CLI's dev server, on a SQLite file when it is to be restarted. */
export const devServerStack =
  (o: { restartable?: boolean } = {}): StackFactory =>
  async ({ dir }) => {
    const temporal = await startTemporal(o.restartable ? { dbFile: `${dir}/temporal/dev.db` } : {});
    return { temporal, close: () => temporal.kill() };
  };

export interface Run {
  pg: Postgres;
  temporal: RestartableTemporal;
  mailbox: Mailbox;
  client: Client;
  plan: CompressedPlan;
  workers: SupervisedProcess[];
  env: Record<string, string>;
  startedAt: number;
  /** How long publishing took until every assignment workflow ran. */
  publishMs: number;
  /** Starts one more worker; `env` is added to the run's (another workflow bundle, for an upgrade). */
  startWorker(o?: { env?: Record<string, string>; label?: string }): Promise<SupervisedProcess>;
  close(): Promise<void>;
}

export async function startRun(o: {
  name: string;
  bundle: string;
  /** PostgreSQL durable (and the dev server on a SQLite file): for runs that restart them. */
  restartable?: boolean;
  /** The dev server unless told (the topology's real server: test/topology/support/stack.ts). */
  stack?: StackFactory;
  /** From publishing to the first timed step (default LEAD_MS). */
  leadMs?: number;
}): Promise<Run> {
  const startedAt = Date.now();
  const dir = scratchDir(o.name);
  // Whatever has started is stopped again if a later step fails, so that a failed run leaves no servers behind.
  const cleanups: (() => Promise<unknown>)[] = [async () => dir.remove()];
  const close = async () => {
    for (const c of cleanups.splice(0).reverse()) await c().catch(() => {});
  };
  const workers: SupervisedProcess[] = [];
  try {
    const pg = await startPostgres(dir.path, { durable: o.restartable ?? false });
    cleanups.push(() => pg.stop());
    const stack = await (o.stack ?? devServerStack({ restartable: o.restartable ?? false }))({
      dir: dir.path,
      pg,
      bundle: o.bundle,
    });
    cleanups.push(() => stack.close());
    const temporal = stack.temporal;
    const mailbox = await startMailbox(dir.path);
    cleanups.push(() => mailbox.close());
    const { client, close: closeClient } = await temporalClient(temporal.address);
    cleanups.push(closeClient);
    cleanups.push(() => Promise.all(workers.map((w) => w.kill())));
    const env = appEnv({
      databaseUrl: pg.url,
      temporalAddress: temporal.address,
      smtpUrl: mailbox.url,
      bundle: o.bundle,
      extra: { MAIL_LEASE_SECONDS: String(MAIL_LEASE_SECONDS), ...stack.workerEnv },
    });
    let n = 0;
    const startWorker = async (w: { env?: Record<string, string>; label?: string } = {}) => {
      const name = `worker#${++n}${w.label ? ` (${w.label})` : ''}`;
      const p = await startApp('worker', name, { ...env, ...w.env });
      workers.push(p);
      return p;
    };
    await Promise.all([startWorker(), startWorker()]);
    await stack.workersUp?.({ env, client });
    log(`${o.name}: PostgreSQL, Temporal, SMTP and 2 workers up in ${Date.now() - startedAt} ms`);

    const t0 = Date.now() + (o.leadMs ?? LEAD_MS);
    const plan = compressedPlan({ count: ASSIGNMENTS, issuer: 'ubnd_tinh', t0 });
    const published = Date.now();
    await publishForTest(pg.db, client, 'dondoc', { source: plan.source, ir: plan.ir });
    for (;;) {
      const p = await planProgress(client, plan.ir.plan.code).catch((err: unknown) => {
        // Not started yet; or the query not answered in time while the workers are busy with the fan-out (on
        // the topology's server, under load): ask again.
        if (err instanceof WorkflowNotFoundError || queryTimedOut(err)) return undefined;
        throw err;
      });
      if (
        p?.phase === 'running' &&
        p.total === plan.ir.assignments.length &&
        p.started + p.alreadyRunning === p.total
      )
        break;
      await sleep(250);
    }
    const publishMs = Date.now() - published;
    log(
      `${o.name}: ${plan.ir.assignments.length} assignments running ${publishMs} ms after publishing; ` +
        `first step in ${plan.firstStepAt - Date.now()} ms, last in ${plan.lastStepAt - Date.now()} ms`,
    );
    expect(
      Date.now(),
      'assignments started after their first step: raise RELIABILITY_LEAD_MS (TOPOLOGY_LEAD_MS)',
    ).toBeLessThan(plan.firstStepAt);
    return { pg, temporal, mailbox, client, plan, workers, env, startedAt, publishMs, startWorker, close };
  } catch (err) {
    await close();
    throw err;
  }
}

/** A query the server gave up on (DEADLINE_EXCEEDED: no worker answered in time). */
function queryTimedOut(err: unknown): boolean {
  const cause = err instanceof ServiceError ? err.cause : undefined;
  return (cause as { code?: number } | undefined)?.code === 4;
}

export interface Outcome {
  comparison: Comparison;
  progress: Progress;
  /** Expected Message-IDs not received, and received ones not expected. */
  mailsMissing: number;
  mailsUnexpected: number;
  /** Messages received more than once (same Message-ID). */
  mailsDuplicated: string[];
  /**
   * Duplicates not explained by a cut-off attempt: a copy more than the attempts that left no deliveries row
   * (a dispatcher killed between the relay's acceptance and its record). Must be none.
   */
  mailsDuplicatedUnexplained: string[];
  /** Copies received beyond the first, in all. */
  mailsExtraCopies: number;
  mailsReceived: number;
  /** The latest an event was written after its instant (ms). */
  maxLateMs: number;
  completedMs: number;
}

/** Waits until every expected event is written and every expected mail received (and nothing more comes). */
export async function settle(run: Run, label: string, timeoutMs: number): Promise<Outcome> {
  const events = expectedEventCount(run.plan);
  const deadline = Date.now() + timeoutMs;
  let last = '';
  let loggedAt = 0;
  for (;;) {
    const p = await progress(run.pg.db).catch(() => undefined);
    if (p) {
      const line = `events ${p.events}/${events}, outbox sent ${p.sent}/${run.plan.expectedMails}, SMTP ${run.mailbox.copies.size}`;
      if (line !== last && Date.now() - loggedAt > 5_000) {
        log(`${label}: ${line}`);
        loggedAt = Date.now();
      }
      last = line;
      if (
        p.events >= events &&
        p.sent >= run.plan.expectedMails &&
        run.mailbox.copies.size >= run.plan.expectedMails
      ) {
        await sleep(3_000); // nothing more may come: a duplicate, a late extra row
        break;
      }
    }
    if (Date.now() > deadline) {
      log(`${label}: timed out (${last})`);
      break;
    }
    await sleep(500);
  }
  const completedMs = Date.now() - run.startedAt;
  const comparison = await compare(run.pg.db, run.plan);
  const { rows: keys } = await run.pg.db.query<{ key: string; cutOff: number }>(
    `SELECT o.key, o.attempts - count(d.id)::int AS "cutOff"
       FROM outbox o LEFT JOIN deliveries d ON d.outbox_key = o.key GROUP BY o.key`,
  );
  const expectedIds = new Set(keys.map((k) => messageIdFor(k.key)));
  const cutOff = new Map(keys.map((k) => [messageIdFor(k.key), k.cutOff]));
  const copies = run.mailbox.copies;
  const duplicated = [...copies].filter(([, n]) => n > 1);
  const { rows: late } = await run.pg.db.query<{ ms: number }>(
    `SELECT coalesce(max(extract(epoch FROM recorded_at - occurred_at) * 1000), 0)::int AS ms
       FROM events WHERE assignment_id IS NOT NULL AND id NOT LIKE '%/assigned'`,
  );
  return {
    comparison,
    progress: await progress(run.pg.db),
    mailsMissing: [...expectedIds].filter((id) => !copies.has(id)).length,
    mailsUnexpected: [...copies.keys()].filter((id) => !expectedIds.has(id)).length,
    mailsDuplicated: duplicated.map(([id]) => id),
    mailsExtraCopies: duplicated.reduce((n, [, c]) => n + c - 1, 0),
    mailsDuplicatedUnexplained: duplicated
      .filter(([id, n]) => n > 1 + (cutOff.get(id) ?? 0))
      .map(([id, n]) => `${id} ×${n}`),
    mailsReceived: run.mailbox.received(),
    maxLateMs: late[0]!.ms,
    completedMs,
  };
}

/** The checks every run must pass: the same history, projection, outbox and mail as the IR calls for. */
export function expectFaultFree(run: Run, o: Outcome): void {
  const c = o.comparison;
  const first = (xs: string[]) => xs.slice(0, 5).join('\n');
  expect(c.historyMismatches.length, `histories differ:\n${first(c.historyMismatches)}`).toBe(0);
  expect(c.projectionMismatches.length, `projections differ:\n${first(c.projectionMismatches)}`).toBe(0);
  expect(c.outboxMismatches.length, `outbox rows differ:\n${first(c.outboxMismatches)}`).toBe(0);
  expect(c.unexpectedEvents, 'events under unexpected ids').toBe(0);
  expect(o.progress.events).toBe(expectedEventCount(run.plan));
  expect(o.progress.outbox).toBe(run.plan.expectedMails);
  expect(c.unsentByStatus, 'outbox rows not sent').toEqual({});
  expect(o.mailsMissing, 'expected mails the SMTP server never received').toBe(0);
  expect(o.mailsUnexpected, 'mails the SMTP server received that no outbox row calls for').toBe(0);
  // Every expected message exactly once by Message-ID. A second copy (same Message-ID, which mail clients and
  // archives fold) is accepted only for a row whose earlier attempt was cut off after the relay may have
  // accepted it: SMTP gives no way to ask. Anything else sent twice fails here.
  expect(copiesByMessageId(run), 'distinct Message-IDs received').toBe(run.plan.expectedMails);
  expect(o.mailsDuplicatedUnexplained, 'mails received twice with no attempt cut off').toEqual([]);
  expect(o.mailsReceived).toBe(run.plan.expectedMails + o.mailsExtraCopies);
}

function copiesByMessageId(run: Run): number {
  return run.mailbox.copies.size;
}
