import { Client, Connection, WorkflowNotFoundError } from '@temporalio/client';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { localTime } from '../../apps/publishing/plan-preview.js';
import type { Db } from '../../apps/database/pool.js';
import { storePlanVersion } from '../../apps/publishing/plan-publisher.js';
import { jemallocPath, workerProcessEnv } from '../../apps/worker/allocator.js';
import { createRepositories } from '../../apps/database/repositories/index.js';
import { engineActivities } from '../../apps/worker/worker.js';
import { hashIr } from '../../dsl/compile/hash.js';
import type { IrAssignment, PlanIR } from '../../dsl/ir/schema.js';
import { PlanContext } from '../../apps/worker/activities/plan-context.js';
import {
  assignmentWorkflowId,
  digestWorkflowId,
  planWorkflowId,
  recipientKey,
  type AssignmentStep,
} from '../../workflows/contracts.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { compileEntry, publishForTest, type CompiledPlan } from '../support/engine.js';

// A worker killed in the middle of a plan's run (SIGKILL: no graceful shutdown, activities and workflow tasks
// cut off wherever they are) and replaced by a new process must leave the same events and the same outbox as a
// run nobody interrupted: nothing lost, nothing twice. The workers are real child processes
// (dist/apps/worker/main.js) on the Temporal dev server, which runs in real time, so the plan is a
// time-compressed copy of the engine fixture: its 2027 instants are moved, in order, onto the next seconds.

const ENTRY = 'test/fixtures/engine/ke-hoach-phuong.dondoc';
const FIXTURE_CODE = 'cchc-2027-ubnd-phuong';
/** Assignments kept in the copy (ids without the plan code): deadlines with the full ladder, and check-ins. */
const KEEP = [
  'CĐ.01/van_phong',
  'CĐ.02/van_phong/2027-Q1',
  'TT.01/mot_cua',
  'TT.02/mot_cua',
  'TT.03/mot_cua',
];
/** From building the copy to its first instant: the plan workflow has to start every assignment before it. */
const LEAD_MS = 4_000;
/** Between two consecutive distinct instants of the copy. */
const STEP_MS = 400;
/**
 * Digest instants come this long after the last assignment step: close enough that an escalation delayed by the
 * outage (the restart plus Temporal's 10 s sticky-queue timeout) reaches its digest workflow after the digest's
 * instant has passed. The digest, started by that escalation, still owes the instant and sends it; a digest that
 * only counted instants after its own start would go missing here.
 */
const DIGEST_GAP_MS = Number(process.env.DONDOC_TEST_DIGEST_GAP_MS ?? 400);
/** Digest instants kept per recipient: the first ones after the last escalation of the copy. */
const DIGESTS_KEPT = 2;
const NODE = resolve('node_modules/.bin/node');
const WORKER_MAIN = resolve('dist/apps/worker/main.js');

interface ExpectedStep {
  key: string;
  type: string;
  at: string;
  to: string[];
}

/** The steps an untouched assignment takes, as the assignment workflow keys them (its event id suffixes). */
function expectedSteps(a: IrAssignment): ExpectedStep[] {
  const unit = [`unit:${a.unit}`];
  const steps: ExpectedStep[] = [{ key: 'assigned', type: 'assigned', at: a.startsAt, to: unit }];
  if (a.acknowledgeBy)
    steps.push({ key: 'g0/ack', type: 'acknowledge_reminder', at: a.acknowledgeBy, to: unit });
  a.reminders.forEach((r, i) =>
    steps.push({ key: `g0/reminder/${i}`, type: 'reminder', at: r.at, to: unit }),
  );
  if (a.kind === 'deadline') steps.push({ key: 'g0/due', type: 'overdue', at: a.dueAt, to: unit });
  a.checkIns.forEach((at, i) => steps.push({ key: `g0/check-in/${i}`, type: 'check_in', at, to: unit }));
  for (const e of a.escalations)
    steps.push({
      key: `g0/escalation/${e.level}`,
      type: 'escalated',
      at: e.at,
      to: e.recipients.map(recipientKey),
    });
  return steps;
}

