/**
 * Workflow time. Inside the workflow sandbox `Date` is replaced by the SDK with a deterministic clock that reads
 * the time of the current workflow task, so this is safe to call; elsewhere it would be the wall clock.
 */
export function workflowNow(): Date {
  return new Date();
}

export function secondsFromNow(seconds: number): string {
  return new Date(workflowNow().getTime() + seconds * 1000).toISOString();
}

/** Seconds from now until `instant`; at least a millisecond, so a past instant is a wait that ends at once. */
export function secondsUntil(instant: string): number {
  return Math.max(0.001, (new Date(instant).getTime() - workflowNow().getTime()) / 1000);
}
