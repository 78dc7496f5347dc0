// Messages shared by workflows, activities, the worker and API clients. Plain data only:
// this file is imported inside the workflow sandbox.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { SerializedCalendar } from '../dsl/calendar/workdays.js';
import type { EscalationRule, ReminderRule } from '../dsl/ir/schedule.js';

export type AssignmentStatus = 'assigned' | 'acknowledged' | 'in_progress' | 'done' | 'cancelled';

/**
 * The class an assignment counts in for progress figures (report 1270/BC-TCTTTg): not done within the
 * deadline, not done overdue, done on time, done late; plus cancelled.
 */
export type ProgressClass = 'open' | 'overdue' | 'done_on_time' | 'done_late' | 'cancelled';

export interface Recipient {
  /** 'role': everyone holding a role of the issuer (HOME_AFFAIRS: the office that decides extensions). */
  kind: 'person' | 'unit' | 'role';
  id: string;
  name: string;
  email?: string;
  role?: string;
}

/** The role of the Home Affairs office: extension requests go to its people. */
export const HOME_AFFAIRS = 'home_affairs';

export const recipientKey = (r: Pick<Recipient, 'kind' | 'id'>): string => `${r.kind}:${r.id}`;

/** The dated steps of an assignment; replaced as a whole by an approved extension or an amendment. */
export interface AssignmentSchedule {
  /** Local date of the deadline (after moving off a day off). */
  dueDate: string;
  dueAt: string;
  acknowledgeBy?: string;
  reminders: { at: string; when: 'before' | 'on' | 'after'; label: string }[];
  escalations: { level: number; at: string; recipients: Recipient[] }[];
  checkIns: string[];
}

/** Everything one assignment workflow needs, from the plan IR; it reads nothing else. */
export interface AssignmentInput {
  assignmentId: string;
  planCode: string;
  planId: string;
  planVersion: number;
  /** The Home Affairs office (or whoever issued the plan): decides extensions, hears of them. */
  issuer: { code: string; name: string; email?: string };
  unit: { code: string; name: string; email?: string };
  task: { id: string; title: string; area: string; output?: string; criterion?: string };
  occurrence: string;
  kind: 'deadline' | 'ongoing';
  /** When the assignment becomes active: the assignment notice goes out then. */
  startsAt: string;
  schedule: AssignmentSchedule;
  /** The policy's rules, to recompute the schedule when a deadline moves. */
  rules: { reminders: ReminderRule[]; escalation: EscalationRule[] };
  /** Recipients (recipientKey) that have a digest: escalations to them are registered there. */
  digestRecipients: string[];
  calendar: SerializedCalendar;
  /** Coordinating units (đơn vị phối hợp) of the task, in the plan's order; absent when there are none. */
  coordinators?: CoordinatorRef[];
  /** The plan's policy (`chờ đơn vị phối hợp: có`): the lead completes only after every coordinator reported. */
  coordinatorsMustReport?: boolean;
}

/** Who did something, and the key that makes doing it twice harmless. */
export interface Actor {
  /** A user id, an e-mail, or 'system' / 'plan:vN' for the engine itself. */
  by: string;
  /** Idempotency key chosen by the caller (the API's request id): a retried request is applied once. */
  requestId: string;
}

export interface AcknowledgeRequest extends Actor {
  note?: string;
}
export interface ProgressRequest extends Actor {
  percent: number;
  note?: string;
}
export interface Evidence {
  /** Number of the document that proves completion, e.g. "125/BC-UBND". */
  documentNumber?: string;
  documentDate?: string;
  link?: string;
  note?: string;
}
export interface CompleteRequest extends Actor {
  evidence: Evidence;
}
export interface ExtensionRequest extends Actor {
  /** The new deadline, a local date YYYY-MM-DD. */
  newDueDate: string;
  reason: string;
}
export interface ExtensionDecision extends Actor {
  approve: boolean;
  note?: string;
}
export interface ReopenRequest extends Actor {
  reason: string;
}
export interface CancelRequest extends Actor {
  reason: string;
}
/** A new plan version changed this assignment's deadline, policy or wording. */
export interface AmendRequest extends Actor {
  planVersion: number;
  task: AssignmentInput['task'];
  schedule: AssignmentSchedule;
  rules: AssignmentInput['rules'];
  digestRecipients: string[];
  /** The coordinating units of the new version (absent: none); those kept keep their part. */
  coordinators?: CoordinatorRef[];
}

