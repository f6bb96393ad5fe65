/**
 * The reconciliation every drill ends with: Postgres, Temporal and the SMS provider against what the drill expects.
 * Work orders in Postgres = workflows in Temporal = expected; each one's status (row, workflow state query, search
 * attribute) as expected; one outbound SMS per idempotency key and exactly the expected texts per order and kind
 * (and, with the fake Twilio, each text received once by the provider); events with no duplicate key, exactly the
 * expected sequence per order, every one attributed.
 */
import type { Client } from '@temporalio/client';
import type { Pool } from 'pg';
import type { WorkOrderStatus } from '../../domain/status';
import type { FakeTwilio } from '../../test/support/fakeTwilio';
import { stateQuery } from '../../workflows/definitions';
import type { WorkOrderState } from '../../domain/workOrderContract';
import { mapLimit, sleep } from '../async';
import type { Log } from './harness/log';

export interface ExpectedOrder {
  number: number;
  status: WorkOrderStatus;
  /** The event types, in order: no other event, none twice. */
  events: string[];
  /** Events written beside the workflow's own (by the API), so at no fixed place: each expected once per entry. */
  unordered?: string[];
  /** Actors of some events, as `type:id` (e.g. `tenant:12` for `tenant_confirmed`); the others must just be attributed. */
  actors?: Record<string, string>;
  /** Outbound texts per kind, exactly (kinds not listed: none). */
  sms: Record<string, number>;
  /** The MessageSid of the text that opened the order, when it came by SMS: that message opened this order and no other. */
  intakeSid?: string;
  /** Who classified it, and why Claude could not, when it could not. */
  classification?: { provider: string; unavailableReason: string | null };
}

export interface Counts {
  workOrders: number;
  workflows: number;
  workflowsRunning: number;
  events: number;
  outboundSms: number;
  inboundSms: number;
  decisions: number;
  /** Messages the fake Twilio accepted; null in outbox mode. */
  providerMessages: number | null;
  byStatus: Record<string, number>;
}

export interface Check {
  name: string;
  pass: boolean;
  detail: string;
}

export interface Reconciliation {
  counts: Counts;
  checks: Check[];
  passed: boolean;
}

export interface ReconcileScope {
  pool: Pool;
  client: Client;
  taskQueue: string;
  twilio?: FakeTwilio | null;
}

const workflowQuery = (taskQueue: string, extra = '') =>
  `WorkflowType = 'workOrderWorkflow' AND TaskQueue = '${taskQueue}'${extra ? ` AND ${extra}` : ''}`;

async function count(pool: Pool, sql: string, params: unknown[] = []): Promise<number> {
  const { rows } = await pool.query<{ n: string }>(sql, params);
  return Number(rows[0]?.n ?? 0);
}

