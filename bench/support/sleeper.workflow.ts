// The emptiest long-lived workflow: the SDK's own cost of a cached workflow, next to the assignment workflow's.
import { sleep } from '@temporalio/workflow';

export async function sleeperWorkflow(): Promise<void> {
  await sleep('365 days');
}
