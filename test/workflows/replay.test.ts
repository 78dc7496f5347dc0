import { historyFromJSON } from '@temporalio/common/lib/proto-utils.js';
import { bundleWorkflowCode, Worker } from '@temporalio/worker';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, inject } from 'vitest';
import { projectPath } from '../../apps/config/project.js';
import { HISTORIES_DIR } from '../support/histories.js';

// Histories recorded from real runs (RECORD_HISTORIES=1 npm run test:workflows) replayed against today's code:
// a non-deterministic change fails here before it can break a running plan.
const files = readdirSync(HISTORIES_DIR).filter((f) => f.endsWith('.json'));
const load = (file: string) => historyFromJSON(JSON.parse(readFileSync(join(HISTORIES_DIR, file), 'utf8')));

describe('replay of committed workflow histories', () => {
  it('has histories of every workflow type to replay', () => {
    const types = files.map(
      (f) => load(f).events?.[0]?.workflowExecutionStartedEventAttributes?.workflowType?.name,
    );
    expect(new Set(types)).toEqual(new Set(['assignmentWorkflow', 'planWorkflow', 'digestWorkflow']));
  });

  it.each(files)('%s replays without non-determinism', async (file) => {
    await expect(
      Worker.runReplayHistory(
        { workflowBundle: { codePath: inject('workflowBundlePath') } },
        load(file),
        file,
      ),
    ).resolves.toBeUndefined();
  });

  it('fails when the workflow code changes incompatibly', async () => {
    const bundle = await bundleWorkflowCode({
      workflowsPath: projectPath('test/fixtures/workflows/changed-assignment.workflow.ts'),
      logger: { trace() {}, debug() {}, info() {}, warn() {}, error() {}, log() {} },
    });
    const file = files.find((f) => f.startsWith('assignment-'))!;
    await expect(Worker.runReplayHistory({ workflowBundle: bundle }, load(file), file)).rejects.toMatchObject(
      {
        name: 'DeterminismViolationError',
      },
    );
  });
});
