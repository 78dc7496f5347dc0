// What the workflows ask of the outside world: the activity interfaces. The worker implements them
// (apps/worker/activities); workflows call them through proxyActivities and import nothing else of the worker.
import type {
  AmendmentBatchResult,
  AssignmentStep,
  BatchResult,
  DigestContent,
  ReportInput,
} from './contracts.js';

export interface AssignmentActivities {
  recordAssignmentStep(step: AssignmentStep): Promise<{ recorded: boolean }>;
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
