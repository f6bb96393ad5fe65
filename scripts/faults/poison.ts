/**
 * Drill: the characters Postgres refuses (U+0000, unpaired surrogates, C0 controls), through every free-text path.
 *
 * Tenants text problems and YES replies carrying them: the texts cannot be refused, so each opens or answers its
 * order with the characters replaced (U+FFFD) and an `sms_text_repaired` event. A coordinator, a technician (through
 * a coordinator's key) and an admin send them in every free-text field of the API, the visit actions, the portfolio,
 * the rules, the schedules, the query parameters and an AppFolio import: each is a 4xx (an import row skipped) and
 * writes nothing, neither a row nor a signal or an update in a workflow's history. Last, a no-access note with a NUL
 * is signalled straight to a workflow, as a client bypassing the API would: the step Postgres refuses goes to the
 * failed-steps queue at once, and the coordinator cancels the order from there.
 *
 * Expected: every order scheduled on the auto path (with its repair events), the bypassed one cancelled; no order
 * frozen (no activity pending or retrying at the end), no step past its retry bound, every rejected write left nothing.
 *
 *   npm run fault -- poison [--orders 24]
 */
import type { Client } from '@temporalio/client';
import type { Pool } from 'pg';
import { textProblem } from '../../domain/text';
import { noAccessSignal, stateQuery, workOrderWorkflowId } from '../../workflows/definitions';
import { mapLimit, sleep } from '../async';
import type { Stack } from './harness';
import { messageSid, orderOfMessage, problemFor } from './harness/texts';
import { numberArg, runDrill, runFromCommandLine, type CommonDrillOptions, type DrillResult } from './drill';
import { expectedAutoPath } from './drill/autoPath';
import { confirmAsTheyWait, logNotScheduled, type Opened } from './drill/orders';
import type { Check, ExpectedOrder } from './reconcile';
import { rowCounts } from './reconcile/counts';

export interface PoisonOptions extends CommonDrillOptions {
  orders?: number;
  timeoutMs?: number;
}

/** What the issue found freezing orders or answering 500, and their neighbours. */
export const POISON = [
  '\u0000',
  '\ud800',
  '\udfff',
  'a\u0000b\ud83d',
  '\u0007\u001b[31m',
  '\udc00\ud800',
  `${'\u0000'.repeat(3)}tail`,
];

const poisonFor = (index: number) => POISON[index % POISON.length]!;

/**
 * Whether the webhook receives refused characters from this text: a form (Twilio's, and URLSearchParams here) carries
 * UTF-8, which has no lone surrogates, so those arrive as U+FFFD already; NUL and control characters arrive as sent.
 */
const arrivesRefused = (poison: string) => textProblem(new URLSearchParams({ Body: poison }).get('Body')!) !== null;

/** The activities' bound (workflows/activityOptions.ts): a scheduled activity allowed more attempts is a failure. */
const MAX_ATTEMPTS = 20;

