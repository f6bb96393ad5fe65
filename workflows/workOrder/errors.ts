import { ApplicationFailure } from '@temporalio/workflow';
import { FailureType } from '../../domain/failures';

/** Thrown from any wait once a coordinator has cancelled the order; caught once at the top. */
export class CancelRequested extends Error {}

export function noLongerApplies(message: string): ApplicationFailure {
  return ApplicationFailure.create({ type: FailureType.DecisionNoLongerApplies, message, nonRetryable: true });
}

export function invalidDecision(message: string): ApplicationFailure {
  return ApplicationFailure.create({ type: FailureType.InvalidDecision, message, nonRetryable: true });
}