const NOTIFICATION_KIND: Record<string, string> = {
  assigned: 'assigned',
  acknowledge_reminder: 'acknowledge_reminder',
  reminder: 'reminder',
  overdue: 'overdue',
  check_in: 'check_in',
  escalated: 'escalation',
};

interface Compressed {
  plan: CompiledPlan;
  code: string;
  /** Instant of the copy → instant of the fixture it stands for. */
  original: Map<string, string>;
  /** Every step of every assignment, with its instant in the copy. */
  steps: (ExpectedStep & { suffix: string })[];
  /** Expected rows, as the comparison lines below write them. */
  expectedEvents: string[];
  expectedOutbox: string[];
  lastStepAt: number;
  lastAt: number;
}

/**
 * A copy of the fixture's IR with a few assignments, a new plan code and every instant moved onto
 * t0 + rank × STEP_MS (order kept; nothing recomputed but the hash). The plan and assignment workflows stay
 * open until the calendar window closes (end of 2027): the test terminates them.
 */
function compress(base: CompiledPlan, code: string, t0: number): Compressed {
  const kept = base.ir.assignments.filter((a) => KEEP.includes(a.id.slice(FIXTURE_CODE.length + 1)));
  expect(kept.map((a) => a.id.slice(FIXTURE_CODE.length + 1)).sort()).toEqual([...KEEP].sort());
  const instants = new Set<string>();
  for (const a of kept) {
    instants.add(a.startsAt).add(a.dueAt);
    if (a.acknowledgeBy) instants.add(a.acknowledgeBy);
    for (const r of a.reminders) instants.add(r.at);
    for (const e of a.escalations) instants.add(e.at);
    for (const c of a.checkIns) instants.add(c);
  }
  const ranked = [...instants].sort();
  const moved = new Map(ranked.map((at, i) => [at, new Date(t0 + i * STEP_MS).toISOString()]));
  const lastStepAt = t0 + (ranked.length - 1) * STEP_MS;
  const lastEscalation = kept
    .flatMap((a) => a.escalations.map((e) => e.at))
    .sort()
    .at(-1)!;
  const digestInstants = [
    ...new Set(base.ir.digests.flatMap((d) => d.occurrences.filter((o) => o > lastEscalation))),
  ]
    .sort()
    .slice(0, DIGESTS_KEPT);
  digestInstants.forEach((at, i) =>
    moved.set(at, new Date(lastStepAt + DIGEST_GAP_MS + i * STEP_MS).toISOString()),
  );
  const m = (at: string) => moved.get(at)!;
  const assignments = kept.map((a): IrAssignment => ({
    ...a,
    id: `${code}/${a.id.slice(FIXTURE_CODE.length + 1)}`,
    startsAt: m(a.startsAt),
    dueAt: m(a.dueAt),
    ...(a.acknowledgeBy ? { acknowledgeBy: m(a.acknowledgeBy) } : {}),
    reminders: a.reminders.map((r) => ({ ...r, at: m(r.at) })),
    escalations: a.escalations.map((e) => ({ ...e, at: m(e.at) })),
    checkIns: a.checkIns.map(m),
  }));
  const digests = base.ir.digests.map((d) => ({
    ...d,
    occurrences: d.occurrences.filter((o) => digestInstants.includes(o)).map(m),
  }));
  const ir: PlanIR = { ...base.ir, plan: { ...base.ir.plan, code }, assignments, digests };
  ir.hash = hashIr(ir);
  const original = new Map([...moved].map(([from, to]) => [to, from]));

  const steps = assignments.flatMap((a) =>
    expectedSteps(a).map((s) => ({ ...s, suffix: a.id.slice(code.length + 1) })),
  );
  const expectedEvents = [
    ...steps.map((s) => eventLine(s.suffix, s.type, s.key)),
    eventLine('(plan)', 'plan.started', 'plan/CODE/v1/started'),
  ].sort();
  const expectedOutbox = steps.flatMap((s) =>
    s.to.map((r) => outboxLine(original.get(s.at)!, NOTIFICATION_KIND[s.type]!, r, s.suffix)),
  );
  // A digest is written at each of its instants once something is escalated to its recipient.
  const escalatedTo = new Set(steps.filter((s) => s.type === 'escalated').flatMap((s) => s.to));
  for (const d of digests)
    if (escalatedTo.has(recipientKey(d.recipient)))
      for (const at of d.occurrences)
        expectedOutbox.push(outboxLine(original.get(at)!, 'digest', recipientKey(d.recipient), '-'));
  expectedOutbox.sort();
  const lastAt = Math.max(lastStepAt, ...digests.flatMap((d) => d.occurrences.map(Date.parse)));
  return {
    plan: { source: base.source, ir },
    code,
    original,
    steps,
    expectedEvents,
    expectedOutbox,
    lastStepAt,
    lastAt,
  };
}