export async function poisonDrill(options: PoisonOptions = {}): Promise<DrillResult> {
  const orders = Math.max(4, options.orders ?? 24);
  return runDrill('poison', { tenants: orders }, options, async (stack, facts, checks) => {
    const { log } = stack;

    log(`${orders} tenants text problems carrying ${POISON.length} kinds of refused characters`);
    const intakeProblems: string[] = [];
    const opened: Opened[] = await mapLimit(
      Array.from({ length: orders }, (_, i) => i),
      4,
      async (index) => {
        const tenant = stack.db.tenants[index]!;
        const sid = messageSid(stack.drill, `i${index}`);
        const reply = await stack.api.textFrom(tenant.phone, `${problemFor(index)} ${poisonFor(index)}`, sid);
        const number = await orderOfMessage(stack.pool, sid);
        if (reply.status !== 200 || number === null || !reply.text.includes(`#${number}`))
          intakeProblems.push(`text ${index + 1}: ${reply.status} ${reply.text.slice(0, 120)}`);
        if (number === null)
          throw new Error(
            `text ${index + 1} (${JSON.stringify(poisonFor(index))}) opened no work order: ${reply.status} ${reply.text.slice(0, 200)}`,
          );
        return { index, tenant, via: 'sms' as const, number, intakeSid: sid, retries: 0 };
      },
    );
    const stored = await stack.pool.query<{ description: string }>(
      'SELECT description FROM work_orders WHERE number = ANY($1)',
      [opened.map((o) => o.number)],
    );
    const unrepaired = stored.rows.filter((r) => !r.description.includes('\ufffd'));
    checks.push({
      name: 'texts with refused characters open their order, the characters replaced (U+FFFD)',
      pass:
        intakeProblems.length === 0 &&
        unrepaired.length === 0 &&
        stored.rows.length === orders &&
        stored.rows.every((r) => textProblem(r.description) === null),
      detail:
        intakeProblems.length > 0
          ? intakeProblems.slice(0, 5).join('; ')
          : `${orders} orders opened, ${orders - unrepaired.length} descriptions repaired`,
    });

    // The tenants answer YES with the same characters (one of them, kept for the bypass below, too).
    const [bypassed, other] = opened as [Opened, Opened, ...Opened[]];
    let yes = 0;
    const { notScheduled } = await confirmAsTheyWait(stack, opened, {
      timeoutMs: options.timeoutMs ?? 5 * 60_000,
      yesText: (o) => `YES ${poisonFor(o.index + 1)}`,
      onConfirmed: (count) => (yes = count),
    });
    logNotScheduled(log, notScheduled);
    facts.push(`${yes} YES replies carrying refused characters confirmed their visits`);

    // A confirmed visit's technician is texted after the YES: let those texts land before counting what requests write.
    await techniciansTold(
      stack.pool,
      opened.filter((o) => !notScheduled.has(o.number)).map((o) => o.number),
    );
    const rejected = await sendRejectedWrites(stack, other.number);
    checks.push(rejected.check);
    facts.push(...rejected.facts);

    log(`work order ${bypassed.number}: a no-access note with a NUL signalled straight to the workflow`);
    const bypass = await bypassTheApi(stack, bypassed.number);
    checks.push(bypass);

    checks.push(
      await noOrderFrozen(
        stack.client,
        opened.map((o) => o.number),
      ),
    );
    checks.push(
      await retriesBounded(
        stack.client,
        opened.map((o) => o.number),
      ),
    );

    // A repaired text (the problem, the YES) has its event, written beside the workflow's own.
    return opened.map((o): ExpectedOrder => {
      const repaired = [poisonFor(o.index), poisonFor(o.index + 1)]
        .filter(arrivesRefused)
        .map(() => 'sms_text_repaired');
      const auto = { ...expectedAutoPath(o, { confirmed: true }), unordered: repaired };
      if (o !== bypassed) return auto;
      return {
        ...auto,
        status: 'cancelled',
        events: [...auto.events, 'step_failed', 'cancelled'],
        sms: { ...auto.sms, cancelled: 2 },
      };
    });
  });
}

/** Waits (up to a minute) until each of these scheduled orders' technician has had the assignment text. */
async function techniciansTold(pool: Stack['pool'], numbers: number[]): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const { rows } = await pool.query<{ n: string }>(
      `SELECT count(DISTINCT work_order_number) AS n FROM sms_messages WHERE kind = 'technician_assignment' AND work_order_number = ANY($1)`,
      [numbers],
    );
    if (Number(rows[0]!.n) >= numbers.length || Date.now() > deadline) return;
    await sleep(250);
  }
}

interface Attempt {
  what: string;
  method: 'GET' | 'POST' | 'PUT';
  route: string;
  body?: unknown;
  as?: 'coordinator' | 'admin';
  /** An import answers 200 with the row skipped; everything else must be a 4xx. */
  accept?: (status: number, body: unknown) => boolean;
}

