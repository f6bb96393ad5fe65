/**
 * Opening work orders as tenants and coordinators do (a signed text, or the API), and tenants confirming their visits
 * as their orders come to wait for them; every request retried until answered when a service may be down.
 */
import { mapLimit, retrying } from '../../async';
import type { Stack } from '../harness';
import type { DrillTenant } from '../harness/database';
import type { Log } from '../harness/log';
import { messageSid, orderOfMessage, problemFor } from '../harness/texts';

export interface Opened {
  index: number;
  tenant: DrillTenant;
  via: 'sms' | 'api';
  number: number;
  intakeSid?: string;
  /** Requests that failed (a service down) and were sent again. */
  retries: number;
}

/**
 * A tenant texts their problem (signed webhook, retried with the same MessageSid until it is answered: what Twilio
 * does on a failed webhook), or a coordinator files it through the API.
 */
export async function openOrder(
  stack: Stack,
  index: number,
  via: 'sms' | 'api',
  options: { retry?: boolean } = {},
): Promise<Opened> {
  const tenant = stack.db.tenants[index];
  if (!tenant)
    throw new Error(`the drill database has ${stack.db.tenants.length} tenants; order ${index + 1} needs one more`);
  const description = problemFor(index);
  if (via === 'sms') {
    const sid = messageSid(stack.drill, `i${index}`);
    const send = async () => {
      const reply = await stack.api.textFrom(tenant.phone, description, sid);
      if (reply.status !== 200) throw new Error(`webhook answered ${reply.status}: ${reply.text.slice(0, 200)}`);
      const number = await orderOfMessage(stack.pool, sid);
      if (number === null) throw new Error(`the text ${sid} opened no work order; reply: ${reply.text}`);
      if (!reply.text.includes(String(number)))
        throw new Error(`the reply does not name work order ${number}: ${reply.text}`);
      return number;
    };
    const { value, failures } = options.retry
      ? await retrying(`tenant ${tenant.id}'s text`, send)
      : { value: await send(), failures: 0 };
    return { index, tenant, via, number: value, intakeSid: sid, retries: failures };
  }
  const create = async () => {
    const reply = await stack.api.call('POST', '/work-orders', { tenantId: tenant.id, description });
    if (reply.status !== 201)
      throw new Error(`POST /work-orders answered ${reply.status}: ${reply.text.slice(0, 200)}`);
    return (reply.body as { number: number }).number;
  };
  return { index, tenant, via, number: await create(), retries: 0 };
}

/**
 * The tenant answers YES (retried with the same MessageSid until answered); `copies` deliveries of it at once;
 * `yesText`: their words, when not a plain YES.
 */
export async function confirmOrder(
  stack: Stack,
  order: Opened,
  options: { retry?: boolean; copies?: number; yesText?: (order: Opened) => string } = {},
): Promise<{ retries: number; replies: string[] }> {
  const sid = messageSid(stack.drill, `y${order.index}`);
  const copies = options.copies ?? 1;
  const words = options.yesText?.(order) ?? 'YES';
  const send = async () => {
    const replies = await Promise.all(
      Array.from({ length: copies }, () => stack.api.textFrom(order.tenant.phone, words, sid)),
    );
    const failed = replies.find((r) => r.status !== 200);
    if (failed) throw new Error(`webhook answered ${failed.status}: ${failed.text.slice(0, 200)}`);
    return replies.map((r) => r.text);
  };
  const { value, failures } = options.retry
    ? await retrying(`tenant ${order.tenant.id}'s YES`, send)
    : { value: await send(), failures: 0 };
  return { retries: failures, replies: value };
}

/**
 * The tenants confirm as their orders come to await it, until every order is scheduled or `timeoutMs` passes; `during`
 * runs alongside (a fault). Resolves with the orders still not scheduled.
 */
export async function confirmAsTheyWait(
  stack: Stack,
  opened: Opened[],
  options: {
    timeoutMs: number;
    retry?: boolean;
    copies?: number;
    yesText?: (order: Opened) => string;
    onConfirmed?: (count: number) => void;
  },
): Promise<{ notScheduled: Map<number, string>; retries: number; divergentReplies: string[] }> {
  const confirmed = new Set<number>();
  let retries = 0;
  const divergentReplies: string[] = [];
  const byNumber = new Map(opened.map((o) => [o.number, o]));
  const notScheduled = await stack.waitForStatuses([...byNumber.keys()], ['scheduled'], options.timeoutMs, async () => {
    let waiting: number[];
    try {
      waiting = (
        await stack.pool.query<{ number: string }>(
          `SELECT number FROM work_orders WHERE status = 'awaiting_confirmation' AND number = ANY($1)`,
          [[...byNumber.keys()]],
        )
      ).rows.map((r) => Number(r.number));
    } catch {
      return; // Postgres restarting
    }
    const fresh = waiting.filter((n) => !confirmed.has(n));
    await mapLimit(fresh, 6, async (n) => {
      const result = await confirmOrder(stack, byNumber.get(n)!, {
        retry: options.retry,
        copies: options.copies,
        yesText: options.yesText,
      });
      retries += result.retries;
      if (new Set(result.replies).size !== 1) divergentReplies.push(`#${n}: ${result.replies.join(' | ')}`);
      if (!result.replies.every((r) => r.includes(`#${n}`)))
        divergentReplies.push(`#${n}: an answer does not name the order: ${result.replies[0]}`);
      confirmed.add(n);
      options.onConfirmed?.(confirmed.size);
    });
  });
  return { notScheduled, retries, divergentReplies };
}

/** One line naming the first few orders not scheduled in time, when there are any. */
export function logNotScheduled(log: Log, notScheduled: Map<number, string>): void {
  if (notScheduled.size > 0)
    log(
      `${notScheduled.size} orders not scheduled in time: ${[...notScheduled]
        .slice(0, 5)
        .map(([n, s]) => `#${n} ${s}`)
        .join(', ')}`,
    );
}