const eventLine = (suffix: string, type: string, key: string) => `${suffix} | ${type} | ${key}`;
const outboxLine = (originalAt: string, kind: string, recipient: string, suffix: string) =>
  `${localTime(originalAt)} | ${kind} → ${recipient} | ${suffix}`;

interface Snapshot {
  events: string[];
  outbox: string[];
}

/** What a run wrote, with the copy's instants mapped back to the fixture's and its plan code taken out. */
async function snapshot(db: Db, c: Compressed): Promise<Snapshot> {
  const { rows: events } = await db.query<{ id: string; assignmentId: string | null; type: string }>(
    `SELECT id, assignment_id AS "assignmentId", type FROM events ORDER BY seq`,
  );
  const { rows: outbox } = await db.query<{
    kind: string;
    recipient: string;
    assignmentId: string | null;
    dueAt: Date;
  }>(`SELECT kind, recipient, assignment_id AS "assignmentId", due_at AS "dueAt" FROM outbox`);
  const prefix = `${c.code}/`;
  return {
    events: events
      .map((e) =>
        e.assignmentId
          ? eventLine(
              e.assignmentId.slice(prefix.length),
              e.type,
              e.id.startsWith(`${e.assignmentId}/`) ? e.id.slice(e.assignmentId.length + 1) : `?${e.id}`,
            )
          : eventLine('(plan)', e.type, e.id.replace(c.code, 'CODE')),
      )
      .sort(),
    outbox: outbox
      .map((o) => {
        const at = o.dueAt.toISOString();
        return outboxLine(
          c.original.get(at) ?? `${at} (not an instant of the copy)`,
          o.kind,
          o.recipient,
          o.assignmentId ? o.assignmentId.slice(prefix.length) : '-',
        );
      })
      .sort(),
  };
}

/** How late the latest step was written after its instant (ms): the cost of the restart. */
async function maxLateness(db: Db, c: Compressed): Promise<number> {
  const { rows } = await db.query<{ id: string; recordedAt: Date }>(
    `SELECT id, recorded_at AS "recordedAt" FROM events WHERE assignment_id IS NOT NULL`,
  );
  const due = new Map(c.steps.map((s) => [`${c.code}/${s.suffix}/${s.key}`, Date.parse(s.at)]));
  return Math.max(...rows.map((r) => r.recordedAt.getTime() - (due.get(r.id) ?? r.recordedAt.getTime())));
}

async function counts(db: Db): Promise<{ events: number; outbox: number; escalations: number }> {
  const { rows } = await db.query<{ events: number; outbox: number; escalations: number }>(
    `SELECT (SELECT count(*)::int FROM events) AS events, (SELECT count(*)::int FROM outbox) AS outbox,
            (SELECT count(*)::int FROM outbox WHERE kind = 'escalation') AS escalations`,
  );
  return rows[0]!;
}