/** Rows in every table of the schema (but the migrations'): a request that was refused must leave them all as they were. */
export async function rowCounts(pool: Pool): Promise<Record<string, number>> {
  const tables = (
    await pool.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'schema_migrations' ORDER BY 1`,
    )
  ).rows.map((r) => r.name);
  const { rows } = await pool.query<{ name: string; n: number }>(
    tables.map((t) => `SELECT '${t}' AS name, count(*)::int AS n FROM "${t}"`).join(' UNION ALL '),
  );
  return Object.fromEntries(rows.map((r) => [r.name, r.n]));
}

/** What Postgres, Temporal (visibility) and the provider hold now. */
export async function snapshotCounts(scope: ReconcileScope): Promise<Counts> {
  const { pool, client, taskQueue, twilio } = scope;
  const [workOrders, events, outboundSms, inboundSms, decisions] = await Promise.all([
    count(pool, 'SELECT count(*) AS n FROM work_orders'),
    count(pool, 'SELECT count(*) AS n FROM events WHERE work_order_number IS NOT NULL'),
    count(pool, `SELECT count(*) AS n FROM sms_messages WHERE direction = 'outbound'`),
    count(pool, `SELECT count(*) AS n FROM sms_messages WHERE direction = 'inbound'`),
    count(pool, 'SELECT count(*) AS n FROM decisions'),
  ]);
  const { rows } = await pool.query<{ status: string; n: string }>(
    'SELECT status, count(*) AS n FROM work_orders GROUP BY status ORDER BY status',
  );
  const [workflows, workflowsRunning] = await Promise.all([
    client.workflow.count(workflowQuery(taskQueue)).then((c) => c.count),
    client.workflow.count(workflowQuery(taskQueue, `ExecutionStatus = 'Running'`)).then((c) => c.count),
  ]);
  return {
    workOrders,
    workflows,
    workflowsRunning,
    events,
    outboundSms,
    inboundSms,
    decisions,
    providerMessages: twilio ? twilio.messages.length : null,
    byStatus: Object.fromEntries(rows.map((r) => [r.status, Number(r.n)])),
  };
}

export function formatCounts(counts: Counts): string {
  const statuses =
    Object.entries(counts.byStatus)
      .map(([s, n]) => `${s} ${n}`)
      .join(', ') || 'none';
  return [
    `work orders ${counts.workOrders} (${statuses})`,
    `workflows ${counts.workflows} (running ${counts.workflowsRunning})`,
    `events ${counts.events}`,
    `SMS out ${counts.outboundSms}${counts.providerMessages === null ? '' : ` (provider received ${counts.providerMessages})`}, in ${counts.inboundSms}`,
    `decisions ${counts.decisions}`,
  ].join(' | ');
}

/** Visibility trails the workflows by a moment (and more after a server restart): polls until `settled` or 20 s. */
async function eventually<T>(read: () => Promise<T>, settled: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (settled(value) || Date.now() > deadline) return value;
    await sleep(500);
  }
}

function sample<T>(items: T[], max = 5): string {
  const shown = items
    .slice(0, max)
    .map((i) => (typeof i === 'string' ? i : JSON.stringify(i)))
    .join('; ');
  return items.length > max ? `${shown}; ... (${items.length} in all)` : shown;
}

export async function reconcile(scope: ReconcileScope, expected: ExpectedOrder[]): Promise<Reconciliation> {
  const { pool, client, taskQueue, twilio } = scope;
  const checks: Check[] = [];
  const check = (name: string, problems: string[], ok: string) =>
    checks.push({ name, pass: problems.length === 0, detail: problems.length === 0 ? ok : sample(problems) });
  const byNumber = new Map(expected.map((e) => [e.number, e]));
  const numbers = [...byNumber.keys()];

  // ---- work orders in Postgres = workflows in Temporal = expected ----
  const rows = (
    await pool.query<{ number: string; status: string; tenant_id: string | null }>(
      'SELECT number, status, tenant_id FROM work_orders ORDER BY number',
    )
  ).rows;
  const inPostgres = new Set(rows.map((r) => Number(r.number)));
  check(
    'work orders in Postgres = expected',
    [
      ...numbers.filter((n) => !inPostgres.has(n)).map((n) => `#${n} missing`),
      ...[...inPostgres].filter((n) => !byNumber.has(n)).map((n) => `#${n} not expected`),
    ],
    `${inPostgres.size} = ${expected.length}`,
  );

  const listWorkflows = async () => {
    const ids = new Map<string, string>();
    for await (const info of client.workflow.list({ query: workflowQuery(taskQueue) }))
      ids.set(info.workflowId, info.status.name);
    return ids;
  };
  const expectedIds = new Set(numbers.map((n) => `work-order-${n}`));
  const workflows = await eventually(
    listWorkflows,
    (ids) => ids.size === expectedIds.size && [...expectedIds].every((id) => ids.has(id)),
  );
  const visibleCount = (await client.workflow.count(workflowQuery(taskQueue))).count;
  check(
    'workflows in Temporal = work orders = expected',
    [
      ...[...expectedIds].filter((id) => !workflows.has(id)).map((id) => `${id} missing`),
      ...[...workflows.keys()].filter((id) => !expectedIds.has(id)).map((id) => `${id} not expected`),
      ...(visibleCount === expected.length ? [] : [`visibility counts ${visibleCount}`]),
    ],
    `${workflows.size} workflows (count query ${visibleCount}) = ${inPostgres.size} work orders = ${expected.length} expected`,
  );

  // ---- the expected status everywhere: row, workflow (running, answering its state query), search attribute ----
  const rowStatus = new Map(rows.map((r) => [Number(r.number), r.status]));
  check(
    'status in Postgres = expected',
    expected
      .filter((e) => rowStatus.get(e.number) !== e.status)
      .map((e) => `#${e.number} is ${rowStatus.get(e.number) ?? 'missing'}, expected ${e.status}`),
    `${expected.length} orders as expected`,
  );
  const terminal = new Set(['completed', 'cancelled']);
  // A query goes first to the worker that last ran the workflow (its sticky queue): right after that worker was
  // killed, it can time out until Temporal gives up on the dead worker. Asked again, up to 5 times.
  const queried = await mapLimit(expected, 8, async (e) => {
    const handle = client.workflow.getHandle(`work-order-${e.number}`);
    for (let attempt = 1; ; attempt++) {
      try {
        const described = await handle.describe();
        const state: WorkOrderState = await handle.query(stateQuery);
        return { e, execution: described.status.name, status: state.status as string, attempts: attempt };
      } catch (err) {
        if (attempt >= 5) {
          const cause = (err as Error & { cause?: Error }).cause?.message;
          return {
            e,
            execution: 'UNREACHABLE',
            status: `${(err as Error).message}${cause ? `: ${cause}` : ''}`,
            attempts: attempt,
          };
        }
        await sleep(2_000 * attempt);
      }
    }
  });
  const askedAgain = queried.filter((q) => q.attempts > 1).length;
  check(
    'every workflow is alive and its state query = expected',
    queried
      .filter((q) => q.status !== q.e.status || q.execution !== (terminal.has(q.e.status) ? 'COMPLETED' : 'RUNNING'))
      .map((q) => `work-order-${q.e.number}: ${q.execution}, state ${q.status}, expected ${q.e.status}`),
    `${queried.length} workflows answered with the expected status${askedAgain ? ` (${askedAgain} on a second try or later)` : ''}`,
  );
  const expectedByStatus = new Map<string, number>();
  for (const e of expected) expectedByStatus.set(e.status, (expectedByStatus.get(e.status) ?? 0) + 1);
  const attributeCounts = await eventually(
    async () => {
      const found = new Map<string, number>();
      for (const status of expectedByStatus.keys())
        found.set(
          status,
          (await client.workflow.count(workflowQuery(taskQueue, `WorkOrderStatus = '${status}'`))).count,
        );
      return found;
    },
    (found) => [...expectedByStatus].every(([s, n]) => found.get(s) === n),
  );
  check(
    'search attribute WorkOrderStatus = expected',
    [...expectedByStatus]
      .filter(([s, n]) => attributeCounts.get(s) !== n)
      .map(([s, n]) => `WorkOrderStatus="${s}": ${attributeCounts.get(s)} workflows, expected ${n}`),
    [...expectedByStatus].map(([s, n]) => `WorkOrderStatus="${s}": ${n}`).join(', '),
  );

  // ---- SMS ----
  const duplicateKeys = await pool.query<{ idempotency_key: string | null; n: string }>(
    `SELECT idempotency_key, count(*) AS n FROM sms_messages WHERE direction = 'outbound' GROUP BY idempotency_key HAVING count(*) > 1 OR idempotency_key IS NULL`,
  );
  const outbound = (
    await pool.query<{
      work_order_number: string | null;
      kind: string | null;
      status: string;
      provider_sid: string | null;
      attempts: number;
      to_phone: string;
      body: string;
    }>(
      `SELECT work_order_number, kind, status, provider_sid, attempts, to_phone, body FROM sms_messages WHERE direction = 'outbound' ORDER BY id`,
    )
  ).rows;
  const retried = outbound.filter((m) => m.attempts > 1).length;
  check(
    'outbound SMS: one per idempotency key',
    duplicateKeys.rows.map((r) => `${r.idempotency_key ?? '(no key)'} × ${r.n}`),
    `${outbound.length} texts, ${outbound.length} keys${retried ? ` (${retried} claimed again by a retried activity after a kill, still sent once)` : ''}`,
  );
  const smsProblems: string[] = [];
  const perOrder = new Map<number, Map<string, number>>();
  for (const m of outbound) {
    const n = Number(m.work_order_number);
    const kinds = perOrder.get(n) ?? new Map<string, number>();
    kinds.set(m.kind ?? '(none)', (kinds.get(m.kind ?? '(none)') ?? 0) + 1);
    perOrder.set(n, kinds);
    if (m.status === 'sending' || m.status === 'failed') smsProblems.push(`#${n} ${m.kind}: ${m.status}`);
  }
  for (const e of expected) {
    const kinds = perOrder.get(e.number) ?? new Map<string, number>();
    for (const kind of new Set([...kinds.keys(), ...Object.keys(e.sms)])) {
      const got = kinds.get(kind) ?? 0;
      const want = e.sms[kind] ?? 0;
      if (got !== want) smsProblems.push(`#${e.number} ${kind}: ${got}, expected ${want}`);
    }
  }
  for (const [n, kinds] of perOrder) {
    if (!byNumber.has(n))
      smsProblems.push(
        `#${n} (not an expected order) was texted: ${[...kinds].map(([k, c]) => `${k} × ${c}`).join(', ')}`,
      );
  }
  const expectedTexts = expected.reduce((sum, e) => sum + Object.values(e.sms).reduce((a, b) => a + b, 0), 0);
  check(
    'outbound SMS per (work order, kind) = expected, all sent',
    smsProblems,
    `${outbound.length} texts = ${expectedTexts} expected, each kind once per step`,
  );

  if (twilio) {
    const received = new Map<string, number>();
    for (const m of twilio.messages) received.set(`${m.to}\n${m.body}`, (received.get(`${m.to}\n${m.body}`) ?? 0) + 1);
    const sids = new Set(twilio.messages.map((m) => m.sid));
    const providerProblems = [
      ...[...received]
        .filter(([, n]) => n > 1)
        .map(([key, n]) => `${key.replace('\n', ': ').slice(0, 90)} received ${n} times`),
      ...outbound
        .filter((m) => !m.provider_sid || !sids.has(m.provider_sid))
        .map((m) => `#${m.work_order_number} ${m.kind}: provider sid ${m.provider_sid ?? 'none'} unknown to Twilio`),
      ...(twilio.messages.length === outbound.length
        ? []
        : [`Twilio accepted ${twilio.messages.length} messages, Postgres has ${outbound.length}`]),
    ];
    check(
      'provider (fake Twilio) received each text exactly once',
      providerProblems,
      `${twilio.messages.length} messages accepted, no recipient texted the same thing twice`,
    );
  }

  const intakeProblems: string[] = [];
  const inboundDuplicates = await pool.query<{ provider_sid: string; n: string }>(
    `SELECT provider_sid, count(*) AS n FROM sms_messages WHERE direction = 'inbound' GROUP BY provider_sid HAVING count(*) > 1`,
  );
  intakeProblems.push(...inboundDuplicates.rows.map((r) => `MessageSid ${r.provider_sid} stored ${r.n} times`));
  const intakes = expected.filter((e) => e.intakeSid);
  if (intakes.length > 0) {
    const opened = await pool.query<{ sid: string; numbers: string[] }>(
      `SELECT metadata->'sms'->>'messageSid' AS sid, array_agg(number::text) AS numbers FROM work_orders WHERE metadata->'sms'->>'messageSid' = ANY($1) GROUP BY 1`,
      [intakes.map((e) => e.intakeSid)],
    );
    const bySid = new Map(opened.rows.map((r) => [r.sid, r.numbers.map(Number)]));
    for (const e of intakes) {
      const got = bySid.get(e.intakeSid!) ?? [];
      if (got.length !== 1 || got[0] !== e.number)
        intakeProblems.push(
          `MessageSid ${e.intakeSid} opened ${got.length ? got.map((n) => `#${n}`).join(', ') : 'nothing'}, expected #${e.number}`,
        );
    }
  }
  check(
    'inbound SMS: one row per MessageSid, one work order per intake text',
    intakeProblems,
    `${intakes.length} intake texts opened one order each`,
  );

  // ---- events ----
  const duplicateEvents = await count(
    pool,
    'SELECT count(*) AS n FROM (SELECT idempotency_key FROM events GROUP BY idempotency_key HAVING count(*) > 1) d',
  );
  const events = (
    await pool.query<{ work_order_number: string; type: string; actor_type: string | null; actor_id: string | null }>(
      'SELECT work_order_number, type, actor_type, actor_id FROM events WHERE work_order_number IS NOT NULL ORDER BY id',
    )
  ).rows;
  check(
    'events: no duplicate idempotency key',
    duplicateEvents ? [`${duplicateEvents} keys used more than once`] : [],
    `${events.length} events, ${events.length} keys`,
  );
  const sequences = new Map<number, Array<{ type: string; actor: string }>>();
  const unattributed: string[] = [];
  for (const ev of events) {
    const n = Number(ev.work_order_number);
    const list = sequences.get(n) ?? [];
    list.push({ type: ev.type, actor: `${ev.actor_type}:${ev.actor_id}` });
    sequences.set(n, list);
    if (!ev.actor_type || !ev.actor_id) unattributed.push(`#${n} ${ev.type} has no actor`);
  }
  const sequenceProblems: string[] = [];
  for (const e of expected) {
    const got = (sequences.get(e.number) ?? []).map((x) => x.type);
    const ordered = [...got];
    for (const type of e.unordered ?? []) {
      const at = ordered.indexOf(type);
      if (at === -1)
        sequenceProblems.push(
          `#${e.number}: no ${type} event (expected ${(e.unordered ?? []).filter((t) => t === type).length})`,
        );
      else ordered.splice(at, 1);
    }
    if (ordered.join(',') !== e.events.join(','))
      sequenceProblems.push(
        `#${e.number}: ${got.join(' → ') || '(none)'}; expected ${e.events.join(' → ')}${e.unordered ? ` and, anywhere, ${e.unordered.join(', ')}` : ''}`,
      );
  }
  const expectedEvents = expected.reduce((sum, e) => sum + e.events.length + (e.unordered?.length ?? 0), 0);
  check(
    'events: the expected sequence per order, none missing or twice',
    sequenceProblems,
    `${events.length} events = ${expectedEvents} expected (${expected[0]?.events.join(' → ') ?? ''}${new Set(expected.map((e) => e.events.join())).size > 1 ? ', …' : ''})`,
  );
  const actorProblems = [...unattributed];
  for (const e of expected) {
    for (const [type, actor] of Object.entries(e.actors ?? {})) {
      const found = (sequences.get(e.number) ?? []).find((x) => x.type === type);
      if (found && found.actor !== actor)
        actorProblems.push(`#${e.number} ${type} by ${found.actor}, expected ${actor}`);
    }
  }
  check(
    'events: every one attributed (actor type and id), to the expected actor',
    actorProblems,
    `${events.length} events attributed`,
  );

  // ---- classifications, when the drill says who should have classified ----
  const classified = expected.filter((e) => e.classification);
  if (classified.length > 0) {
    const decisions = (
      await pool.query<{
        work_order_number: string;
        provider: string;
        reasoning: string;
        unavailable: { reason?: string } | null;
      }>(
        `SELECT work_order_number, provider, reasoning, input->'unavailable' AS unavailable FROM decisions WHERE kind = 'classification' ORDER BY id`,
      )
    ).rows;
    const classifiedEvents = (
      await pool.query<{ work_order_number: string; payload: { unavailable?: { reason?: string; message?: string } } }>(
        `SELECT work_order_number, payload FROM events WHERE type = 'classified'`,
      )
    ).rows;
    const reviewEvents = (
      await pool.query<{ work_order_number: string; payload: { reasons?: string[] } }>(
        `SELECT work_order_number, payload FROM events WHERE type = 'queued_for_review'`,
      )
    ).rows;
    const problems: string[] = [];
    for (const e of classified) {
      const want = e.classification!;
      const mine = decisions.filter((d) => Number(d.work_order_number) === e.number);
      if (mine.length !== 1) {
        problems.push(`#${e.number}: ${mine.length} classification decisions`);
        continue;
      }
      const d = mine[0]!;
      const reason = d.unavailable?.reason ?? null;
      if (d.provider !== want.provider || reason !== want.unavailableReason)
        problems.push(
          `#${e.number}: classified by ${d.provider}${reason ? ` (claude: ${reason})` : ''}, expected ${want.provider}${want.unavailableReason ? ` (claude: ${want.unavailableReason})` : ''}`,
        );
      if (want.unavailableReason) {
        if (!d.reasoning.includes(`(${want.unavailableReason})`))
          problems.push(`#${e.number}: the decision's reasoning does not say why: ${d.reasoning.slice(0, 120)}`);
        const ev = classifiedEvents.find((x) => Number(x.work_order_number) === e.number);
        if (ev?.payload.unavailable?.reason !== want.unavailableReason)
          problems.push(`#${e.number}: the classified event does not carry the reason`);
        const review = reviewEvents.find((x) => Number(x.work_order_number) === e.number);
        if (!review?.payload.reasons?.some((r) => r.includes(`(${want.unavailableReason})`)))
          problems.push(`#${e.number}: queued for review without the reason`);
      }
    }
    const fallbacks = classified.filter((e) => e.classification!.unavailableReason).length;
    check(
      'classification: by whom expected; every fallback records why and is queued for review with it',
      problems,
      `${classified.length - fallbacks} by Claude, ${fallbacks} by the deterministic fallback with the reason in the decision, the event and the review queue`,
    );
  }

  const counts = await snapshotCounts(scope);
  return { counts, checks, passed: checks.every((c) => c.pass) };
}

export function printReconciliation(result: Reconciliation, log: Log): void {
  log('reconciliation:');
  for (const c of result.checks) log(`  ${c.pass ? 'PASS' : 'FAIL'}  ${c.name}: ${c.detail}`);
  log(
    `reconciliation ${result.passed ? 'PASSED' : 'FAILED'} (${result.checks.filter((c) => c.pass).length}/${result.checks.length} checks)`,
  );
}