export interface PendingExtension {
  newDueDate: string;
  reason: string;
  requestedBy: string;
  requestedAt: string;
}

export interface AssignmentState {
  assignmentId: string;
  planVersion: number;
  status: AssignmentStatus;
  /** Active: the start instant has passed and the assignment notice went out. */
  active: boolean;
  overdue: boolean;
  progressPercent: number;
  escalationLevel: number;
  acknowledgedAt?: string;
  completedAt?: string;
  completedLate?: boolean;
  evidence?: Evidence;
  pendingExtension?: PendingExtension;
  extensions: number;
  schedule: AssignmentSchedule;
  /** Increases whenever the schedule is replaced; part of every step's key. */
  generation: number;
  progressClass: ProgressClass;
  /** Each coordinating unit's part: acknowledged, contributions reported. Absent when there are none. */
  coordinators?: CoordinatorState[];
  /** The officer (chuyên viên) of the unit the work is given to; reminders go to them. */
  officer?: Officer;
}

export interface ActionResult {
  status: AssignmentStatus;
  progressClass: ProgressClass;
  dueAt: string;
}

export const assignmentStateQuery = defineQuery<AssignmentState>('assignmentState');
export const acknowledgeUpdate = defineUpdate<ActionResult, [AcknowledgeRequest]>('acknowledge');
export const reportProgressUpdate = defineUpdate<ActionResult, [ProgressRequest]>('reportProgress');
export const completeUpdate = defineUpdate<ActionResult, [CompleteRequest]>('complete');
export const requestExtensionUpdate = defineUpdate<ActionResult, [ExtensionRequest]>('requestExtension');
export const decideExtensionUpdate = defineUpdate<ActionResult, [ExtensionDecision]>('decideExtension');
export const reopenUpdate = defineUpdate<ActionResult, [ReopenRequest]>('reopen');
export const cancelUpdate = defineUpdate<ActionResult, [CancelRequest]>('cancel');
export const amendUpdate = defineUpdate<ActionResult, [AmendRequest]>('amend');
export const acknowledgeCoordinationUpdate = defineUpdate<ActionResult, [CoordinationAcknowledgeRequest]>(
  'acknowledgeCoordination',
);
export const reportContributionUpdate = defineUpdate<ActionResult, [ContributionRequest]>(
  'reportContribution',
);
export const assignOfficerUpdate = defineUpdate<ActionResult, [AssignOfficerRequest]>('assignOfficer');

// ---- coordinating units and officers ----

/** A coordinating unit (đơn vị phối hợp) as the plan names it. */
export interface CoordinatorRef {
  code: string;
  name: string;
  email?: string;
}

export interface CoordinatorState extends CoordinatorRef {
  acknowledgedAt?: string;
  /** The last contribution reported. */
  reportedAt?: string;
  contributions: number;
}

/** An officer (chuyên viên) of the lead unit: a user of the unit, by login. */
export interface Officer {
  login: string;
  name: string;
  email?: string;
}

/** A coordinating unit acknowledges its part; `unitCode` is the coordinator it acts for. */
export interface CoordinationAcknowledgeRequest extends Actor {
  unitCode: string;
  note?: string;
}

/** A coordinating unit reports what it contributed: a note and, if any, the evidence of it. */
export interface ContributionRequest extends Actor {
  unitCode: string;
  note: string;
  evidence?: Evidence;
}

