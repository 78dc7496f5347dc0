// Entry of the workflow bundle: every workflow type the worker runs.
export { assignmentWorkflow } from './assignment.workflow.js';
