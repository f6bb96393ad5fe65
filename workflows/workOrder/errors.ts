import { ApplicationFailure } from '@temporalio/workflow';
import { FailureType } from '../../domain/failures';
import type { CoordinatorChoice } from './context';

/** Thrown from any wait once a coordinator has cancelled the order; caught once at the top. */
export class CancelRequested extends Error {}

/**
 * Thrown from a failed step's wait when a coordinator booked a visit instead of retrying it: the run goes on from
 * that booking (caught once at the top, which schedules the visit from it).
 */
export class CoordinatorTookOver extends Error {
  constructor(readonly choice: CoordinatorChoice) {
    super('a coordinator booked a visit in place of the failed step');
  }
}

/**
 * Thrown from the scheduled visit's wait once its technician was deactivated and the booking released: the run
 * schedules a new visit (caught once at the top, like CoordinatorTookOver).
 */
export class TechnicianWithdrawn extends Error {
  constructor() {
    super('the booked technician was deactivated');
  }
}

export function noLongerApplies(message: string): ApplicationFailure {
  return ApplicationFailure.create({ type: FailureType.DecisionNoLongerApplies, message, nonRetryable: true });
}

export function invalidDecision(message: string): ApplicationFailure {
  return ApplicationFailure.create({ type: FailureType.InvalidDecision, message, nonRetryable: true });
}
