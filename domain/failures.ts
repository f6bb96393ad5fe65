/**
 * The types of business rejections raised with `ApplicationFailure.create({ type, nonRetryable: true })`.
 * The API maps them to HTTP answers; nobody rewraps them as plain errors.
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
} as const;

export type FailureTypeName = (typeof FailureType)[keyof typeof FailureType];
