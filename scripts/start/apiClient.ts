/** The few API calls the demo makes with the admin key: a request, a work order's status, statuses polled. */
import { sleep } from '../async';

export async function apiRequest<T>(
  apiUrl: string,
  key: string,
  method: 'GET' | 'POST',
  route: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(`${apiUrl}${route}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${route} answered ${res.status}: ${text}`);
  return JSON.parse(text) as T;
}

export async function statusOf(apiUrl: string, key: string, number: number): Promise<string> {
  return (await apiRequest<{ status: string }>(apiUrl, key, 'GET', `/work-orders/${number}`)).status;
}

/** Polls each work order until `done(status)` or the deadline; returns the last status seen. */
export async function pollStatuses(
  apiUrl: string,
  key: string,
  numbers: number[],
  done: (status: string) => boolean,
  timeoutMs: number,
): Promise<Map<number, string>> {
  const statuses = new Map<number, string>();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const n of numbers) statuses.set(n, await statusOf(apiUrl, key, n));
    if ([...statuses.values()].every(done) || Date.now() > deadline) return statuses;
    await sleep(500);
  }
}
