// Events in one assignment's history over a whole plan year, on the time-skipping test server: acknowledged
// late, three reminders, overdue, both escalation levels, then done. Prints JSON.
// The target (TARGET, from the engine issue): a bound on those events.
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDir, workflowBundlePath } from '../apps/config/env.js';
import { freePort, waitForPort } from '../apps/dev-stack/net.js';
import { projectPath } from '../apps/config/project.js';
import { temporalTestServerPath } from '../apps/dev-stack/tools.js';
import { createWorker } from '../apps/worker/worker.js';
import { acknowledgeUpdate, assignmentWorkflowId, completeUpdate } from '../workflows/contracts.js';
import {
  compileFile,
  installRuntime,
  log,
  publish,
  repositories,
  scratchDir,
  startDatabase,
} from './support/stack.js';

const ENTRY = 'test/fixtures/engine/ke-hoach-phuong.dondoc';
const ASSIGNMENT = 'cchc-2027-ubnd-phuong/TT.01/mot_cua';
const TARGET = { events: 150 };
const TASK_QUEUE = 'bench-history';
const DAY = 86_400_000;

/**
 * The time-skipping server, started as test/support/time-skipping.ts does: we wait for the JVM ourselves (the
 * SDK's own wait is too short for a cold JVM), then hand the SDK a placeholder executable so its probe finds our
 * server.
 */
async function startTimeSkipping(): Promise<{ env: TestWorkflowEnvironment; stop(): Promise<void> }> {
  const server = temporalTestServerPath();
  if (!server) {
    const env = await TestWorkflowEnvironment.createTimeSkipping();
    return { env, stop: () => env.teardown() };
  }
  const port = await freePort();
  const jvm = spawn(server, [String(port)], { stdio: 'ignore' });
  await waitForPort(port, {
    what: 'time-skipping server',
    timeoutMs: 60_000,
    alive: () => jvm.exitCode === null,
  });
  const placeholder = join(cacheDir(), 'tools', 'hold-port.sh');
  if (!existsSync(placeholder)) {
    mkdirSync(join(cacheDir(), 'tools'), { recursive: true });
    writeFileSync(placeholder, '#!/bin/sh\nexec sleep 2147483647\n');
    chmodSync(placeholder, 0o755);
  }
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: placeholder }, port },
  });
  return {
    env,
    async stop() {
      await env.teardown();
      jvm.kill('SIGKILL');
    },
  };
}

/** Moves the server's clock to an instant; everything due before it runs on the way. */
async function skipTo(env: TestWorkflowEnvironment, instant: string | number): Promise<void> {
  const ms = new Date(instant).getTime() - (await env.currentTimeMs());
  if (ms > 0) await env.sleep(ms);
}

async function main() {
  installRuntime();
  const dir = scratchDir();
  const [database, ts] = await Promise.all([startDatabase(dir.path, { fast: true }), startTimeSkipping()]);
  const { env } = ts;
  const worker = await createWorker({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue: TASK_QUEUE,
    db: database.db,
    client: env.client,
    workflowBundlePath: workflowBundlePath(),
    repositories,
  });
  const running = worker.run();

  const plan = compileFile(projectPath(ENTRY));
  const a = plan.ir.assignments.find((x) => x.id === ASSIGNMENT)!;
  log(
    `${a.id}: ${a.reminders.length} reminders, ${a.escalations.length} escalation levels, due ${a.dueDate}`,
  );
  await publish(database.db, env.client, TASK_QUEUE, plan);
  const handle = env.client.workflow.getHandle(assignmentWorkflowId(a.id));
  const officer = (requestId: string) => ({ by: 'chuyenvien@tanlap.gov.vn', requestId });

  // Late: a day after the acknowledgement reminder.
  await skipTo(env, Date.parse(a.acknowledgeBy!) + DAY);
  await handle.executeUpdate(acknowledgeUpdate, { args: [officer('ack')] });
  // The reminders, the deadline and both escalation levels pass; a day later the unit reports it done.
  await skipTo(env, Date.parse(a.escalations.at(-1)!.at) + DAY);
  const done = await handle.executeUpdate(completeUpdate, {
    args: [{ ...officer('done'), evidence: { documentNumber: '99/BC-UBND' } }],
  });
  log(`completed: ${done.progressClass}; skipping to the end of the plan's calendar`);
  const final = await handle.result(); // lets time run to the workflow's end (the plan's calendar window)

  const history = await handle.fetchHistory();
  const types = (JSON.parse(historyToJSON(history)) as { events: { eventType: string }[] }).events.map((e) =>
    e.eventType.replace(/^EVENT_TYPE_/, ''),
  );
  const byType: Record<string, number> = {};
  for (const t of types) byType[t] = (byType[t] ?? 0) + 1;
  const { rows: sent } = await database.db.query<{ kind: string; n: number }>(
    `SELECT kind, count(*)::int AS n FROM outbox WHERE assignment_id = $1 GROUP BY kind ORDER BY min(due_at)`,
    [a.id],
  );

  worker.shutdown();
  await running;
  await ts.stop();
  await database.stop();
  dir.remove();

  console.log(
    JSON.stringify(
      {
        bench: 'engine-history',
        assignment: a.id,
        finalStatus: final.status,
        progressClass: final.progressClass,
        notificationsSent: Object.fromEntries(sent.map((r) => [r.kind, r.n])),
        historyEvents: types.length,
        byEventType: Object.fromEntries(Object.entries(byType).sort((x, y) => y[1] - x[1])),
        target: TARGET,
        met: types.length <= TARGET.events,
        environment: {
          node: process.version,
          server: 'Temporal time-skipping test server (Java), embedded PostgreSQL, worker in this process',
          scenario:
            'plan published; acknowledged a day after the acknowledgement reminder; 3 reminders, overdue and escalation levels 1 and 2 fire; completed a day after level 2; workflow runs to the end of the plan calendar',
        },
      },
      null,
      2,
    ),
  );
}

await main();
