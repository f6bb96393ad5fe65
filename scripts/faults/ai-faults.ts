/**
 * Drill: the AI provider failing under load.
 *
 * The worker classifies with Claude through the real @anthropic-ai/sdk, pointed (ANTHROPIC_BASE_URL) at a local fake of
 * the Messages API that answers each order by a fault plan: healthy, a 429 or a 500 the SDK's retry gets past, 429s
 * and 529s that outlast the retries, a body that is not JSON, a tool call of the wrong shape, a refusal, no answer at
 * all, headers then a stalled body. All orders are opened at once.
 *
 * Expected: every order classified. By Claude (auto-assigned: awaiting_confirmation, two texts), or by the
 * deterministic fallback with the reason recorded in the classification decision and the `classified` event, and the
 * order queued for a coordinator's review with that reason (needs_assignment, no text).
 *
 *   npm run fault -- ai-faults [--orders 100]
 */
import type { FakeAnswer, FakeAnthropicRequest } from '../../test/support/fakeAnthropic';
import { classifyHeuristically } from '../../domain/heuristicClassifier';
import { mapLimit } from '../async';
import { numberArg, runDrill, runFromCommandLine, type CommonDrillOptions, type DrillResult } from './drill';
import { expectedAutoPath } from './drill/autoPath';
import { openOrder, type Opened } from './drill/orders';
import type { ExpectedOrder } from './reconcile';

interface Fault {
  name: string;
  /** The fake's answer to the order's `attempt`th request (1-based). */
  answer(request: FakeAnthropicRequest, attempt: number): FakeAnswer;
  /** Why Claude could not classify, as recorded; null when Claude's answer is used. */
  unavailableReason: string | null;
}

const healthy = (request: FakeAnthropicRequest): FakeAnswer => ({
  toolInput: classifyHeuristically(request.tenantText),
});

/** Order i gets FAULTS[i % FAULTS.length]. */
export const FAULTS: Fault[] = [
  { name: 'healthy', answer: healthy, unavailableReason: null },
  {
    name: '429 once, then an answer (SDK retry)',
    answer: (r, n) => (n === 1 ? { status: 429, retryAfterMs: 200 } : healthy(r)),
    unavailableReason: null,
  },
  {
    name: '500 once, then an answer (SDK retry)',
    answer: (r, n) => (n === 1 ? { status: 500 } : healthy(r)),
    unavailableReason: null,
  },
  {
    name: '429 on every attempt',
    answer: () => ({ status: 429, retryAfterMs: 300 }),
    unavailableReason: 'rate_limited',
  },
  { name: '529 overloaded on every attempt', answer: () => ({ status: 529 }), unavailableReason: 'server_error' },
  { name: 'garbage: a 200 body that is not JSON', answer: () => 'malformed', unavailableReason: 'malformed' },
  {
    name: 'garbage: a tool call of the wrong shape',
    answer: () => ({ toolInput: { priority: 'whenever', skillsRequired: 'plumbing', confidence: 7 } }),
    unavailableReason: 'wrong_shape',
  },
  { name: 'refusal', answer: () => ({ refusal: true }), unavailableReason: 'refusal' },
  { name: 'time-out: no answer at all', answer: () => 'hang', unavailableReason: 'timeout' },
  { name: 'time-out: headers, then a stalled body', answer: () => 'stall_body', unavailableReason: 'timeout' },
];

/** The order's index, from the text every drill order carries: "(drill order 17)". */
function orderIndexOf(request: FakeAnthropicRequest): number | null {
  const match = /\(drill order (\d+)\)/.exec(request.tenantText);
  return match ? Number(match[1]) - 1 : null;
}

export interface AiFaultsOptions extends CommonDrillOptions {
  orders?: number;
  timeoutMs?: number;
}

/** Claude's path (auto-assigned, awaiting the tenant's YES), or the fallback's with its reason (the review queue). */
function expectedOf(o: Opened): ExpectedOrder {
  const reason = FAULTS[o.index % FAULTS.length]!.unavailableReason;
  if (reason === null)
    return {
      ...expectedAutoPath(o, { confirmed: false, classifier: 'claude' }),
      classification: { provider: 'claude', unavailableReason: null },
    };
  const auto = expectedAutoPath(o, { confirmed: false, classifier: 'heuristic' });
  return {
    ...auto,
    status: 'needs_assignment',
    events: ['created', 'triage_started', 'context_enriched', 'classified', 'queued_for_review'],
    actors: {
      created: auto.actors!.created!,
      classified: 'system:classifier:heuristic',
      queued_for_review: 'system:workflow',
    },
    sms: {},
    classification: { provider: 'heuristic', unavailableReason: reason },
  };
}

/** Per fault: its orders, the requests the fake answered for them, and who classified them. */
function faultFacts(opened: Opened[], attempts: Map<number, number>): string[] {
  const facts: string[] = [];
  for (const [i, fault] of FAULTS.entries()) {
    const mine = opened.filter((o) => o.index % FAULTS.length === i);
    if (mine.length === 0) continue;
    const requests = mine.map((o) => attempts.get(o.index) ?? 0);
    facts.push(
      `${fault.name}: ${mine.length} orders, ${requests.reduce((a, b) => a + b, 0)} requests to the fake (${Math.min(...requests)}-${Math.max(...requests)} per order) → ${fault.unavailableReason ? `fallback (${fault.unavailableReason})` : 'Claude'}`,
    );
  }
  return facts;
}

export async function aiFaultsDrill(options: AiFaultsOptions = {}): Promise<DrillResult> {
  const orders = options.orders ?? 100;
  return runDrill('ai-faults', { tenants: orders, anthropic: true }, options, async (stack, facts) => {
    const { log } = stack;
    const fake = stack.anthropic!;
    const attempts = new Map<number, number>();
    fake.answerWith((request) => {
      const index = orderIndexOf(request);
      if (index === null) return healthy(request);
      const attempt = (attempts.get(index) ?? 0) + 1;
      attempts.set(index, attempt);
      return FAULTS[index % FAULTS.length]!.answer(request, attempt);
    });
    log(
      `opening ${orders} work orders at once; the fake Claude answers by plan: ${FAULTS.map((f) => f.name).join('; ')}`,
    );
    const opened: Opened[] = await mapLimit(
      Array.from({ length: orders }, (_, i) => i),
      8,
      (i) => openOrder(stack, i, i % 2 === 0 ? 'sms' : 'api'),
    );
    const fallback = (o: Opened) => FAULTS[o.index % FAULTS.length]!.unavailableReason !== null;
    const claudeOrders = opened.filter((o) => !fallback(o)).map((o) => o.number);
    const reviewOrders = opened.filter(fallback).map((o) => o.number);
    const started = Date.now();
    const timeoutMs = options.timeoutMs ?? 5 * 60_000;
    const waiting = await stack.waitForStatuses(claudeOrders, ['awaiting_confirmation'], timeoutMs);
    const waitingReview = await stack.waitForStatuses(
      reviewOrders,
      ['needs_assignment'],
      Math.max(1_000, timeoutMs - (Date.now() - started)),
    );
    for (const [n, s] of [...waiting, ...waitingReview].slice(0, 5)) log(`not where expected in time: #${n} ${s}`);
    log(`all orders triaged in ${Math.round((Date.now() - started) / 1000)} s`);

    facts.push(...faultFacts(opened, attempts));
    return opened.map(expectedOf);
  });
}

if (require.main === module) {
  runFromCommandLine((argv) => aiFaultsDrill({ orders: numberArg(argv, 'orders') }));
}
