// The bundler's entry point: every workflow the worker runs.
export { workOrderWorkflow } from './workOrder';
export { preventivePlanWorkflow } from './preventive';
export { coordinatorTextWorkflow } from './coordinatorText';
export { coordinatorPagerWorkflow } from './pager';
