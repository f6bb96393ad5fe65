/**
 * What the drills share: running one (stack up, counts before, the drill, counts after, reconciliation, stack down),
 * opening work orders as tenants and coordinators do, tenants confirming, and the expectation of the drills' path.
 */
import type { Client } from '@temporalio/client';
import { rm } from 'node:fs/promises';
import { mapLimit, retrying, sleep } from '../async';
import { startStack, type Stack, type StackOptions } from './harness';
import { COORDINATOR_KEY_NAME } from './harness/credentials';
import type { DrillTenant } from './harness/database';
import type { Log } from './harness/log';
import { messageSid, orderOfMessage, problemFor } from './harness/texts';
import {
  formatCounts,
  printReconciliation,
  reconcile,
  snapshotCounts,
  type Check,
  type Counts,
  type ExpectedOrder,
  type Reconciliation,
} from './reconcile';

export interface DrillResult {
  drill: string;
  passed: boolean;
  before: Counts;
  after: Counts;
  reconciliation: Reconciliation;
  /** What the drill did and saw: faults injected, requests retried, activities retried. */
  facts: string[];
  seconds: number;
}

/** Options every drill takes: smaller sizes for CI, a shared Temporal server and bundle in tests. */
export interface CommonDrillOptions {
  log?: Log;
  temporal?: StackOptions['temporal'];
  bundlePath?: string;
  /** Keep the worker's and API's logs under .data/faults even when the drill passed. */
  keepLogs?: boolean;
}

export const defaultLog: Log = (line) => console.log(line);

export async function runDrill(
  name: string,
  stackOptions: Omit<StackOptions, 'drill' | 'log'>,
  common: CommonDrillOptions,
  /** Returns what it expects; `facts` are printed, `checks` join the reconciliation's (what only the drill can see). */
  body: (stack: Stack, facts: string[], checks: Check[]) => Promise<ExpectedOrder[]>,
): Promise<DrillResult> {
  const log: Log = (line) => (common.log ?? defaultLog)(`[${name}] ${line}`);
  const started = Date.now();
  const stack = await startStack({
    ...stackOptions,
    drill: name,
    log,
    temporal: common.temporal,
    bundlePath: common.bundlePath,
  });
  const scope = { pool: stack.pool, client: stack.client, taskQueue: stack.taskQueue, twilio: stack.twilio };
  let passed = false;
  try {
    const before = await snapshotCounts(scope);
    log(`before: ${formatCounts(before)}`);
    const facts: string[] = [];
    const drillChecks: Check[] = [];
    const expected = await body(stack, facts, drillChecks);
    // The worker keeps running: the reconciliation asks every workflow for its state, and a query needs a worker.
    const retries = await activityRetries(
      stack.client,
      expected.map((e) => e.number),
    );
    facts.push(
      `activities retried: ${retries.retriedActivities} activities took ${retries.extraAttempts} extra attempts (max attempt ${retries.maxAttempt})`,
    );
    const routings = (
      await stack.pool.query<{ routings: string; orders: string }>(
        `SELECT count(*) AS routings, count(DISTINCT work_order_number) AS orders FROM decisions WHERE kind = 'routing'`,
      )
    ).rows[0]!;
    const reproposed = Number(routings.routings) - Number(routings.orders);
    if (reproposed > 0)
      facts.push(
        `automatic bookings that lost their slot to another order and proposed again: ${reproposed} (each order's events unchanged)`,
      );
    for (const fact of facts) log(`fact: ${fact}`);
    const reconciled = await reconcile(scope, expected);
    const checks = [...drillChecks, ...reconciled.checks];
    const reconciliation: Reconciliation = { ...reconciled, checks, passed: checks.every((c) => c.pass) };
    log(`after:  ${formatCounts(reconciliation.counts)}`);
    printReconciliation(reconciliation, log);
    const seconds = Math.round((Date.now() - started) / 100) / 10;
    const keepLogs = common.keepLogs || !reconciliation.passed;
    log(
      `${reconciliation.passed ? 'PASSED' : 'FAILED'} in ${seconds} s${keepLogs ? ` (worker and API logs: ${stack.logDir})` : ''}`,
    );
    passed = reconciliation.passed;
    return {
      drill: name,
      passed: reconciliation.passed,
      before,
      after: reconciliation.counts,
      reconciliation,
      facts,
      seconds,
    };
  } finally {
    await stack.stop();
    if (passed && !common.keepLogs) await rm(stack.logDir, { recursive: true, force: true });
  }
}

/**
 * Retries as Temporal recorded them: an activity's started event carries the attempt that completed it (failed attempts
 * are not in the history, their number is), so attempt − 1 is how often it was retried.
 */
export async function activityRetries(
  client: Client,
  numbers: number[],
): Promise<{ retriedActivities: number; extraAttempts: number; maxAttempt: number }> {
  let retriedActivities = 0;
  let extraAttempts = 0;
  let maxAttempt = 1;
  await mapLimit(numbers, 6, async (n) => {
    const history = await client.workflow.getHandle(`work-order-${n}`).fetchHistory();
    for (const event of history.events ?? []) {
      const attempt = event.activityTaskStartedEventAttributes?.attempt;
      if (!attempt || attempt <= 1) continue;
      retriedActivities++;
      extraAttempts += attempt - 1;
      maxAttempt = Math.max(maxAttempt, attempt);
    }
  });
  return { retriedActivities, extraAttempts, maxAttempt };
}

// ---------- opening orders ----------

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

/**
 * The drills' path: auto-assigned, the tenant asked once, and (when confirmed) scheduled, and only then the technician
 * texted once: a technician hears of a visit once it is set, never of a proposal.
 */