/** The lead unit's head or clerk gives the work to an officer of the unit (or to another one). */
export interface AssignOfficerRequest extends Actor {
  officer: Officer;
  note?: string;
}
/** Writes again a step the database refused (an open incident), after the cause is fixed. */
export const retryStepUpdate = defineUpdate<{ recorded: boolean }, [RetryStepRequest]>('retryStep');

export function assignmentWorkflowId(a: { assignmentId: string } | string): string {
  return `assignment/${typeof a === 'string' ? a : a.assignmentId}`;
}

// ---- events and notifications (what activities write) ----

export type AssignmentEventType =
  | 'assigned'
  | 'acknowledge_reminder'
  | 'reminder'
  | 'overdue'
  | 'check_in'
  | 'escalated'
  | 'acknowledged'
  | 'progress_reported'
  | 'completed'
  | 'extension_requested'
  | 'extension_approved'
  | 'extension_refused'
  | 'reopened'
  | 'cancelled'
  | 'amended'
  | 'coordination_acknowledged'
  | 'contribution_reported'
  | 'officer_assigned';

export type NotificationKind =
  | 'assigned'
  | 'acknowledge_reminder'
  | 'reminder'
  | 'overdue'
  | 'check_in'
  | 'escalation'
  | 'extension_requested'
  | 'extension_decided'
  | 'reopened'
  | 'cancelled'
  | 'amended'
  | 'contribution_reported'
  | 'officer_assigned'
  /** Written by the API when a unit head invites an officer (not by a workflow). */
  | 'invitation'
  | 'digest'
  | 'report'
  /** Written by the worker, not by a step: a step the database refused (an incident), to the office. */
  | 'incident';

export interface Notification {
  /** Idempotency key of the outbox row: a retried activity enqueues nothing twice. */
  key: string;
  kind: NotificationKind;
  recipient: Recipient;
  /** The instant the notification is about (the step's planned time). */
  at: string;
  payload: Record<string, unknown>;
}

/** The projection row of an assignment, as the workflow sees it after a step. */
export interface AssignmentSnapshot {
  planVersion: number;
  status: AssignmentStatus;
  overdue: boolean;
  progressPercent: number;
  escalationLevel: number;
  dueAt: string;
  dueDate: string;
  acknowledgedAt?: string;
  completedAt?: string;
  completedLate?: boolean;
  active: boolean;
  /** Coordinators' part (reports as of any instant read it from the event log). */
  coordinators?: CoordinatorState[];
  /** The login of the officer the work is given to. */
  officer?: string;
}

export interface DigestEntry {
  assignmentId: string;
  planCode: string;
  unit: { code: string; name: string };
  task: { id: string; title: string };
  occurrence: string;
  dueAt: string;
  level: number;
  escalatedAt: string;
  /** Coordinating units the lead still waits for, when the plan makes it wait (names as people read them). */
  waitingFor?: string[];
}

export interface DigestChange {
  register?: { recipients: Recipient[]; entry: DigestEntry };
  /** recipientKeys to remove the assignment from. */
  remove?: {
    recipients: string[];
    assignmentId: string;
    reason: 'done' | 'extended' | 'cancelled' | 'amended';
  };
}

export interface AssignmentStep {
  /** Deterministic: assignment id + step key; the event is stored once whatever the retries. */
  eventId: string;
  assignmentId: string;
  planId: string;
  issuerCode: string;
  unitCode: string;
  type: AssignmentEventType;
  occurredAt: string;
  actor: string;
  requestId?: string;
  payload: Record<string, unknown>;
  snapshot: AssignmentSnapshot;
  notifications: Notification[];
  digest?: DigestChange;
}

/** A step the database refused for good: recorded as an incident for the Home Affairs office to repair. */
export interface StepFailure {
  eventId: string;
  assignmentId: string;
  planId: string;
  issuerCode: string;
  unitCode: string;
  stepType: AssignmentEventType;
  actor: string;
  occurredAt: string;
  sqlstate: string | null;
  reason: string;
  /** Who is told: the Home Affairs office of the issuer. */
  office: Recipient;
  planCode: string;
  /** What the mail names (never the content of the step). */
  task: { id: string; title: string };
  unit: AssignmentInput['unit'];
}

