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