/** Every free-text field the API takes, with refused characters: each a 4xx that wrote nothing. */
async function sendRejectedWrites(stack: Stack, scheduled: number): Promise<{ check: Check; facts: string[] }> {
  const building = (
    await stack.pool.query<{ name: string; label: string; unit_id: string }>(
      `SELECT b.name, u.label, u.id AS unit_id FROM buildings b JOIN units u ON u.building_id = b.id ORDER BY b.id, u.id LIMIT 1`,
    )
  ).rows[0]!;
  const slot = {
    start: new Date(Date.now() + 3 * 86_400_000).toISOString(),
    end: new Date(Date.now() + 3 * 86_400_000 + 3_600_000).toISOString(),
  };
  const rules = (await stack.api.call('GET', '/rules')).body as { rules: unknown; version: number };
  const attempts: Attempt[] = POISON.flatMap((p, i): Attempt[] => [
    {
      what: 'a new work order',
      method: 'POST',
      route: '/work-orders',
      body: { unitId: Number(building.unit_id), description: `The sink leaks ${p}` },
    },
    {
      what: 'a cancel reason',
      method: 'POST',
      route: `/work-orders/${scheduled}/cancel`,
      body: { reason: `duplicate ${p}` },
    },
    {
      what: 'an override reason',
      method: 'POST',
      route: `/work-orders/${scheduled}/assignment`,
      body: { action: 'override', technicianId: 1, slot, reason: `asked by phone ${p}` },
    },
    {
      what: 'review notes',
      method: 'POST',
      route: `/work-orders/${scheduled}/review`,
      body: { decision: 'reject', notes: `redo it ${p}` },
    },
    {
      what: 'a no-access note',
      method: 'POST',
      route: `/work-orders/${scheduled}/visit/no-access`,
      body: { note: `nobody home ${p}` },
    },
    {
      what: 'a part name',
      method: 'POST',
      route: `/work-orders/${scheduled}/visit/parts-needed`,
      body: { parts: [{ name: `P-trap ${p}`, quantity: 1 }], eta: new Date(Date.now() + 86_400_000).toISOString() },
    },
    {
      what: 'a parts-arrived note',
      method: 'POST',
      route: `/work-orders/${scheduled}/visit/parts-arrived`,
      body: { note: `in ${p}` },
    },
    {
      what: 'a building name',
      method: 'POST',
      route: '/buildings',
      as: 'admin',
      body: { name: `Tower ${p} ${i}`, address: '1 Main St', latitude: 40, longitude: -75 },
    },
    {
      what: 'a technician name',
      method: 'POST',
      route: '/technicians',
      as: 'admin',
      body: { name: `Pat ${p}`, phone: `+1445557${String(1000 + i)}`, skills: ['plumbing'] },
    },
    {
      what: 'a rules note',
      method: 'PUT',
      route: '/rules',
      body: { rules: rules.rules, expectedVersion: rules.version, note: `tuning ${p}` },
    },
    {
      what: 'a schedule name',
      method: 'POST',
      route: '/schedules',
      as: 'admin',
      body: {
        id: `plan-${i}`,
        name: `Boilers ${p}`,
        timeZone: 'America/New_York',
        schedule: { cron: ['0 6 * * 1'] },
        rules: { seasonal: {} },
      },
    },
    // A lone surrogate's bytes decode to U+FFFD, a valid filter: a query may answer 200 (finding nothing) or 400.
    {
      what: 'an event type filter',
      method: 'GET',
      route: `/events?type=${queryValue(`x${p}`)}`,
      accept: readOnlyAnswer,
    },
    {
      what: 'an SMS log filter',
      method: 'GET',
      route: `/sms/messages?phone=${queryValue(`+1215${p}`)}`,
      accept: readOnlyAnswer,
    },
    {
      what: 'an AppFolio import cell',
      method: 'POST',
      route: '/imports/appfolio',
      as: 'admin',
      body: {
        rows: [
          {
            'Work Order Number': `P-${i}`,
            'Property Name': building.name,
            Unit: building.label,
            'Job Description': `Leak ${p}`,
            Status: 'New',
          },
        ],
      },
      accept: (status, body) =>
        status === 200 && (body as { created?: number }).created === 0 && (body as { skipped?: number }).skipped === 1,
    },
  ]);
  const problems: string[] = [];
  // The order may still be finishing the YES (the technician's texts, their events): measure from when it is at rest.
  await atRest(stack.client, scheduled);
  const before = await footprint(stack.pool, stack.client, scheduled);
  const statuses = new Map<number, number>();
  for (const attempt of attempts) {
    const reply = await stack.api.call(attempt.method, attempt.route, attempt.body, attempt.as);
    statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
    const ok = attempt.accept ? attempt.accept(reply.status, reply.body) : reply.status >= 400 && reply.status < 500;
    if (!ok)
      problems.push(
        `${attempt.what} (${attempt.method} ${attempt.route}): ${reply.status} ${reply.text.slice(0, 160)}`,
      );
    const after = await footprint(stack.pool, stack.client, scheduled);
    const changed = Object.keys(after).filter((k) => after[k] !== before[k]);
    if (changed.length > 0) {
      problems.push(
        `${attempt.what} (${attempt.method} ${attempt.route}) wrote: ${changed.map((k) => `${k} ${before[k]} → ${after[k]}`).join(', ')}`,
      );
      Object.assign(before, after);
    }
  }
  const answers = [...statuses]
    .sort(([a], [b]) => a - b)
    .map(([s, n]) => `${s} × ${n}`)
    .join(', ');
  return {
    check: {
      name: 'refused characters in every API field: a 4xx (an import row skipped), nothing written',
      pass: problems.length === 0,
      detail:
        problems.length === 0
          ? `${attempts.length} requests (${answers}); every table and work order ${scheduled}'s history unchanged`
          : problems.slice(0, 5).join('; '),
    },
    facts: [
      `rejected writes: ${attempts.length} requests through ${new Set(attempts.map((a) => a.what)).size} fields, answered ${answers}`,
    ],
  };
}

