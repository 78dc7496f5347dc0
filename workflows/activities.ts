// What the workflows ask of the outside world: the activity interfaces. The worker implements them
// (apps/worker/activities); workflows call them through proxyActivities and import nothing else of the worker.
import type {
  AmendmentBatchResult,
  AssignmentStep,
  BatchResult,
  DigestContent,
  ReportInput,
  StepFailure,
} from './contracts.js';

export interface AssignmentActivities {
  recordAssignmentStep(step: AssignmentStep): Promise<{ recorded: boolean }>;
  /** A step the database refused for good: an open incident and a mail to the Home Affairs office. */
  recordStepFailure(failure: StepFailure): Promise<void>;
  /** The failed step is written now: its incident is resolved. */
  recordStepRepaired(p: { eventId: string; by: string }): Promise<void>;
}

export interface DigestActivities {
  sendDigest(content: DigestContent): Promise<{ recorded: boolean }>;
}

export interface PlanActivities {
  startAssignmentBatch(p: {
    planId: string;
    version: number;
    offset: number;
    limit: number;
  }): Promise<BatchResult>;
  applyAmendmentBatch(p: {
    planId: string;
    fromVersion: number;
    toVersion: number;
    requestedBy: string;
    offset: number;
    limit: number;
  }): Promise<AmendmentBatchResult>;
  recordPlanEvent(e: {
    eventId: string;
    planId: string;
    type: string;
    payload: Record<string, unknown>;
  }): Promise<void>;
}

export interface ReportActivities {
  compileReport(p: ReportInput & { at: string; runId: string }): Promise<{ key: string | null }>;
}
