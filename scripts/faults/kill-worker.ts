/**
 * Drill: kill -9 the worker again and again while work orders run.
 *
 * Tenants text their problems (half of them; coordinators file the other half through the API), and text YES as their
 * orders come to await confirmation; meanwhile the worker (a child process running workers/main.ts) is killed with
 * SIGKILL every few seconds and started again, every second time at the moment the fake Twilio accepts a text (before
 * the worker can record it). The worker texts through the real twilio SDK to that local fake, so a text sent twice
 * would show at the provider, not only in Postgres.
 *
 * Expected: every order scheduled; per order exactly created → triage_started → context_enriched → classified →
 * assigned → tenant_confirmed; one confirmation request to the tenant and one assignment text to the technician,
 * each received once by Twilio.
 *
 *   npm run fault -- kill-worker [--orders 100] [--kills 12]
 */
import { mapLimit, sleep } from '../async';
import { numberArg, runDrill, runFromCommandLine, type CommonDrillOptions, type DrillResult } from './drill';
import { expectedAutoPath } from './drill/autoPath';
import { confirmAsTheyWait, logNotScheduled, openOrder, type Opened } from './drill/orders';
import type { Stack } from './harness';
import { describeStatuses } from './harness/statuses';

export interface KillWorkerOptions extends CommonDrillOptions {
  orders?: number;
  /**
   * Kills this many times (the worker keeps running after the last): while the orders run, and after they have all
   * been scheduled if that comes first (their workflows still run, waiting for the visit), so a fast run kills as often.
   */
  kills?: number;
  /** How long the worker runs between kills, and how long it stays dead, in ms. */
  upMs?: [number, number];
  downMs?: [number, number];
  timeoutMs?: number;
}

const randomBetween = (min: number, max: number): number => min + Math.random() * (max - min);

/**
 * Kills the worker (SIGKILL) and starts it again, `kills` times: every second kill aimed at the moment Twilio accepts a
 * text, before the worker can record it (a retry that sent it again would text the recipient twice), the others
 * anywhere; once `settled()`, no text is waited for. Resolves with how many kills hit that moment.
 */
async function killRepeatedly(
  stack: Stack,
  timing: { kills: number; upMs: [number, number]; downMs: [number, number] },
  settled: () => boolean,
): Promise<number> {
  const { log, worker } = stack;
  const twilio = stack.twilio!;
  const [upMin, upMax] = timing.upMs;
  const [downMin, downMax] = timing.downMs;
  let aimed = 0;
  while (worker.kills < timing.kills) {
    const aim = worker.kills % 2 === 1 && !settled();
    if (aim) {
      await sleep(randomBetween(1_000, upMin));
      const next = twilio.messages.length + 1;
      await Promise.race([twilio.waitForMessages(() => true, next, upMax).catch(() => undefined), sleep(upMax)]);
    } else {
      await sleep(randomBetween(upMin, upMax));
    }
    const pid = worker.pid;
    const justAccepted =
      aim && twilio.messages.length > 0 && Date.now() - twilio.messages.at(-1)!.receivedAt.getTime() < 50;
    await worker.kill9();
    if (justAccepted) aimed++;
    log(
      `kill -9 #${worker.kills} (pid ${pid})${justAccepted ? ' right after Twilio accepted a text' : ''}; orders: ${describeStatuses(await stack.statusCounts())}`,
    );
    await sleep(randomBetween(downMin, downMax));
    await worker.start();
  }
  return aimed;
}

export async function killWorkerDrill(options: KillWorkerOptions = {}): Promise<DrillResult> {
  const orders = options.orders ?? 100;
  const timing = {
    kills: options.kills ?? 12,
    upMs: options.upMs ?? [3_000, 8_000],
    downMs: options.downMs ?? [200, 1_500],
  };
  return runDrill('kill-worker', { tenants: orders, sms: 'twilio' }, options, async (stack, facts) => {
    const { log, worker } = stack;
    let settled = false;
    const killer = killRepeatedly(stack, timing, () => settled);

    log(
      `opening ${orders} work orders (even: tenant texts, odd: API) while the worker is killed every ${timing.upMs[0] / 1000}-${timing.upMs[1] / 1000} s`,
    );
    const opened: Opened[] = await mapLimit(
      Array.from({ length: orders }, (_, i) => i),
      3,
      async (i) => {
        const order = await openOrder(stack, i, i % 2 === 0 ? 'sms' : 'api');
        await sleep(100);
        return order;
      },
    );
    log(
      `opened ${opened.length}: #${opened[0]?.number}..#${opened.at(-1)?.number}; tenants answer YES as their orders wait for them`,
    );
    const { notScheduled } = await confirmAsTheyWait(stack, opened, { timeoutMs: options.timeoutMs ?? 10 * 60_000 });
    settled = true;
    const aimed = await killer;
    if (!worker.running) await worker.start();
    logNotScheduled(log, notScheduled);
    facts.push(
      `worker killed with SIGKILL ${worker.kills} times (${aimed} right after Twilio accepted a text), started ${worker.starts} times`,
    );
    facts.push(
      `Twilio send attempts ${stack.twilio!.createAttempts}, messages accepted ${stack.twilio!.messages.length}`,
    );
    return opened.map((o) => expectedAutoPath(o, { confirmed: true }));
  });
}

if (require.main === module) {
  runFromCommandLine((argv) => killWorkerDrill({ orders: numberArg(argv, 'orders'), kills: numberArg(argv, 'kills') }));
}