const readOnlyAnswer = (status: number) => status === 200 || status === 400;

/** Percent-encoded as a client would send it: a lone surrogate, which UTF-8 cannot encode, as its WTF-8 bytes. */
function queryValue(value: string): string {
  return [...value]
    .map((ch) => {
      const unit = ch.charCodeAt(0);
      if (ch.length > 1 || unit < 0xd800 || unit > 0xdfff) return encodeURIComponent(ch);
      return [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)]
        .map((b) => `%${b.toString(16).toUpperCase()}`)
        .join('');
    })
    .join('');
}

/** Until the workflow has no activity or workflow task pending and its history has stopped growing (at most 30 s). */
async function atRest(client: Client, number: number): Promise<void> {
  const handle = client.workflow.getHandle(workOrderWorkflowId(number));
  let last = -1;
  for (const deadline = Date.now() + 30_000; Date.now() < deadline; await sleep(500)) {
    const { historyLength, raw } = await handle.describe();
    const idle = (raw.pendingActivities ?? []).length === 0 && !raw.pendingWorkflowTask;
    if (idle && historyLength === last) return;
    last = idle ? historyLength : -1;
  }
}

/** Rows in every table and the length of one order's history: what a rejected request must leave as it was. */
async function footprint(pool: Pool, client: Client, number: number): Promise<Record<string, number>> {
  const history = (await client.workflow.getHandle(workOrderWorkflowId(number)).describe()).historyLength;
  return { ...(await rowCounts(pool)), [`history of ${number}`]: history };
}

