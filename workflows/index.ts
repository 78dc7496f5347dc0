// Entry of the workflow bundle: every workflow type the worker runs.
export { assignmentWorkflow } from './assignment.workflow.js';
export { digestWorkflow } from './digest.workflow.js';
export { planWorkflow } from './plan.workflow.js';
export { reportWorkflow } from './report.workflow.js';
