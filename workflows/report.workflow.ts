import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { ReportActivities } from './activities.js';
import type { ReportInput } from './contracts.js';

const { compileReport } = proxyActivities<ReportActivities>({
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

/**
 * One run of a plan report, started by the report's Temporal Schedule at the cut-off. The activity finds the
 * period whose cut-off has just passed, computes the figures from the projections and queues the mail; the
 * report key (plan, report, period) makes a second run of the same period harmless.
 */
export async function reportWorkflow(input: ReportInput): Promise<{ key: string | null }> {
  const at = new Date(Date.now()).toISOString();
  return compileReport({ ...input, at, runId: workflowInfo().runId });
}
