// Faults on the production topology (issue 18): the reliability tier's 1,000-assignment plan and oracle
// (test/reliability/support/), on the stack users deploy — the real Temporal server on PostgreSQL, where
// PostgreSQL also holds the product's data, two workers as one Worker Deployment version, the API — instead of
// the dev server. Four runs, each on a stack of its own:
//   1. one worker SIGKILLed again and again (replaced each time) while the other carries on;
//   2. the Temporal server SIGKILLed and started again mid-run;
//   3. PostgreSQL shut down immediately (SIGQUIT, durable settings) and started again mid-run: Temporal's
//      databases and the product's at once;
//   4. a rolling upgrade of the workers mid-run to a build whose workflow code changed, under the versioning
//      policy of docs/workflows.md (Worker Deployment versions, AUTO_UPGRADE, the change behind patched()).
// Opt-in with the topology tier (`npm run test:topology`): the server is built with Go the first time, and the
// four runs take well over ten minutes.
import { temporal } from '@temporalio/proto';
import { bundleWorkflowCode, Worker } from '@temporalio/worker';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, inject, it } from 'vitest';
import { projectPath } from '../../apps/config/project.js';
import { workflowBundleOptions } from '../../apps/worker/bundle.js';
import { bundleBuildId } from '../../apps/worker/versioning.js';
import { currentBuildId, setCurrentVersion } from '../../scripts/topology/deployment.js';
import { assignmentWorkflowId } from '../../workflows/contracts.js';
import { UPGRADE_PATCH } from '../fixtures/workflows/upgrade.js';
import {
  diagnose,
  expectKillsMidRun,
  expectOutagesMidRun,
  killWorkers,
  restartServers,
} from '../reliability/support/faults.js';
import { expectedEventCount, progress } from '../reliability/support/plan.js';
import { ASSIGNMENTS, expectFaultFree, settle, startRun, type Run } from '../reliability/support/run.js';
import { log, sleep } from '../reliability/support/stack.js';
import { DEPLOYMENT, NAMESPACE, topologyStack, type TopologyHandles } from './support/stack.js';

type History = temporal.api.history.v1.IHistory;

const MIN_KILLS = Number(process.env.RELIABILITY_KILLS ?? 10);
const SEED = Number(process.env.RELIABILITY_SEED ?? Date.now() % 100_000);
const DOWN_MS = Number(process.env.RELIABILITY_DOWN_MS ?? 5_000);
/** Histories replayed against each build after the upgrade run. */
const REPLAY_SAMPLE = 40;
const RUN_TIMEOUT = 1_800_000;
/**
 * From publishing to the first step. The fan-out of 1,000 on the real server, with PostgreSQL's durable commits,
 * took 30–147 s on this shared machine (the dev server's 75 s of the reliability tier is not enough).
 */
const LEAD_MS = Number(process.env.TOPOLOGY_LEAD_MS ?? 180_000);
/**
 * When the rolling upgrade begins, in milliseconds after the plan's first step (negative: before it); by default
 * a quarter into the steps, so that steps fall on the old build, during the rollout and after it. The rollout
 * took 4.5 s on a quiet machine and up to 2 minutes under load (the switch of the current version).
 */
const UPGRADE_AT_MS = process.env.TOPOLOGY_UPGRADE_AT_MS
  ? Number(process.env.TOPOLOGY_UPGRADE_AT_MS)
  : undefined;

const quiet = { trace() {}, debug() {}, info() {}, warn() {}, error() {}, log() {} };

/** The product's workflows with a workflow interceptor module of test/fixtures/workflows/ (an upgraded build). */
async function bundleWith(interceptorModule: string): Promise<string> {
  const { code } = await bundleWorkflowCode({
    ...workflowBundleOptions(projectPath('workflows/index.ts')),
    workflowInterceptorModules: [projectPath(`test/fixtures/workflows/${interceptorModule}`)],
    logger: quiet,
  });
  return code;
}