/** Lines of `expected` missing from `actual` and lines of `actual` not expected (multisets). */
function difference(expected: string[], actual: string[]): { missing: string[]; extra: string[] } {
  const left = [...actual];
  const missing: string[] = [];
  for (const line of expected) {
    const i = left.indexOf(line);
    if (i < 0) missing.push(line);
    else left.splice(i, 1);
  }
  return { missing, extra: left };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

// ---- worker processes ----

interface WorkerProcess {
  name: string;
  child: ChildProcess;
  output: string[];
  exited: Promise<void>;
}

const workers: WorkerProcess[] = [];

async function startWorker(name: string, env: Record<string, string>): Promise<WorkerProcess> {
  // As `dondoc dev` and the image start it: with jemalloc when the system has it.
  const child = spawn(NODE, [WORKER_MAIN], {
    env: workerProcessEnv({ ...process.env, ...env, LOG_LEVEL: 'warn' }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const w: WorkerProcess = { name, child, output, exited };
  workers.push(w);
  const ready = new Promise<void>((ok, fail) => {
    const onData = (chunk: Buffer) => {
      output.push(chunk.toString());
      if (output.join('').includes('[worker] polling task queue')) ok();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.once('exit', (code, signal) =>
      fail(new Error(`worker ${name} exited (${code ?? signal}) before polling:\n${output.join('')}`)),
    );
    setTimeout(
      () => fail(new Error(`worker ${name} not polling after 30 s:\n${output.join('')}`)),
      30_000,
    ).unref();
  });
  await ready;
  // The worker says which allocator it runs with; the launcher's choice must have reached it.
  expect(output.join('')).toContain(`(allocator: ${jemallocPath() ? 'jemalloc' : 'system'})`);
  return w;
}

async function killWorker(w: WorkerProcess): Promise<void> {
  if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
  await w.exited;
}

// ---- the runs ----

interface RunResult {
  compressed: Compressed;
  snapshot: Snapshot;
  /** Only for the interrupted run. */
  atKill?: { events: number; outbox: number; escalations: number };
  stepsDueWhileDown?: number;
  wallMs: number;
  /** The latest a step was written after its instant (ms). */
  lateMs: number;
}

async function waitUntilComplete(db: Db, c: Compressed, label: string): Promise<void> {
  const deadline = c.lastAt + 75_000;
  for (;;) {
    const n = await counts(db);
    if (
      Date.now() > c.lastAt + 500 &&
      n.events === c.expectedEvents.length &&
      n.outbox === c.expectedOutbox.length
    ) {
      // Stable: nothing more arrives (a duplicate under another key, a late extra digest).
      await sleep(1_500);
      const again = await counts(db);
      if (again.events === n.events && again.outbox === n.outbox) return;
    }
    if (Date.now() > deadline || n.events > c.expectedEvents.length || n.outbox > c.expectedOutbox.length) {
      const s = await snapshot(db, c);
      const ev = difference(c.expectedEvents, s.events);
      const ob = difference(c.expectedOutbox, s.outbox);
      throw new Error(
        `${label}: the run did not end with the expected rows ` +
          `(events ${n.events}/${c.expectedEvents.length}, outbox ${n.outbox}/${c.expectedOutbox.length})\n` +
          `events missing: ${JSON.stringify(ev.missing, null, 1)}\nevents extra: ${JSON.stringify(ev.extra, null, 1)}\n` +
          `outbox missing: ${JSON.stringify(ob.missing, null, 1)}\noutbox extra: ${JSON.stringify(ob.extra, null, 1)}`,
      );
    }
    await sleep(200);
  }
}

describe('a worker killed mid-run and restarted (Temporal dev server, worker processes, PostgreSQL)', () => {
  let connection: Connection;
  let client: Client;
  let base: CompiledPlan;
  const databases: TestDatabase[] = [];
  const started: Compressed[] = [];
  const runId = randomBytes(3).toString('hex');

  beforeAll(async () => {
    connection = await Connection.connect({ address: inject('temporalAddress') });
    client = new Client({ connection });
    base = compileEntry(ENTRY);
  });

  afterAll(async () => {
    await Promise.all(workers.map(killWorker));
    if (client) {
      const ids = started.flatMap((c) => [
        planWorkflowId(c.code),
        ...c.plan.ir.assignments.map((a) => assignmentWorkflowId(a.id)),
        ...c.plan.ir.digests.map((d) => digestWorkflowId(c.code, d.recipient)),
      ]);
      await Promise.all(
        ids.map((id) =>
          client.workflow
            .getHandle(id)
            .terminate('test over')
            .catch((err: unknown) => {
              if (!(err instanceof WorkflowNotFoundError)) throw err;
            }),
        ),
      );
    }
    await connection?.close();
    await Promise.all(databases.map((d) => d.drop()));
  });

  async function run(name: 'uninterrupted' | 'interrupted'): Promise<RunResult> {
    const wallStart = Date.now();
    const tdb = await createTestDatabase();
    databases.push(tdb);
    const taskQueue = `restart-${runId}-${name}`;
    const env = {
      DATABASE_URL: tdb.url,
      TEMPORAL_ADDRESS: inject('temporalAddress'),
      TEMPORAL_TASK_QUEUE: taskQueue,
      WORKFLOW_BUNDLE_PATH: inject('workflowBundlePath'),
    };
    const first = await startWorker(`${name}#1`, env);
    const c = compress(base, `restart-${runId}-${name}`, Date.now() + LEAD_MS);
    started.push(c);
    await publishForTest(tdb.db, client, taskQueue, c.plan);
    // Steps before a workflow's start are history, not due: every assignment must be running before the first.
    const firstStepAt = Date.parse(
      c.steps
        .filter((s) => s.key !== 'assigned')
        .map((s) => s.at)
        .sort()[0]!,
    );
    for (const a of c.plan.ir.assignments) {
      for (;;) {
        const running = await client.workflow
          .getHandle(assignmentWorkflowId(a.id))
          .describe()
          .then(
            () => true,
            (err: unknown) => {
              if (err instanceof WorkflowNotFoundError) return false;
              throw err;
            },
          );
        if (running || Date.now() > firstStepAt) break;
        await sleep(50);
      }
    }
    expect(Date.now(), `${name}: assignments started after their first step; raise LEAD_MS`).toBeLessThan(
      firstStepAt,
    );

    if (name === 'uninterrupted') {
      await waitUntilComplete(tdb.db, c, name);
      return {
        compressed: c,
        snapshot: await snapshot(tdb.db, c),
        wallMs: Date.now() - wallStart,
        lateMs: await maxLateness(tdb.db, c),
      };
    }

    // Kill the worker once the first escalation is written, at a quiet moment: every step due so far written,
    // no activity pending and the next instant not too close. An activity cut off by the kill is retried only
    // after its 1-minute start-to-close timeout (correct, but a minute late); a workflow task cut off, after 10 s.
    const escalationAt = Date.parse(
      c.steps
        .filter((s) => s.type === 'escalated')
        .map((s) => s.at)
        .sort()[0]!,
    );
    for (;;) {
      if ((await counts(tdb.db)).escalations > 0) break;
      if (Date.now() > escalationAt + 30_000)
        throw new Error(`${name}: no escalation written before the kill`);
      await sleep(50);
    }
    const instants = [...new Set(c.steps.map((s) => Date.parse(s.at)))].sort((x, y) => x - y);
    const workflowIds = [
      planWorkflowId(c.code),
      ...c.plan.ir.assignments.map((x) => assignmentWorkflowId(x.id)),
      ...c.plan.ir.digests.map((d) => digestWorkflowId(c.code, d.recipient)),
    ];
    const quiet = async (): Promise<boolean> => {
      const now = Date.now();
      const next = instants.find((t) => t > now) ?? Infinity;
      const due = c.steps.filter((s) => Date.parse(s.at) <= now).length + 1; // + plan.started
      if (next - now < 150 || (await counts(tdb.db)).events < due) return false;
      for (const id of workflowIds) {
        const pending = await client.workflow
          .getHandle(id)
          .describe()
          .then(
            (d) => d.raw.pendingActivities?.length ?? 0,
            (err: unknown) => {
              if (err instanceof WorkflowNotFoundError) return 0;
              throw err;
            },
          );
        if (pending > 0) return false;
      }
      return next - Date.now() > 50;
    };
    const quietBy = Date.now() + 10_000;
    while (!(await quiet()) && Date.now() < quietBy) await sleep(20);
    const killedAt = Date.now();
    await killWorker(first);
    const atKill = await counts(tdb.db);
    // Let two more instants pass with no worker at all, then start a new process.
    await sleep(killedAt + 2 * STEP_MS + 50 - Date.now());
    await startWorker(`${name}#2`, env);
    const restartedAt = Date.now();
    const stepsDueWhileDown = c.steps.filter((s) => {
      const at = Date.parse(s.at);
      return at > killedAt && at <= restartedAt;
    }).length;
    await waitUntilComplete(tdb.db, c, name);
    return {
      compressed: c,
      snapshot: await snapshot(tdb.db, c),
      atKill,
      stepsDueWhileDown,
      wallMs: Date.now() - wallStart,
      lateMs: await maxLateness(tdb.db, c),
    };
  }

  it('loses nothing and duplicates nothing: the same events and outbox as an uninterrupted run', async () => {
    const [a, b] = await Promise.all([run('uninterrupted'), run('interrupted')]);
    console.log(
      `worker restart: uninterrupted run ${(a.wallMs / 1000).toFixed(1)} s, interrupted run ${(b.wallMs / 1000).toFixed(1)} s; ` +
        `killed after ${b.atKill!.events}/${b.compressed.expectedEvents.length} events, ` +
        `${b.stepsDueWhileDown} steps fell due with no worker; steps written up to ` +
        `${(a.lateMs / 1000).toFixed(1)} s (uninterrupted) and ${(b.lateMs / 1000).toFixed(1)} s (interrupted) late`,
    );

    // Each run wrote exactly the steps the copy of the plan calls for: one event per step, one row per recipient.
    expect(a.snapshot.events, 'uninterrupted run: events').toEqual(a.compressed.expectedEvents);
    expect(a.snapshot.outbox, 'uninterrupted run: outbox').toEqual(a.compressed.expectedOutbox);
    expect(b.snapshot.events, 'interrupted run: events').toEqual(b.compressed.expectedEvents);
    expect(b.snapshot.outbox, 'interrupted run: outbox').toEqual(b.compressed.expectedOutbox);
    // ... and the two runs are the same.
    expect(b.snapshot.events).toEqual(a.snapshot.events);
    expect(b.snapshot.outbox).toEqual(a.snapshot.outbox);
    for (const s of [a.snapshot, b.snapshot]) {
      expect(new Set(s.events).size, 'an event appears twice').toBe(s.events.length);
      expect(new Set(s.outbox).size, 'a notification appears twice').toBe(s.outbox.length);
    }
    // Per assignment: as many events as steps.
    for (const r of [a, b]) {
      for (const suffix of KEEP) {
        const steps = r.compressed.steps.filter((s) => s.suffix === suffix).length;
        expect(r.snapshot.events.filter((e) => e.startsWith(`${suffix} |`)).length, `${suffix}: events`).toBe(
          steps,
        );
      }
    }

    // The kill really fell in the middle: some steps (an escalation among them) before it, some after the
    // restart, and steps fell due while no worker was running.
    const atKill = b.atKill!;
    expect(atKill.escalations, 'escalations written before the kill').toBeGreaterThan(0);
    expect(atKill.events, 'events written before the kill').toBeGreaterThan(1);
    expect(atKill.events, 'events written after the restart').toBeLessThan(b.snapshot.events.length);
    expect(atKill.escalations, 'escalations written after the restart').toBeLessThan(
      b.snapshot.outbox.filter((l) => l.includes('| escalation →')).length,
    );
    expect(b.stepsDueWhileDown, 'steps that fell due with no worker').toBeGreaterThan(0);
  }, 150_000);

  it('records a step once when the activity runs twice, one after the other or at the same time', async () => {
    const tdb = await createTestDatabase();
    databases.push(tdb);
    const c = compress(base, `restart-${runId}-idempotent`, Date.now() + 60_000);
    const repositories = createRepositories();
    const stored = await storePlanVersion(
      tdb.db,
      { source: c.plan.source, ir: c.plan.ir, author: 'test' },
      repositories,
    );
    const ctx = new PlanContext(c.plan.ir, stored.planId, stored.version);
    await repositories.assignments.insertPlanned(tdb.db, {
      planId: stored.planId,
      version: stored.version,
      issuerId: c.plan.ir.plan.issuer.code,
      rows: c.plan.ir.assignments.map((a) => ctx.planned(a)),
    });
    const a = c.plan.ir.assignments.find((x) => x.id.endsWith('/CĐ.01/van_phong'))!;
    const recipients = a.escalations.flatMap((e) => e.recipients);
    expect(recipients.length).toBe(2);
    const step = (key: string): AssignmentStep => ({
      eventId: `${a.id}/${key}`,
      assignmentId: a.id,
      planId: stored.planId,
      issuerCode: c.plan.ir.plan.issuer.code,
      unitCode: a.unit,
      type: 'escalated',
      occurredAt: a.escalations[0]!.at,
      actor: 'system',
      payload: { level: 1, recipients: recipients.map(recipientKey) },
      snapshot: {
        planVersion: stored.version,
        status: 'assigned',
        overdue: true,
        progressPercent: 0,
        escalationLevel: 1,
        dueAt: a.dueAt,
        dueDate: a.dueDate,
        active: true,
      },
      notifications: recipients.map((r) => ({
        key: `${a.id}/${key}/${recipientKey(r)}`,
        kind: 'escalation',
        recipient: r,
        at: a.escalations[0]!.at,
        payload: { level: 1 },
      })),
    });
    const { recordAssignmentStep } = engineActivities({
      db: tdb.db,
      repositories,
      client,
      taskQueue: 'unused',
    });

    const rows = async (eventId: string) => {
      const { rows: r } = await tdb.db.query<{ events: number; outbox: string[] }>(
        `SELECT (SELECT count(*)::int FROM events WHERE id = $1) AS events,
                (SELECT coalesce(array_agg(key ORDER BY key), '{}') FROM outbox WHERE starts_with(key, $1 || '/'))
                  AS outbox`,
        [eventId],
      );
      return r[0]!;
    };

    const again = step('g0/escalation/1');
    expect(await recordAssignmentStep(again)).toEqual({ recorded: true });
    expect(await recordAssignmentStep(again)).toEqual({ recorded: false });
    expect(await rows(again.eventId)).toEqual({
      events: 1,
      outbox: again.notifications.map((n) => n.key).sort(),
    });

    // A retry racing the original (a worker presumed dead that was only slow): still one of each.
    const racing = step('g0/escalation/2');
    const results = await Promise.all([recordAssignmentStep(racing), recordAssignmentStep(racing)]);
    expect(results.map((r) => r.recorded).sort()).toEqual([false, true]);
    expect(await rows(racing.eventId)).toEqual({
      events: 1,
      outbox: racing.notifications.map((n) => n.key).sort(),
    });
  });
});
