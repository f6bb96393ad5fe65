import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { FailureType } from '../domain/failures';
import { AppError } from './errors';

const STATUS_BY_FAILURE: Record<string, { status: number; code: string }> = {
  [FailureType.DecisionNoLongerApplies]: { status: 409, code: 'decision_no_longer_applies' },
  [FailureType.TechnicianDoubleBooked]: { status: 409, code: 'technician_double_booked' },
  [FailureType.InvalidDecision]: { status: 422, code: 'invalid_decision' },
  [FailureType.NotFound]: { status: 404, code: 'not_found' },
};

/** Turns a workflow's business rejection into the HTTP answer; anything else is rethrown as it is. */
export function toHttpError(err: unknown, number: number): unknown {
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
    const mapped = err.cause.type ? STATUS_BY_FAILURE[err.cause.type] : undefined;
    if (mapped) return new AppError(mapped.status, mapped.code, err.cause.message);
  }
  if (err instanceof WorkflowNotFoundError) {
    return new AppError(
      409,
      'decision_no_longer_applies',
      `work order ${number} is closed: no decision applies any more`,
    );
  }
  return err;
}
