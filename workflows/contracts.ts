// Messages shared by workflows, activities, the worker and API clients. Plain data only:
// this file is imported inside the workflow sandbox.
import { defineQuery } from '@temporalio/workflow';

export type AssignmentStatus = 'assigned' | 'acknowledged' | 'in_progress' | 'done' | 'cancelled';

export interface Reminder {
  /** Absolute instant (ISO 8601, UTC) computed by the plan compiler. */
  at: string;
  kind: 'before_deadline' | 'on_deadline';
}

/** Everything one assignment workflow needs; it reads nothing else. */
export interface AssignmentInput {
  assignmentId: string;
  issuerId: string;
  unitCode: string;
  taskId: string;
  occurrence: string;
  title: string;
  area?: string;
  dueAt: string;
  reminders: Reminder[];
  /** The published plan version this assignment belongs to (absent for assignments made outside a plan). */
  planId?: string;
  planVersion?: number;
}

export interface AssignmentState {
  status: AssignmentStatus;
  remindersDue: number;
  deadlinePassed: boolean;
}

export type AssignmentEventType = 'assigned' | 'reminder_due' | 'deadline_passed';

export interface AssignmentEventRecord {
  /** Deterministic id (workflow id + step): the activity may run twice, the event is stored once. */
  eventId: string;
  type: AssignmentEventType;
  occurredAt: string;
  assignment: AssignmentInput;
  payload?: Record<string, unknown>;
}

export const assignmentStateQuery = defineQuery<AssignmentState>('assignmentState');

export function assignmentWorkflowId(a: Pick<AssignmentInput, 'assignmentId'>): string {
  return `assignment/${a.assignmentId}`;
}
