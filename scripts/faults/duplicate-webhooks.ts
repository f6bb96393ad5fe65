/**
 * Drill: the same webhook three times at once, again and again.
 *
 * Twilio retries a webhook it thinks failed, and proxies duplicate requests: each round, one tenant's text (one
 * MessageSid) arrives three times at once. Later their YES arrives three times at once too. Rounds run a few at a
 * time, so the triplets also race one another.
 *
 * Expected: one work order per text, the three answers identical and naming it; one tenant_confirmed per YES; every
 * order scheduled with exactly the auto path's events and texts.
 *
 *   npm run fault -- duplicate-webhooks [--rounds 100] [--copies 3]
 */
import { mapLimit } from '../async';
import { messageSid, orderOfMessage, problemFor } from './harness/texts';
import { numberArg, runDrill, runFromCommandLine, type CommonDrillOptions, type DrillResult } from './drill';
import { expectedAutoPath } from './drill/autoPath';
import { confirmAsTheyWait, logNotScheduled, type Opened } from './drill/orders';

export interface DuplicateWebhooksOptions extends CommonDrillOptions {
  rounds?: number;
  /** Deliveries of each webhook at once. */
  copies?: number;
  /** Rounds in flight together. */
  concurrency?: number;
  timeoutMs?: number;
}

export async function duplicateWebhooksDrill(options: DuplicateWebhooksOptions = {}): Promise<DrillResult> {
  const rounds = options.rounds ?? 100;
  const copies = options.copies ?? 3;
  return runDrill('duplicate-webhooks', { tenants: rounds }, options, async (stack, facts, checks) => {
    const { log } = stack;
    log(
      `${rounds} rounds: each tenant's text delivered ${copies} times at once, ${options.concurrency ?? 4} rounds at a time`,
    );
    let requests = 0;
    const problems: string[] = [];
    const opened: Opened[] = await mapLimit(
      Array.from({ length: rounds }, (_, i) => i),
      options.concurrency ?? 4,
      async (index) => {
        const tenant = stack.db.tenants[index]!;
        const sid = messageSid(stack.drill, `i${index}`);
        const replies = await Promise.all(
          Array.from({ length: copies }, () => stack.api.textFrom(tenant.phone, problemFor(index), sid)),
        );
        requests += replies.length;
        const number = await orderOfMessage(stack.pool, sid);
        const statuses = replies.map((r) => r.status);
        if (statuses.some((s) => s !== 200)) problems.push(`round ${index + 1}: answers ${statuses.join(', ')}`);
        if (new Set(replies.map((r) => r.text)).size !== 1)
          problems.push(`round ${index + 1}: the ${copies} answers differ`);
        if (number === null || !replies.every((r) => r.text.includes(`#${number}`)))
          problems.push(`round ${index + 1}: the answers do not all name work order ${number}`);
        if (number === null) throw new Error(`round ${index + 1}: text ${sid} opened no work order`);
        return { index, tenant, via: 'sms' as const, number, intakeSid: sid, retries: 0 };
      },
    );
    const distinct = new Set(opened.map((o) => o.number)).size;
    log(`intake: ${requests} webhook requests, ${distinct} work orders`);
    checks.push({
      name: `duplicate deliveries answered alike (200, the same TwiML naming the one order)`,
      pass: problems.length === 0,
      detail:
        problems.length === 0
          ? `${requests} intake requests (${rounds} texts × ${copies} at once): ${distinct} work orders, ${rounds} distinct answers`
          : problems.slice(0, 5).join('; '),
    });

    let yesRequests = 0;
    const { notScheduled, divergentReplies } = await confirmAsTheyWait(stack, opened, {
      timeoutMs: options.timeoutMs ?? 10 * 60_000,
      copies,
      onConfirmed: () => (yesRequests += copies),
    });
    logNotScheduled(log, notScheduled);
    checks.push({
      name: 'duplicate YES deliveries answered alike, naming the order',
      pass: divergentReplies.length === 0,
      detail:
        divergentReplies.length === 0
          ? `${yesRequests} YES requests (${yesRequests / copies} texts × ${copies} at once), one answer each`
          : divergentReplies.slice(0, 5).join('; '),
    });
    return opened.map((o) => expectedAutoPath(o, { confirmed: true }));
  });
}

if (require.main === module) {
  runFromCommandLine((argv) =>
    duplicateWebhooksDrill({ rounds: numberArg(argv, 'rounds'), copies: numberArg(argv, 'copies') }),
  );
}
