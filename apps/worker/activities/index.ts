// Every activity the worker registers, built from the worker's dependencies.
import { createAssignmentActivities, type EngineDeps } from './assignment.activities.js';
import { createDigestActivities } from './digest.activities.js';
import { createPlanActivities } from './plan.activities.js';
import { createReportActivities } from './report.activities.js';

export type { EngineDeps } from './assignment.activities.js';
export { PlanContextCache } from './plan-context.js';

export function createActivities(deps: EngineDeps) {
  return {
    ...createAssignmentActivities(deps),
    ...createDigestActivities(deps.db),
    ...createPlanActivities(deps),
    ...createReportActivities(deps.db),
  };
}
