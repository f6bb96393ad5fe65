/**
 * The restart drills' shared body (postgres-restart, temporal-restart): tenants text their problems and confirm their
 * visits while a service is restarted three times.
 */
import { mapLimit, sleep } from '../../async';
import type { Stack, StackOptions } from '../harness';
import { describeStatuses } from '../harness/statuses';
import { runDrill, type CommonDrillOptions, type DrillResult } from '../drill';
import { expectedAutoPath } from './autoPath';
import { confirmAsTheyWait, logNotScheduled, openOrder, type Opened } from './orders';

export interface RestartDrillOptions extends CommonDrillOptions {
  orders?: number;
  /** How long the service stays down each time, in ms. */
  downMs?: number;
  timeoutMs?: number;
}

type Restart = (stack: Stack, index: number) => Promise<string>;

/**
 * Restarts, started in the background (`inject`), each logged with the orders' statuses before it and how long the
 * service took to come back; `done` waits for those started so far.
 */
function restarter(stack: Stack, restart: Restart) {
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
        stack.log(line);
      })(),
    );
  };
  return { inject, faultLog, done: () => Promise.all(restarts) };
}

/** Tenants text their problems, 3 at a time, each text retried until answered; `onOpened` counts them as they open. */
async function openByText(
  stack: Stack,
  orders: number,
  onOpened: (count: number) => void,
): Promise<{ opened: Opened[]; intakeRetries: number }> {
  let openedCount = 0;
  let intakeRetries = 0;
  const opened = await mapLimit(
    Array.from({ length: orders }, (_, i) => i),
    3,
    async (i) => {
      const order = await openOrder(stack, i, 'sms', { retry: true });
      intakeRetries += order.retries;
      onOpened(++openedCount);
      await sleep(50);
      return order;
    },
  );
  return { opened, intakeRetries };
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
  restart: Restart,
): Promise<DrillResult> {
  const orders = options.orders ?? 40;
  return runDrill(name, { ...stackOptions, tenants: orders }, options, async (stack, facts) => {
    const { log } = stack;
    const restarts = restarter(stack, restart);

    log(`opening ${orders} work orders by text; the texts are retried until answered`);
    const { opened, intakeRetries } = await openByText(stack, orders, (count) => {
      if (count === Math.ceil(orders / 3)) restarts.inject('during the intake');
    });
    log(
      `opened ${opened.length} (#${opened[0]?.number}..#${opened.at(-1)?.number}); ${intakeRetries} texts were sent again after a failed answer`,
    );
    await restarts.done();
    restarts.inject('while the orders are triaged');
    const { notScheduled, retries } = await confirmAsTheyWait(stack, opened, {
      timeoutMs: options.timeoutMs ?? 10 * 60_000,
      retry: true,
      onConfirmed: (count) => {
        if (count === Math.ceil(orders / 2)) restarts.inject('during the confirmations');
      },
    });
    await restarts.done();
    logNotScheduled(log, notScheduled);
    facts.push(...restarts.faultLog);
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
