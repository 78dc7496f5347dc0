import { proxyActivities, setHandler, sleep } from '@temporalio/workflow';
import type { AssignmentActivities } from './activities/assignment.activities.js';
import {
  assignmentStateQuery,
  type AssignmentEventType,
  type AssignmentInput,
  type AssignmentState,
} from './contracts.js';

const { recordAssignmentEvent } = proxyActivities<AssignmentActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** Sleeps on a durable timer until an absolute instant; an instant already past returns at once. */
async function sleepUntil(instant: string): Promise<void> {
  const ms = Date.parse(instant) - Date.now();
  if (ms > 0) await sleep(ms);
}

/**
 * The life of one unit's task. This first version records the assignment, the reminders before the
 * deadline and the deadline itself; acknowledgement, completion and escalation build on it.
 */
export async function assignmentWorkflow(input: AssignmentInput): Promise<AssignmentState> {
  const state: AssignmentState = { status: 'assigned', remindersDue: 0, deadlinePassed: false };
  setHandler(assignmentStateQuery, () => state);

  const record = (type: AssignmentEventType, step: string, payload?: Record<string, unknown>) =>
    recordAssignmentEvent({
      eventId: `${input.assignmentId}:${step}`,
      type,
      occurredAt: new Date(Date.now()).toISOString(),
      assignment: input,
      payload,
    });

  await record('assigned', 'assigned', { dueAt: input.dueAt });

  const reminders = [...input.reminders].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  for (const [i, reminder] of reminders.entries()) {
    await sleepUntil(reminder.at);
    state.remindersDue++;
    await record('reminder_due', `reminder:${i}`, { kind: reminder.kind, at: reminder.at });
  }

  await sleepUntil(input.dueAt);
  state.deadlinePassed = true;
  await record('deadline_passed', 'deadline', { dueAt: input.dueAt });
  return state;
}
