/**
 * Outbound SMS: one per idempotency key, exactly the expected texts per order and kind, all sent; and, with the fake
 * Twilio, each text received once by the provider.
 */
import type { Pool } from 'pg';
import type { FakeTwilio } from '../../../test/support/fakeTwilio';
import type { Check, ExpectedOrder, ReconcileScope } from '../reconcile';
import { checkRecorder } from './check';

interface Outbound {
  work_order_number: string | null;
  kind: string | null;
  status: string;
  provider_sid: string | null;
  attempts: number;
  to_phone: string;
  body: string;
}

async function outboundTexts(pool: Pool): Promise<Outbound[]> {
  const { rows } = await pool.query<Outbound>(
    `SELECT work_order_number, kind, status, provider_sid, attempts, to_phone, body FROM sms_messages WHERE direction = 'outbound' ORDER BY id`,
  );
  return rows;
}

/** Texts per (order, kind) that differ from the expected, texts not sent, texts to orders nobody expected. */
function kindProblems(outbound: Outbound[], expected: ExpectedOrder[]): string[] {
  const byNumber = new Map(expected.map((e) => [e.number, e]));
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
  return smsProblems;
}

/** Texts the fake Twilio received twice, texts it never received, and a different count. */
function providerProblems(twilio: FakeTwilio, outbound: Outbound[]): string[] {
  const received = new Map<string, number>();
  for (const m of twilio.messages) received.set(`${m.to}\n${m.body}`, (received.get(`${m.to}\n${m.body}`) ?? 0) + 1);
  const sids = new Set(twilio.messages.map((m) => m.sid));
  return [
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
}

export async function outboundChecks({ pool, twilio }: ReconcileScope, expected: ExpectedOrder[]): Promise<Check[]> {
  const checks: Check[] = [];
  const check = checkRecorder(checks);
  const duplicateKeys = await pool.query<{ idempotency_key: string | null; n: string }>(
    `SELECT idempotency_key, count(*) AS n FROM sms_messages WHERE direction = 'outbound' GROUP BY idempotency_key HAVING count(*) > 1 OR idempotency_key IS NULL`,
  );
  const outbound = await outboundTexts(pool);
  const retried = outbound.filter((m) => m.attempts > 1).length;
  check(
    'outbound SMS: one per idempotency key',
    duplicateKeys.rows.map((r) => `${r.idempotency_key ?? '(no key)'} × ${r.n}`),
    `${outbound.length} texts, ${outbound.length} keys${retried ? ` (${retried} claimed again by a retried activity after a kill, still sent once)` : ''}`,
  );
  const expectedTexts = expected.reduce((sum, e) => sum + Object.values(e.sms).reduce((a, b) => a + b, 0), 0);
  check(
    'outbound SMS per (work order, kind) = expected, all sent',
    kindProblems(outbound, expected),
    `${outbound.length} texts = ${expectedTexts} expected, each kind once per step`,
  );

  if (twilio) {
    check(
      'provider (fake Twilio) received each text exactly once',
      providerProblems(twilio, outbound),
      `${twilio.messages.length} messages accepted, no recipient texted the same thing twice`,
    );
  }
  return checks;
}
