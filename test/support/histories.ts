import type { WorkflowHandle } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectPath } from '../../apps/config/project.js';

export const HISTORIES_DIR = projectPath('test/histories');

/**
 * With RECORD_HISTORIES=1, saves a finished workflow's history for the replay test. Committed histories make a
 * change to workflow code that would break running workflows fail the build.
 */
export async function maybeRecordHistory(handle: WorkflowHandle, name: string): Promise<void> {
  if (process.env.RECORD_HISTORIES !== '1') return;
  const history = await handle.fetchHistory();
  writeFileSync(join(HISTORIES_DIR, `${name}.json`), historyToJSON(history) + '\n');
}
