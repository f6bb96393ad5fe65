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
import { textProblem } from '../../domain/text';
import { mapLimit, sleep } from '../async';
import type { Stack } from './harness';
import { messageSid, orderOfMessage, problemFor } from './harness/texts';
import { numberArg, runDrill, runFromCommandLine, type CommonDrillOptions, type DrillResult } from './drill';
import { expectedAutoPath } from './drill/autoPath';
import { confirmAsTheyWait, logNotScheduled, type Opened } from './drill/orders';
import type { Check, ExpectedOrder } from './reconcile';
import { arrivesRefused, POISON, poisonFor } from './poison/characters';
import { bypassTheApi, noOrderFrozen, retriesBounded } from './poison/checks';
import { sendRejectedWrites } from './poison/writes';

export interface PoisonOptions extends CommonDrillOptions {
  orders?: number;
  timeoutMs?: number;
}

/** Each tenant texts a problem carrying refused characters: every text opens its order, the characters replaced. */
async function openWithRefusedCharacters(stack: Stack, orders: number): Promise<{ opened: Opened[]; check: Check }> {
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
  const check = {
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
  };
  return { opened, check };
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

/**
 * The auto path, confirmed, with a repaired text's event (the problem, the YES) written beside the workflow's own; the
 * bypassed order cancelled after its refused step.
 */
function expectedPath(o: Opened, bypassed: Opened): ExpectedOrder {
  const repaired = [poisonFor(o.index), poisonFor(o.index + 1)].filter(arrivesRefused).map(() => 'sms_text_repaired');
  const auto = { ...expectedAutoPath(o, { confirmed: true }), unordered: repaired };
  if (o !== bypassed) return auto;
  return {
    ...auto,
    status: 'cancelled',
    events: [...auto.events, 'step_failed', 'cancelled'],
    sms: { ...auto.sms, cancelled: 2 },
  };
}

export async function poisonDrill(options: PoisonOptions = {}): Promise<DrillResult> {
  const orders = Math.max(4, options.orders ?? 24);
  return runDrill('poison', { tenants: orders }, options, async (stack, facts, checks) => {
    const { log } = stack;

    log(`${orders} tenants text problems carrying ${POISON.length} kinds of refused characters`);
    const { opened, check: intake } = await openWithRefusedCharacters(stack, orders);
    checks.push(intake);

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
    checks.push(await bypassTheApi(stack, bypassed.number));

    const numbers = opened.map((o) => o.number);
    checks.push(await noOrderFrozen(stack.client, numbers));
    checks.push(await retriesBounded(stack.client, numbers));
    return opened.map((o) => expectedPath(o, bypassed));
  });
}

if (require.main === module) {
  runFromCommandLine((argv) => poisonDrill({ orders: numberArg(argv, 'orders') }));
}
