// The production topology on one machine (scripts/topology.ts): the real Temporal server built from
// go.temporal.io/server on PostgreSQL, two worker processes, the API and an SMTP server, driven through the API.
// Opt-in (`npm run test:topology`): the first run builds the server with Go, which takes many minutes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runTopology, type TopologyFigures } from '../../scripts/topology.js';

const TASKS = 10;

describe('production topology on one machine (Temporal server on PostgreSQL, 2 workers, API, SMTP)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dondoc-topology-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const log = (m: string) => process.stdout.write(`[topology] ${m}\n`);
  const runs: TopologyFigures[] = [];

  const check = (f: TopologyFigures) => {
    // Both workers polled the task queue of the real server.
    expect(f.pollers).toHaveLength(2);
    // Every assignment's notice went out once, read back through the API as sent.
    expect(f.mails).toEqual({ expected: TASKS, received: TASKS, distinctMessageIds: TASKS });
    // The acknowledged and completed assignment has exactly one event of each.
    expect(f.events).toEqual({ assigned: 1, acknowledged: 1, completed: 1 });
    // A repeated request (same Idempotency-Key) is answered as the first.
    expect(f.duplicateAcknowledge).toEqual({ firstStatus: 200, againStatus: 200, sameBody: true });
    // Everything stopped cleanly on SIGTERM.
    expect(f.exitCodes).toEqual({ api: 0, 'worker-1': 0, 'worker-2': 0, 'temporal-server': 0 });
  };

  it('runs the scenario from empty databases', async () => {
    const f = await runTopology({ dir, fresh: true, tasks: TASKS, log });
    log(`FIGURES ${JSON.stringify(f)}`);
    check(f);
    runs.push(f);
  }, 3_600_000);

  it('runs it again on the same state: every set-up step is idempotent', async () => {
    const f = await runTopology({ dir, tasks: TASKS, log });
    log(`FIGURES ${JSON.stringify(f)}`);
    check(f);
    expect(f.historyShards).toBe(runs[0]!.historyShards);
  }, 900_000);
});
