/**
 * Queues that miss nothing (issue 17 item 1), on real Postgres: every pending decision kind the workflow's type allows
 * (read from domain/workOrderContract.ts by the TypeScript checker, so a new kind without a queue fails here), in every
 * open status, puts the order in exactly one queue; so do the flags behind needs_coordinator and the statuses that
 * wait for a person. The queue_size counts are the lists' lengths, and each entry says why and since when.
 */
import path from 'node:path';
import ts from 'typescript';
import { seedDemoData } from '../../db/seed/seed';
import {
  countQueues,
  DECISION_QUEUES,
  listQueue,
  QUEUE_NAMES,
  queueOfOrder,
  type QueueEntry,
  type QueueName,
} from '../../db/queries/queues';
import { TERMINAL_STATUSES, WORK_ORDER_STATUSES, type WorkOrderStatus } from '../../domain/status';
import { createTestDatabase, insertBareWorkOrders, type TestDatabase } from '../support/database';
import { PROJECT_ROOT } from '../support/paths';

/** The `kind` of every member of the PendingDecision union, as the compiler sees the type (its own file is enough). */
let kindsOfTheType: string[] | null = null;
function pendingDecisionKindsOfTheType(): string[] {
  kindsOfTheType ??= readKindsOfTheType();
  return kindsOfTheType;
}

function readKindsOfTheType(): string[] {
  const file = path.join(PROJECT_ROOT, 'domain', 'workOrderContract.ts');
  const program = ts.createProgram([file], { strict: true, noEmit: true, noResolve: true, noLib: true, types: [] });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file)!;
  const alias = source.statements.find(
    (s): s is ts.TypeAliasDeclaration => ts.isTypeAliasDeclaration(s) && s.name.text === 'PendingDecision',
  );
  if (!alias) throw new Error('PendingDecision is no longer a type alias in domain/workOrderContract.ts');
  const type = checker.getTypeAtLocation(alias.name);
  const members = type.isUnion() ? type.types : [type];
  return members.map((member) => {
    const kind = checker.getTypeOfSymbol(member.getProperty('kind')!);
    if (!kind.isStringLiteral())
      throw new Error(`a PendingDecision member's kind is not a string literal: ${checker.typeToString(kind)}`);
    return kind.value;
  });
}

const OPEN_STATUSES = WORK_ORDER_STATUSES.filter((s) => !TERMINAL_STATUSES.includes(s));

/** Where the workflow leaves an order with each decision, and the queue a coordinator finds it in. */
const AS_THE_WORKFLOW_LEAVES_IT: Array<{ kind: string; status: WorkOrderStatus; queue: QueueName }> = [
  { kind: 'assignment', status: 'needs_assignment', queue: 'review' },
  { kind: 'assignment', status: 'escalated', queue: 'escalations' },
  { kind: 'vendor_pick', status: 'needs_assignment', queue: 'vendor-pick' },
  { kind: 'confirmation_timeout', status: 'escalated', queue: 'escalations' },
  { kind: 'review_overdue', status: 'ready_review', queue: 'escalations' },
  { kind: 'access', status: 'waiting_access', queue: 'escalations' },
  { kind: 'visit_objection', status: 'scheduled', queue: 'escalations' },
  { kind: 'step_failed', status: 'triage', queue: 'failed-steps' },
  { kind: 'step_failed', status: 'escalated', queue: 'failed-steps' },
  { kind: 'sla_breached', status: 'needs_assignment', queue: 'escalations' },
  { kind: 'review', status: 'ready_review', queue: 'ready-review' },
];

let db: TestDatabase;
let spare: number[];

