/**
 * The types of failures raised with `ApplicationFailure.create({ type, nonRetryable: true })`: business rejections
 * the API maps to HTTP answers, and the activity failures another try cannot fix. Nobody rewraps them as plain errors.
 */
export const FailureType = {
  /** The work order has moved on: the decision no longer applies (HTTP 409). */
  DecisionNoLongerApplies: 'DecisionNoLongerApplies',
  /** The technician already has a booking that overlaps the slot (HTTP 409). */
  TechnicianDoubleBooked: 'TechnicianDoubleBooked',
  /** The decision is well-formed but not allowed, e.g. an override without a reason (HTTP 422). */
  InvalidDecision: 'InvalidDecision',
  /** A referenced record does not exist (HTTP 404). */
  NotFound: 'NotFound',
  /** The status machine (domain/status.ts) forbids the change: a bug in the workflow, never retried. */
  ForbiddenTransition: 'ForbiddenTransition',
  /** The worker lacks something it needs (an SMS sender, the rules row): retried, an operator must fix it. */
  Misconfigured: 'Misconfigured',
  /**
   * Postgres refused the data (a data or constraint error), or data read back failed validation: the same call
   * fails the same way every time, so it is not retried and the step goes to a coordinator.
   */
  PermanentDataError: 'PermanentDataError',
} as const;

export type FailureTypeName = (typeof FailureType)[keyof typeof FailureType];
