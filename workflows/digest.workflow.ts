import {
  allHandlersFinished,
  condition,
  continueAsNew,
  proxyActivities,
  setHandler,
  sleep,
  workflowInfo,
} from '@temporalio/workflow';
import type { DigestActivities } from './activities.js';
import { digestChangeSignal, digestEntriesQuery, type DigestEntry, type DigestInput } from './contracts.js';
import { buildDigest } from './digest-content.js';

const { sendDigest } = proxyActivities<DigestActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** Continue-as-new well before Temporal's limits; a digest's state is small (its open entries). */
const MAX_HISTORY = 2_000;

/**
 * One recipient's digest of escalated work. Assignments register when they reach an escalation level that
 * names this recipient and leave when done, extended or cancelled (signals, started with the first one). On
 * each instant of the policy's cadence a non-empty digest is written and mailed; an empty one is skipped.
 */
export async function digestWorkflow(input: DigestInput): Promise<void> {
  const entries = new Map<string, DigestEntry>((input.entries ?? []).map((e) => [e.assignmentId, e]));
  let lastUnits = input.lastUnits ?? [];
  setHandler(digestChangeSignal, (s) => {
    if (s.action === 'register' && s.entry) entries.set(s.assignmentId, s.entry);
    else if (s.action === 'remove') entries.delete(s.assignmentId);
  });
  setHandler(digestEntriesQuery, () => [...entries.values()]);

  // Started by the first registration: an instant between that escalation and now (a worker that was down,
  // a slow start) is still owed, and goes out at once. (Signals sent with the start are delivered above.)
  const since = Math.min(Date.now(), ...[...entries.values()].map((e) => Date.parse(e.escalatedAt)));
  const pending = input.occurrences.filter((at) => Date.parse(at) > since);
  for (const [i, at] of pending.entries()) {
    const wait = Date.parse(at) - Date.now();
    if (wait > 0) await sleep(wait);
    if (entries.size > 0) {
      const content = buildDigest(input.planCode, input.recipient, at, [...entries.values()], lastUnits);
      await sendDigest(content);
      lastUnits = content.units.map((u) => u.unit.code);
    } else {
      lastUnits = [];
    }
    const info = workflowInfo();
    if (info.continueAsNewSuggested || info.historyLength > MAX_HISTORY) {
      await condition(allHandlersFinished);
      return continueAsNew<typeof digestWorkflow>({
        ...input,
        occurrences: pending.slice(i + 1),
        entries: [...entries.values()],
        lastUnits,
      });
    }
  }
  await condition(allHandlersFinished);
}
