// Every activity the worker registers, built from the worker's dependencies.
import { createAssignmentActivities } from './assignment.activities.js';
import type { ActivityDeps } from './deps.js';
import { createDigestActivities } from './digest.activities.js';
import { createPlanActivities } from './plan.activities.js';
import { createReportActivities } from './report.activities.js';

export type { ActivityDeps } from './deps.js';
export { PlanContextCache } from './plan-context.js';

export function createActivities(deps: ActivityDeps) {
  return {
    ...createAssignmentActivities(deps),
    ...createDigestActivities(deps),
    ...createPlanActivities(deps),
    ...createReportActivities(deps),
  };
}