/** The Home Affairs office asks the workflow to write a failed step again (after the cause is fixed). */
export interface RetryStepRequest extends Actor {
  eventId: string;
}

// ---- digests ----

export interface DigestInput {
  planCode: string;
  recipient: Recipient;
  /** Instants the digest is due (from the IR); those already past when a run starts are skipped. */
  occurrences: string[];
  /** Carried over continue-as-new. */
  entries?: DigestEntry[];
  /** Units that had entries in the last digest sent (for the "resolved since" roll-up). */
  lastUnits?: string[];
}

export interface DigestSignal {
  action: 'register' | 'remove';
  assignmentId: string;
  entry?: DigestEntry;
}

export const digestChangeSignal = defineSignal<[DigestSignal]>('digestChange');
export const digestEntriesQuery = defineQuery<DigestEntry[]>('digestEntries');

export type Rag = 'red' | 'amber' | 'green';

export interface DigestContent {
  key: string;
  planCode: string;
  recipient: Recipient;
  at: string;
  units: {
    unit: { code: string; name: string };
    rag: Rag;
    items: {
      assignmentId: string;
      taskId: string;
      title: string;
      occurrence: string;
      dueAt: string;
      daysOverdue: number;
      level: number;
      /** Coordinating units the lead waits for (only when the plan makes it wait). */
      waitingFor?: string[];
    }[];
  }[];
  rollUp: { red: number; amber: number; green: number; openEscalations: number };
}

export function digestWorkflowId(planCode: string, recipient: Pick<Recipient, 'kind' | 'id'>): string {
  return `digest/${planCode}/${recipientKey(recipient)}`;
}

// ---- plans ----

export interface PlanInput {
  planId: string;
  planCode: string;
  version: number;
  /** End of the plan's calendar window: the plan workflow closes then. */
  closesAt: string;
  /** Carried over continue-as-new. */
  state?: PlanState;
}

export interface PlanAmendment {
  fromVersion: number;
  toVersion: number;
  requestedBy: string;
  at: string;
  added: number;
  removed: number;
  changed: number;
  kept: number;
  applied: boolean;
}

export interface PlanState {
  version: number;
  phase: 'starting' | 'running' | 'amending' | 'closed';
  total: number;
  started: number;
  alreadyRunning: number;
  counts: Record<ProgressClass, number>;
  amendments: PlanAmendment[];
  /** Versions waiting to be applied, oldest first. */
  pending: { version: number; by: string; requestId: string }[];
  /** Where an interrupted fan-out or amendment resumes. */
  cursor: number;
  startedAt: string;
}

export interface AmendPlanRequest extends Actor {
  version: number;
}

export interface ProgressChange {
  assignmentId: string;
  from: ProgressClass | 'none';
  to: ProgressClass;
}

export const planProgressQuery = defineQuery<PlanState>('planProgress');
export const amendPlanUpdate = defineUpdate<{ accepted: number }, [AmendPlanRequest]>('amendPlan');
export const progressChangedSignal = defineSignal<[ProgressChange]>('progressChanged');

export function planWorkflowId(planCode: string): string {
  return `plan/${planCode}`;
}

export interface BatchResult {
  started: number;
  alreadyRunning: number;
  total: number;
  /** The cursor of the next batch, or null when done. */
  next: number | null;
}

export interface AmendmentBatchResult {
  added: number;
  removed: number;
  changed: number;
  kept: number;
  total: number;
  next: number | null;
}

// ---- reports ----

export interface ReportInput {
  planCode: string;
  reportId: string;
}

export function reportScheduleId(planCode: string, reportId: string): string {
  return `report/${planCode}/${reportId}`;
}
