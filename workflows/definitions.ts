/**
 * The work order workflow's public handles: ids, signals, updates, the state query and search attributes. Their
 * payloads and the state are types in domain/workOrderContract.ts. No side effects here: the API imports this file,
 * never the workflow code.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import { defineSearchAttributeKey, SearchAttributeType, type SearchAttributePair } from '@temporalio/common';
import type {
  AssignmentDecision,
  CancelRequest,
  MarkUrgentRequest,
  NoAccess,
  PartsArrived,
  PartsNeeded,
  PhotoSubmission,
  ReevaluateRequest,
  RetryStepRequest,
  ReviewDecision,
  SmsDeliveryFailed,
  TechnicianCheckIn,
  TechnicianDeactivation,
  TechnicianDeactivationOutcome,
  TechnicianOnTheWay,
  TenantReply,
  VendorPick,
  VendorReply,
  WorkOrderInput,
  WorkOrderState,
} from '../domain/workOrderContract';

export const WORK_ORDER_TASK_QUEUE = 'work-orders';

export function workOrderWorkflowId(number: number): string {
  return `work-order-${number}`;
}

export function workOrderNumberFromWorkflowId(workflowId: string): number | null {
  const match = /^work-order-(\d+)$/.exec(workflowId);
  return match ? Number(match[1]) : null;
}

export const searchAttributes = {
  status: defineSearchAttributeKey('WorkOrderStatus', SearchAttributeType.KEYWORD),
  priority: defineSearchAttributeKey('Priority', SearchAttributeType.KEYWORD),
  buildingId: defineSearchAttributeKey('BuildingId', SearchAttributeType.KEYWORD),
  technicianId: defineSearchAttributeKey('TechnicianId', SearchAttributeType.KEYWORD),
  needsCoordinator: defineSearchAttributeKey('NeedsCoordinator', SearchAttributeType.BOOL),
  slaDeadline: defineSearchAttributeKey('SlaDeadline', SearchAttributeType.DATETIME),
  /** The access escalation ladder's current step, while a tenant is not letting the technician in. */
  accessEscalation: defineSearchAttributeKey('AccessEscalation', SearchAttributeType.KEYWORD),
};

/** What a work order's workflow starts with, from the API or a preventive run: visible in the Temporal UI at once. */
export function initialSearchAttributes(
  input: Pick<WorkOrderInput, 'buildingId' | 'requestedPriority'>,
): SearchAttributePair[] {
  return [
    { key: searchAttributes.status, value: 'created' },
    { key: searchAttributes.buildingId, value: String(input.buildingId) },
    { key: searchAttributes.needsCoordinator, value: false },
    ...(input.requestedPriority ? [{ key: searchAttributes.priority, value: input.requestedPriority }] : []),
  ];
}

/** `--search-attribute` arguments for `temporal server start-dev`, from the keys above. */
export const SEARCH_ATTRIBUTE_CLI_TYPES: Record<string, 'Keyword' | 'Bool' | 'Datetime'> = {
  WorkOrderStatus: 'Keyword',
  Priority: 'Keyword',
  BuildingId: 'Keyword',
  TechnicianId: 'Keyword',
  NeedsCoordinator: 'Bool',
  SlaDeadline: 'Datetime',
  AccessEscalation: 'Keyword',
};

// Signals: facts from outside that need no answer.
export const tenantReplySignal = defineSignal<[TenantReply]>('tenantReply');
export const technicianCheckInSignal = defineSignal<[TechnicianCheckIn]>('technicianCheckIn');
export const technicianOnTheWaySignal = defineSignal<[TechnicianOnTheWay]>('technicianOnTheWay');
export const smsDeliveryFailedSignal = defineSignal<[SmsDeliveryFailed]>('smsDeliveryFailed');
export const photosSubmittedSignal = defineSignal<[PhotoSubmission]>('photosSubmitted');
export const partsNeededSignal = defineSignal<[PartsNeeded]>('partsNeeded');
export const partsArrivedSignal = defineSignal<[PartsArrived]>('partsArrived');
export const noAccessSignal = defineSignal<[NoAccess]>('noAccess');
export const vendorReplySignal = defineSignal<[VendorReply]>('vendorReply');

// Updates: coordinator decisions, validated and answered.
export const decideAssignmentUpdate = defineUpdate<WorkOrderState, [AssignmentDecision]>('decideAssignment');
export const reviewUpdate = defineUpdate<WorkOrderState, [ReviewDecision]>('review');
export const cancelUpdate = defineUpdate<WorkOrderState, [CancelRequest]>('cancel');
export const markUrgentUpdate = defineUpdate<WorkOrderState, [MarkUrgentRequest]>('markUrgent');
export const pickVendorUpdate = defineUpdate<WorkOrderState, [VendorPick]>('pickVendor');
export const reevaluateUpdate = defineUpdate<WorkOrderState, [ReevaluateRequest]>('reevaluate');
export const retryStepUpdate = defineUpdate<WorkOrderState, [RetryStepRequest]>('retryStep');
export const technicianDeactivatedUpdate = defineUpdate<TechnicianDeactivationOutcome, [TechnicianDeactivation]>(
  'technicianDeactivated',
);

export const stateQuery = defineQuery<WorkOrderState>('state');
