import { isGrpcServiceError, ScheduleAlreadyRunning, ScheduleNotFoundError, ServiceError } from '@temporalio/client';
import { AppError, conflict, notFound } from '../errors';

/** gRPC's status code for a request the server refuses as malformed. */
const INVALID_ARGUMENT = 3;

/** Temporal's answers about a schedule as HTTP errors; anything else is rethrown as it is. */
export function scheduleHttpError(err: unknown, planId: string): unknown {
  if (err instanceof ScheduleNotFoundError) return notFound(`schedule ${planId} (its Temporal Schedule is gone)`);
  if (err instanceof ScheduleAlreadyRunning) return conflict(`a Temporal Schedule for ${planId} exists already`);
  const cause = err instanceof ServiceError ? err.cause : undefined;
  if (isGrpcServiceError(cause) && cause.code === INVALID_ARGUMENT) {
    return new AppError(400, 'invalid_request', 'Temporal refused the schedule', [
      { path: 'body.schedule', message: cause.details || cause.message },
    ]);
  }
  return err;
}