export function expectedAutoPath(order: Opened, options: { confirmed: boolean; classifier?: string }): ExpectedOrder {
  const events = [
    'created',
    'triage_started',
    'context_enriched',
    'classified',
    'assigned',
    ...(options.confirmed ? ['tenant_confirmed'] : []),
  ];
  return {
    number: order.number,
    status: options.confirmed ? 'scheduled' : 'awaiting_confirmation',
    events,
    actors: {
      created: order.via === 'sms' ? `tenant:${order.tenant.id}` : `coordinator:${COORDINATOR_KEY_NAME}`,
      triage_started: 'system:workflow',
      classified: `system:classifier:${options.classifier ?? 'heuristic'}`,
      assigned: 'system:workflow',
      ...(options.confirmed ? { tenant_confirmed: `tenant:${order.tenant.id}` } : {}),
    },
    sms: { confirmation_request: 1, ...(options.confirmed ? { technician_assignment: 1 } : {}) },
    ...(order.intakeSid ? { intakeSid: order.intakeSid } : {}),
  };
}

export function describeStatuses(counts: Record<string, number>): string {
  return (
    Object.entries(counts)
      .map(([s, n]) => `${s} ${n}`)
      .join(', ') || 'no orders yet'
  );
}

export function randomBetween(min: number, max: number): number {
  return min + Math.random() * (max - min);
}

export { sleep };

/** Parses `--name value` and `--name=value` numbers from a drill's command line. */
export function numberArg(argv: string[], name: string): number | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === `--${name}` && argv[i + 1] !== undefined) return Number(argv[i + 1]);
    if (arg.startsWith(`--${name}=`)) return Number(arg.slice(name.length + 3));
  }
  return undefined;
}

/** Runs a drill from the command line: exit 0 when its reconciliation passed, 1 otherwise. */
export function runFromCommandLine(run: (argv: string[]) => Promise<DrillResult>): void {
  run(process.argv.slice(2)).then(
    (result) => process.exit(result.passed ? 0 : 1),
    (err: unknown) => {
      console.error(err);
      process.exit(2);
    },
  );
}

// ---------- restarting a service during a run ----------

export interface RestartDrillOptions extends CommonDrillOptions {
  orders?: number;
  /** How long the service stays down each time, in ms. */
  downMs?: number;
  timeoutMs?: number;
}

/**
 * Tenants text their problems and confirm their visits while a service is restarted three times: a third of the way
 * through the intake, as the orders are being triaged, and halfway through the confirmations. Every text is retried
 * with its MessageSid until answered, as Twilio would. Expected: every order scheduled, on the auto path.
 */
export async function restartDrill(
  name: string,
  stackOptions: Omit<StackOptions, 'drill' | 'log' | 'tenants'>,
  options: RestartDrillOptions,
  restart: (stack: Stack, index: number) => Promise<string>,
): Promise<DrillResult> {
  const orders = options.orders ?? 40;
  return runDrill(name, { ...stackOptions, tenants: orders }, options, async (stack, facts) => {
    const { log } = stack;
    const restarts: Array<Promise<void>> = [];
    const faultLog: string[] = [];
    const inject = (when: string) => {
      const index = restarts.length + 1;
      restarts.push(
        (async () => {
          const statuses = await stack.statusCounts().then(describeStatuses, () => 'unknown');
          const started = Date.now();
          const how = await restart(stack, index);
          const line = `restart #${index} ${when}: ${how}, back after ${((Date.now() - started) / 1000).toFixed(1)} s (orders before it: ${statuses})`;
          faultLog.push(line);
          log(line);
        })(),
      );
    };

    log(`opening ${orders} work orders by text; the texts are retried until answered`);
    let openedCount = 0;
    let intakeRetries = 0;
    const opened: Opened[] = await mapLimit(
      Array.from({ length: orders }, (_, i) => i),
      3,
      async (i) => {
        const order = await openOrder(stack, i, 'sms', { retry: true });
        intakeRetries += order.retries;
        if (++openedCount === Math.ceil(orders / 3)) inject('during the intake');
        await sleep(50);
        return order;
      },
    );
    log(
      `opened ${opened.length} (#${opened[0]?.number}..#${opened.at(-1)?.number}); ${intakeRetries} texts were sent again after a failed answer`,
    );
    await Promise.all(restarts);
    inject('while the orders are triaged');
    const { notScheduled, retries } = await confirmAsTheyWait(stack, opened, {
      timeoutMs: options.timeoutMs ?? 10 * 60_000,
      retry: true,
      onConfirmed: (count) => {
        if (count === Math.ceil(orders / 2)) inject('during the confirmations');
      },
    });
    await Promise.all(restarts);
    if (notScheduled.size > 0)
      log(
        `${notScheduled.size} orders not scheduled in time: ${[...notScheduled]
          .slice(0, 5)
          .map(([n, s]) => `#${n} ${s}`)
          .join(', ')}`,
      );
    facts.push(...faultLog);
    facts.push(`texts sent again after a failed answer: ${intakeRetries} at intake, ${retries} confirmations`);
    const { requests, failed, slowestMs } = stack.api.stats;
    facts.push(
      `webhook requests: ${requests}, ${failed} failed (5xx or no answer); the slowest answer took ${(slowestMs / 1000).toFixed(1)} s`,
    );
    if (stack.twilio)
      facts.push(
        `Twilio send attempts ${stack.twilio.createAttempts}, messages accepted ${stack.twilio.messages.length}`,
      );
    return opened.map((o) => expectedAutoPath(o, { confirmed: true }));
  });
}