describe('faults on the production topology (Temporal server on PostgreSQL, 2 versioned workers, API)', () => {
  const handles: TopologyHandles = {};
  let run: Run | undefined;
  afterEach(async () => {
    await run?.close();
    run = undefined;
  });
  const scratch = mkdtempSync(join(tmpdir(), 'dondoc-topology-faults-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  const start = (name: string) =>
    startRun({
      name,
      bundle: inject('workflowBundlePath'),
      restartable: true,
      stack: topologyStack(handles),
      leadMs: LEAD_MS,
    });

  /** The server and the API rode it out: both still run, and the API answers ready (PostgreSQL and Temporal reachable). */
  const expectApiReady = async () => {
    expect(handles.temporal?.process().alive(), 'Temporal server process alive').toBe(true);
    expect(handles.api?.alive(), 'API process alive').toBe(true);
    let status = 0;
    for (let i = 0; i < 30 && status !== 200; i++, await sleep(1_000))
      status = await fetch(`${handles.apiUrl}/health/ready`).then(
        (res) => res.status,
        () => 0,
      );
    expect(status, 'GET /api/health/ready').toBe(200);
  };

  it(
    `1. one worker SIGKILLed again and again while the other carries on (${ASSIGNMENTS} assignments)`,
    async () => {
      run = await start('topology-worker-kills');
      const { kills, outcome } = await killWorkers(run, {
        label: 'topology-worker-kills',
        minKills: MIN_KILLS,
        seed: SEED,
      });
      expectKillsMidRun(run, kills);
      expectFaultFree(run, outcome);
      await expectApiReady();
    },
    RUN_TIMEOUT,
  );

  it(
    `2. the Temporal server SIGKILLed and started again mid-run (${ASSIGNMENTS} assignments)`,
    async () => {
      run = await start('topology-temporal-restart');
      const r = run;
      const { outages, outcome } = await restartServers(r, {
        label: 'topology-temporal-restart',
        restart: ['temporal'],
        downMs: DOWN_MS,
      });
      if (outcome.comparison.historyMismatches.length)
        await diagnose(r, 'topology-temporal-restart', outcome.comparison.historyMismatches);
      expectOutagesMidRun(r, outages);
      expect(r.workers.filter((w) => w.alive()).length, 'workers that rode out the outage').toBe(2);
      expectFaultFree(r, outcome);
      expect(outcome.mailsExtraCopies, 'mails received twice (no dispatcher was killed)').toBe(0);
      await expectApiReady();
    },
    RUN_TIMEOUT,
  );

  it(
    `3. PostgreSQL (Temporal's databases and the product's) shut down immediately mid-run (${ASSIGNMENTS} assignments)`,
    async () => {
      run = await start('topology-postgresql-restart');
      const r = run;
      const { outages, outcome } = await restartServers(r, {
        label: 'topology-postgresql-restart',
        restart: ['postgresql'],
        downMs: DOWN_MS,
      });
      if (outcome.comparison.historyMismatches.length)
        await diagnose(r, 'topology-postgresql-restart', outcome.comparison.historyMismatches);
      expectOutagesMidRun(r, outages);
      expect(r.workers.filter((w) => w.alive()).length, 'workers that rode out the outage').toBe(2);
      expectFaultFree(r, outcome);
      expect(outcome.mailsExtraCopies, 'mails received twice (no dispatcher was killed)').toBe(0);
      await expectApiReady();
    },
    RUN_TIMEOUT,
  );

  it(
    `4. a rolling upgrade of the workers mid-run to a build whose workflow code changed (${ASSIGNMENTS} assignments)`,
    async () => {
      const label = 'topology-rolling-upgrade';
      // The upgraded build: the product's workflows and a change of commands behind patched(); the same change
      // unguarded, and the build before, for the replay checks afterwards.
      const upgraded = join(scratch, 'upgraded-workflow-bundle.js');
      writeFileSync(upgraded, await bundleWith('upgrade.ts'));
      const unguardedCode = await bundleWith('upgrade-unguarded.ts');
      const before = inject('workflowBundlePath');
      const oldBuild = bundleBuildId(before);
      const newBuild = bundleBuildId(upgraded);
      expect(newBuild).not.toBe(oldBuild);

      run = await start(label);
      const r = run;
      const oldWorkers = [...r.workers];
      const upgradedEnv = { WORKFLOW_BUNDLE_PATH: upgraded };

      // Every assignment running, its `assigned` step written by the old build: worker 1 is drained (SIGTERM)
      // and replaced by the new build; the new version is made current once it polls (every workflow moves to it
      // at its next task); worker 2 is drained and replaced.
      const span = r.plan.lastStepAt - r.plan.firstStepAt;
      await sleep(r.plan.firstStepAt + (UPGRADE_AT_MS ?? span / 4) - Date.now());
      const atStart = await progress(r.pg.db);
      const t = Date.now();
      const first = await oldWorkers[0]!.stop(30_000);
      await r.startWorker({ env: upgradedEnv, label: `build ${newBuild}` });
      const replacedFirstMs = Date.now() - t;
      const made = await setCurrentVersion(r.client.connection, NAMESPACE, {
        deploymentName: DEPLOYMENT,
        buildId: newBuild,
      });
      const atSwitch = await progress(r.pg.db);
      const switchedAt = Date.now() - t;
      const second = await oldWorkers[1]!.stop(30_000);
      await r.startWorker({ env: upgradedEnv, label: `build ${newBuild}` });
      const upgradeMs = Date.now() - t;
      log(
        `${label}: rolled to ${newBuild} in ${upgradeMs} ms (current version switched at ${switchedAt} ms)`,
      );

      const outcome = await settle(r, label, 600_000);
      if (outcome.comparison.historyMismatches.length)
        await diagnose(r, label, outcome.comparison.historyMismatches);

      // Every assignment's history, read back from Temporal.
      const ids = [...r.plan.expected.keys()];
      const histories = new Map<string, History>();
      for (let i = 0; i < ids.length; i += 16)
        await Promise.all(
          ids.slice(i, i + 16).map(async (id) => {
            histories.set(id, await r.client.workflow.getHandle(assignmentWorkflowId(id)).fetchHistory());
          }),
        );
      const looks = [...histories].map(([id, h]) => ({ id, h, ...look(h, UPGRADE_PATCH) }));
      const mixed = looks.filter((x) => x.marker && x.stepsBeforeMarker > 0);
      const onBoth = looks.filter((x) => x.buildIds.has(oldBuild) && x.buildIds.has(newBuild));
      const failures = looks.flatMap((x) => x.taskFailures);
      const nondeterminism = failures.filter((c) => /NON_DETERMINISTIC/.test(c));
      const said = r.workers.filter((w) => /nondetermin|DeterminismViolation|TMPRL1100/i.test(w.output()));

      // Replay: the new build replays every kind of history (old steps only, old and new); the same change
      // without patched() fails on them, and so does the build before on the histories the new build extended
      // (which is why the old workers get no task once the new version is current).
      const sample = [
        ...mixed.slice(0, REPLAY_SAMPLE / 2),
        ...looks.filter((x) => !x.marker).slice(0, REPLAY_SAMPLE / 2),
      ];
      const replay = async (code: string, xs: typeof looks) => {
        let failed = 0;
        const errors = new Set<string>();
        for await (const result of Worker.runReplayHistories(
          { workflowBundle: { code } },
          xs.map((x) => ({ workflowId: assignmentWorkflowId(x.id), history: x.h })),
        ))
          if (result.error) {
            failed++;
            errors.add(result.error.name);
          }
        return { replayed: xs.length, failed, errors: [...errors] };
      };
      const upgradedReplay = await replay(readFileSync(upgraded, 'utf8'), sample);
      const unguardedReplay = await replay(unguardedCode, sample);
      const oldBuildOnMixed = await replay(readFileSync(before, 'utf8'), mixed.slice(0, REPLAY_SAMPLE / 2));

      const figures = {
        assignments: ASSIGNMENTS,
        builds: { before: oldBuild, after: newBuild },
        /** Milliseconds after the first step (negative: before it). */
        upgradeAtMs: t - r.plan.firstStepAt,
        switchAtMs: t + switchedAt - r.plan.firstStepAt,
        eventsWrittenAtUpgradeStart: atStart.events,
        eventsWrittenAtSwitch: atSwitch.events,
        worker1DrainMs: first.ms,
        worker1ReplacedMs: replacedFirstMs,
        setCurrentVersionMs: made.ms,
        setCurrentVersionRefused: made.refused,
        setCurrentVersionLastRefusal: made.lastRefusal,
        worker2DrainMs: second.ms,
        upgradeMs,
        currentVersion: await currentBuildId(r.client.connection, NAMESPACE, DEPLOYMENT),
        workflowsOnBothBuilds: onBoth.length,
        historiesWithPatchMarker: looks.filter((x) => x.marker).length,
        historiesOldStepsThenPatched: mixed.length,
        workflowTaskFailures: failures.length,
        nondeterminismErrors: nondeterminism.length,
        workersReportingNondeterminism: said.map((w) => w.name),
        replayUpgradedBuild: upgradedReplay,
        replaySameChangeWithoutPatch: unguardedReplay,
        replayBuildBeforeOnUpgradedHistories: oldBuildOnMixed,
        events: outcome.progress.events,
        outboxRows: outcome.progress.outbox,
        mailsReceived: outcome.mailsReceived,
        mailsReceivedTwiceSameMessageId: outcome.mailsExtraCopies,
        publishMs: r.publishMs,
        maxStepLatenessMs: outcome.maxLateMs,
        totalMs: outcome.completedMs,
      };
      log(`${label}: FIGURES ${JSON.stringify(figures)}`);
      for (const w of said) log(`${label}: ${w.name} said:\n${w.output().slice(-3000)}`);

      // The upgrade fell in the middle: steps were still to come after the switch.
      expect(atSwitch.events).toBeLessThan(expectedEventCount(r.plan));
      expect(figures.currentVersion).toBe(newBuild);
      // Running workflows moved to the new build and replayed their old histories there, then took the new branch.
      expect(onBoth.length, 'workflows that ran on both builds').toBeGreaterThan(0);
      expect(mixed.length, 'histories with steps of the old build, then the patch').toBeGreaterThan(0);
      // No non-determinism anywhere: no workflow task failed, no worker said so.
      expect(failures, 'workflow task failures').toEqual([]);
      expect(
        said.map((w) => w.name),
        'workers reporting non-determinism',
      ).toEqual([]);
      expect(upgradedReplay.failed, 'the upgraded build replays every kind of history').toBe(0);
      expect(unguardedReplay.failed, 'without patched(), the old histories do not replay').toBe(
        sample.length,
      );
      expect(oldBuildOnMixed.failed, 'the build before cannot replay what the new build wrote').toBe(
        oldBuildOnMixed.replayed,
      );
      expect(r.workers.filter((w) => w.alive()).length).toBe(2);
      expectFaultFree(r, outcome);
      // Workers were drained, not killed: no mail twice.
      expect(outcome.mailsExtraCopies, 'mails received twice').toBe(0);
      await expectApiReady();
    },
    RUN_TIMEOUT,
  );
});

/** What one history shows: the patch marker, steps written before it, build ids of its tasks, failed tasks. */
function look(h: History, patchId: string) {
  let marker = false;
  let stepsBeforeMarker = 0;
  const buildIds = new Set<string>();
  const taskFailures: string[] = [];
  for (const e of h.events ?? []) {
    const m = e.markerRecordedEventAttributes;
    if (m && !marker) {
      const data = Object.values(m.details ?? {}).flatMap((p) => p.payloads ?? []);
      if (data.some((p) => p.data && Buffer.from(p.data).toString('utf8').includes(patchId))) marker = true;
    }
    const scheduled = e.activityTaskScheduledEventAttributes;
    if (scheduled?.activityType?.name === 'recordAssignmentStep' && !marker) stepsBeforeMarker++;
    const done = e.workflowTaskCompletedEventAttributes;
    const buildId = done?.deploymentVersion?.buildId ?? done?.workerVersion?.buildId;
    if (buildId) buildIds.add(buildId);
    const failed = e.workflowTaskFailedEventAttributes;
    if (failed)
      taskFailures.push(
        `${temporal.api.enums.v1.WorkflowTaskFailedCause[failed.cause ?? 0]} ${failed.failure?.message ?? ''}`,
      );
  }
  return { marker, stepsBeforeMarker, buildIds, taskFailures };
}