beforeAll(async () => {
  db = await createTestDatabase();
  await seedDemoData(db.pool, { history: false });
  const units = (await db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM units')).rows[0]!.n;
  spare = await insertBareWorkOrders(db.pool, Math.ceil(400 / units));
});

afterAll(async () => {
  await db?.drop();
});

let next = 0;
async function orderIn(
  status: WorkOrderStatus,
  columns: { pendingDecision?: { kind: string; reason: string } | null; needsCoordinator?: boolean; routing?: unknown },
): Promise<number> {
  const number = spare[next++]!;
  await db.pool.query(
    'UPDATE work_orders SET status = $2, pending_decision = $3, needs_coordinator = $4, routing = $5 WHERE number = $1',
    [
      number,
      status,
      columns.pendingDecision ? JSON.stringify(columns.pendingDecision) : null,
      columns.needsCoordinator ?? columns.pendingDecision != null,
      columns.routing === undefined ? null : JSON.stringify(columns.routing),
    ],
  );
  return number;
}

/** Every queue's whole list, by number. */
async function allQueues(): Promise<Map<number, Array<{ queue: QueueName; entry: QueueEntry }>>> {
  const found = new Map<number, Array<{ queue: QueueName; entry: QueueEntry }>>();
  for (const queue of QUEUE_NAMES) {
    for (const entry of await listQueue(db.pool, queue, 10_000))
      found.set(entry.number, [...(found.get(entry.number) ?? []), { queue, entry }]);
  }
  return found;
}

test('the kinds of the PendingDecision type are exactly the kinds that have a queue', () => {
  const kinds = pendingDecisionKindsOfTheType();
  expect(kinds.length).toBeGreaterThanOrEqual(9);
  expect(kinds).toEqual(expect.arrayContaining(['vendor_pick', 'visit_objection', 'step_failed']));
  expect([...kinds].sort()).toEqual(Object.keys(DECISION_QUEUES).sort());
});

test('every pending decision kind, in every open status, puts the order in exactly one queue, with its why and since', async () => {
  const kinds = pendingDecisionKindsOfTheType();
  const placed: Array<{ number: number; kind: string; status: WorkOrderStatus }> = [];
  for (const kind of kinds) {
    for (const status of OPEN_STATUSES)
      placed.push({
        number: await orderIn(status, { pendingDecision: { kind, reason: `waiting on ${kind}` } }),
        kind,
        status,
      });
  }
  const found = await allQueues();
  for (const { number, kind, status } of placed) {
    const homes = found.get(number) ?? [];
    expect([kind, status, homes.map((h) => h.queue)]).toEqual([kind, status, [expect.any(String)]]);
    const { entry } = homes[0]!;
    expect(entry.why).toEqual({ kind, reason: `waiting on ${kind}` });
    expect(Number.isNaN(Date.parse(entry.since))).toBe(false);
    expect(await queueOfOrder(db.pool, number)).toBe(homes[0]!.queue);
  }
});

test.each(AS_THE_WORKFLOW_LEAVES_IT)('$kind while $status is in $queue', async ({ kind, status, queue }) => {
  const number = await orderIn(status, {
    pendingDecision: { kind, reason: 'why' },
    routing: { outcome: 'auto_assign', confidence: 1, reasons: [] },
  });
  expect(await queueOfOrder(db.pool, number)).toBe(queue);
});

test('an SLA breach or a text that reached nobody, with no decision pending, is an escalation with the reason from its event', async () => {
  const sla = await orderIn('scheduled', { needsCoordinator: true });
  await db.pool.query(
    `INSERT INTO events (work_order_number, type, actor_type, actor_id, source, payload, idempotency_key) VALUES ($1, 'sla_breached', 'system', 'workflow', 'workflow', $2, $3)`,
    [sla, JSON.stringify({ deadline: '2026-01-05T10:00:00.000Z' }), `test-${sla}-sla`],
  );
  const sms = await orderIn('needs_assignment', { needsCoordinator: true });
  await db.pool.query(
    `INSERT INTO events (work_order_number, type, actor_type, actor_id, source, payload, idempotency_key) VALUES ($1, 'sms_not_delivered', 'system', 'workflow', 'workflow', $2, $3)`,
    [sms, JSON.stringify({ problem: 'the tenant opted out of SMS' }), `test-${sms}-sms`],
  );
  const escalations = await listQueue(db.pool, 'escalations', 10_000);
  expect(escalations.find((e) => e.number === sla)!.why).toEqual({
    kind: 'sla_breached',
    reason: 'nobody was on site by the emergency SLA deadline 2026-01-05T10:00:00.000Z',
  });
  expect(escalations.find((e) => e.number === sms)!.why).toEqual({
    kind: 'sms_problem',
    reason: 'the tenant opted out of SMS',
  });

  // Every open status with the flag alone: one queue each (an escalated or ready_review status keeps its own).
  const flagged = await Promise.all(
    OPEN_STATUSES.map(async (status) => ({ status, number: await orderIn(status, { needsCoordinator: true }) })),
  );
  const found = await allQueues();
  for (const { status, number } of flagged)
    expect([status, (found.get(number) ?? []).map((h) => h.queue)]).toEqual([
      status,
      [status === 'ready_review' ? 'ready-review' : 'escalations'],
    ]);
});

test('orders that need nobody are in no queue; an auto-assigned open order is in auto-assigned; closed orders in none', async () => {
  const calm = await orderIn('scheduled', {});
  const auto = await orderIn('scheduled', {
    routing: { outcome: 'auto_assign', confidence: 0.93, reasons: ['confidence 93% ≥ 85%'] },
  });
  const done = await orderIn('completed', {
    pendingDecision: { kind: 'step_failed', reason: 'left over' },
    needsCoordinator: true,
    routing: { outcome: 'auto_assign', confidence: 1, reasons: [] },
  });
  const cancelled = await orderIn('cancelled', { needsCoordinator: true });
  expect(await queueOfOrder(db.pool, calm)).toBeNull();
  expect(await queueOfOrder(db.pool, done)).toBeNull();
  expect(await queueOfOrder(db.pool, cancelled)).toBeNull();
  const entry = (await listQueue(db.pool, 'auto-assigned', 10_000)).find((e) => e.number === auto)!;
  expect(entry.why).toEqual({ kind: 'auto_assigned', reason: 'assigned automatically: confidence 93% ≥ 85%' });
});

test('the counts behind queue_size are the lengths of the lists', async () => {
  const counts = await countQueues(db.pool);
  for (const queue of QUEUE_NAMES)
    expect([queue, counts[queue]]).toEqual([queue, (await listQueue(db.pool, queue, 10_000)).length]);
  expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBeGreaterThan(100);
});

test('since: when the order began to wait for this reason; a new reason text for the same decision keeps it, another decision restarts it', async () => {
  const number = await orderIn('needs_assignment', {
    pendingDecision: { kind: 'vendor_pick', reason: '1 vendor quote to choose from' },
  });
  const sinceOf = async (queue: QueueName) =>
    (await listQueue(db.pool, queue, 10_000)).find((e) => e.number === number)!.since;
  const first = await sinceOf('vendor-pick');
  await new Promise((r) => setTimeout(r, 20));
  await db.pool.query(
    `UPDATE work_orders SET pending_decision = '{"kind":"vendor_pick","reason":"2 vendor quotes to choose from"}' WHERE number = $1`,
    [number],
  );
  expect(await sinceOf('vendor-pick')).toEqual(first);
  await db.pool.query(
    `UPDATE work_orders SET pending_decision = '{"kind":"assignment","reason":"no vendor picked"}', status = 'escalated' WHERE number = $1`,
    [number],
  );
  expect(new Date(await sinceOf('escalations')).getTime()).toBeGreaterThan(new Date(first).getTime());
  await db.pool.query(
    `UPDATE work_orders SET pending_decision = NULL, needs_coordinator = false, status = 'awaiting_confirmation' WHERE number = $1`,
    [number],
  );
  expect(
    (await db.pool.query('SELECT attention_since FROM work_orders WHERE number = $1', [number])).rows[0]
      .attention_since,
  ).toBeNull();
  expect(await queueOfOrder(db.pool, number)).toBeNull();
});
