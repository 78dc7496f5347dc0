import { historyFromJSON } from '@temporalio/common/lib/proto-utils.js';
import { Worker } from '@temporalio/worker';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, inject } from 'vitest';
import { HISTORIES_DIR } from '../support/histories.js';

// Histories recorded from real runs (RECORD_HISTORIES=1 npm run test:workflows) replayed against today's code:
// a non-deterministic change fails here before it can break a running plan.
const files = readdirSync(HISTORIES_DIR).filter((f) => f.endsWith('.json'));

describe('replay of committed workflow histories', () => {
  it('has histories to replay', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)('%s replays without non-determinism', async (file) => {
    const history = historyFromJSON(JSON.parse(readFileSync(join(HISTORIES_DIR, file), 'utf8')));
    await expect(
      Worker.runReplayHistory({ workflowBundle: { codePath: inject('workflowBundlePath') } }, history, file),
    ).resolves.toBeUndefined();
  });
});
