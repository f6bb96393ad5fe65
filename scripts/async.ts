/**
 * Promise helpers the scripts share (the fault drills, the benchmarks): a pause, a map with a bounded number of
 * calls in flight, and retrying a request while a service is down.
 */

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `work` over `items` with at most `limit` at a time; results in the items' order. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!, index);
    }
  });
  await Promise.all(lanes);
  return results;
}

/** Retries `attempt` (a request that may fail while a service is down) until it succeeds or `timeoutMs` passes. */
export async function retrying<T>(
  what: string,
  attempt: () => Promise<T>,
  { timeoutMs = 120_000, pauseMs = 500 } = {},
): Promise<{ value: T; failures: number }> {
  const deadline = Date.now() + timeoutMs;
  let failures = 0;
  for (;;) {
    try {
      return { value: await attempt(), failures };
    } catch (err) {
      failures++;
      if (Date.now() > deadline)
        throw new Error(`${what}: still failing after ${failures} attempts: ${(err as Error).message}`, { cause: err });
      await sleep(pauseMs);
    }
  }
}