/** A NUL past the API: the step Postgres refuses goes to a coordinator at once, who cancels the order. */
async function bypassTheApi(stack: Stack, number: number): Promise<Check> {
  const handle = stack.client.workflow.getHandle(workOrderWorkflowId(number));
  const problems: string[] = [];
  const state = await handle.query(stateQuery);
  const technicianId = state.assignment?.technicianId;
  if (technicianId === undefined)
    return {
      name: 'a NUL signalled past the API',
      pass: false,
      detail: `work order ${number} has no technician: ${state.status}`,
    };
  const sentAt = Date.now();
  await handle.signal(noAccessSignal, { technicianId, at: new Date().toISOString(), note: 'nobody home \u0000' });
  let queuedAfterMs: number | null = null;
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; await sleep(250)) {
    const queue = await stack.api.call('GET', '/queues/failed-steps');
    if (((queue.body as { items?: Array<{ number: number }> }).items ?? []).some((i) => i.number === number)) {
      queuedAfterMs = Date.now() - sentAt;
      break;
    }
  }
  if (queuedAfterMs === null) problems.push('never reached the failed-steps queue');
  const failed = await handle.query(stateQuery);
  if (failed.failedStep?.step !== 'recordAccessProblem' || failed.failedStep.retriesExhausted)
    problems.push(`failed step ${JSON.stringify(failed.failedStep)}`);
  const cancelled = await stack.api.call('POST', `/work-orders/${number}/cancel`, {
    reason: 'poison drill: cancelled from the failed-steps queue',
  });
  if (cancelled.status !== 200) problems.push(`cancel answered ${cancelled.status}: ${cancelled.text.slice(0, 160)}`);
  return {
    name: 'a NUL signalled past the API: the refused step in the failed-steps queue at once (no retries), then cancelled',
    pass: problems.length === 0,
    detail:
      problems.length === 0
        ? `work order ${number}: recordAccessProblem refused, queued after ${((queuedAfterMs ?? 0) / 1000).toFixed(1)} s, cancelled`
        : problems.join('; '),
  };
}

/** No workflow has an activity pending (retrying or waiting for a worker): nothing is stuck where nobody sees it. */
async function noOrderFrozen(client: Client, numbers: number[]): Promise<Check> {
  const stuck: string[] = [];
  const deadline = Date.now() + 30_000;
  for (;;) {
    stuck.length = 0;
    await mapLimit(numbers, 6, async (n) => {
      const described = await client.workflow.getHandle(workOrderWorkflowId(n)).describe();
      for (const pending of described.raw.pendingActivities ?? [])
        stuck.push(
          `#${n} ${pending.activityType?.name} attempt ${pending.attempt}: ${pending.lastFailure?.message ?? 'not started'}`,
        );
    });
    if (stuck.length === 0 || Date.now() > deadline) break;
    await sleep(500);
  }
  return {
    name: 'no order frozen: no activity left pending or retrying',
    pass: stuck.length === 0,
    detail:
      stuck.length === 0 ? `${numbers.length} workflows, none with a pending activity` : stuck.slice(0, 5).join('; '),
  };
}

/** Every activity Temporal scheduled carried a bounded retry policy, and none took more attempts than it. */
async function retriesBounded(client: Client, numbers: number[]): Promise<Check> {
  const problems: string[] = [];
  let scheduled = 0;
  let maxAttempt = 1;
  await mapLimit(numbers, 6, async (n) => {
    const history = await client.workflow.getHandle(workOrderWorkflowId(n)).fetchHistory();
    for (const event of history.events ?? []) {
      const policy = event.activityTaskScheduledEventAttributes?.retryPolicy;
      if (event.activityTaskScheduledEventAttributes) {
        scheduled++;
        const bound = policy?.maximumAttempts ?? 0;
        if (bound < 1 || bound > MAX_ATTEMPTS)
          problems.push(
            `#${n} ${event.activityTaskScheduledEventAttributes.activityType?.name}: maximumAttempts ${bound}`,
          );
      }
      const attempt = event.activityTaskStartedEventAttributes?.attempt ?? 1;
      maxAttempt = Math.max(maxAttempt, attempt);
      if (attempt > MAX_ATTEMPTS) problems.push(`#${n}: an activity ran attempt ${attempt}`);
    }
  });
  return {
    name: `no step past its retry bound (${MAX_ATTEMPTS} attempts)`,
    pass: problems.length === 0 && scheduled > 0,
    detail:
      problems.length === 0
        ? `${scheduled} activities scheduled, every one bounded; the most attempts any took: ${maxAttempt}`
        : problems.slice(0, 5).join('; '),
  };
}

if (require.main === module) {
  runFromCommandLine((argv) => poisonDrill({ orders: numberArg(argv, 'orders') }));
}
