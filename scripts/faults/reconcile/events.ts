/** Events: no idempotency key twice, exactly the expected sequence per order, every one attributed to the expected actor. */
import type { Check, ExpectedOrder, ReconcileScope } from '../reconcile';
import { checkRecorder } from './check';
import { count } from './counts';

type Sequences = Map<number, Array<{ type: string; actor: string }>>;

/** Orders whose events differ from the expected sequence (the unordered ones anywhere, each once). */
function sequenceProblems(sequences: Sequences, expected: ExpectedOrder[]): string[] {
  const problems: string[] = [];
  for (const e of expected) {
    const got = (sequences.get(e.number) ?? []).map((x) => x.type);
    const ordered = [...got];
    for (const type of e.unordered ?? []) {
      const at = ordered.indexOf(type);
      if (at === -1)
        problems.push(
          `#${e.number}: no ${type} event (expected ${(e.unordered ?? []).filter((t) => t === type).length})`,
        );
      else ordered.splice(at, 1);
    }
    if (ordered.join(',') !== e.events.join(','))
      problems.push(
        `#${e.number}: ${got.join(' → ') || '(none)'}; expected ${e.events.join(' → ')}${e.unordered ? ` and, anywhere, ${e.unordered.join(', ')}` : ''}`,
      );
  }
  return problems;
}

/** Events by another actor than the expected one. */
function actorProblems(sequences: Sequences, expected: ExpectedOrder[]): string[] {
  const problems: string[] = [];
  for (const e of expected) {
    for (const [type, actor] of Object.entries(e.actors ?? {})) {
      const found = (sequences.get(e.number) ?? []).find((x) => x.type === type);
      if (found && found.actor !== actor) problems.push(`#${e.number} ${type} by ${found.actor}, expected ${actor}`);
    }
  }
  return problems;
}

export async function eventChecks({ pool }: ReconcileScope, expected: ExpectedOrder[]): Promise<Check[]> {
  const checks: Check[] = [];
  const check = checkRecorder(checks);
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
  const sequences: Sequences = new Map();
  const unattributed: string[] = [];
  for (const ev of events) {
    const n = Number(ev.work_order_number);
    const list = sequences.get(n) ?? [];
    list.push({ type: ev.type, actor: `${ev.actor_type}:${ev.actor_id}` });
    sequences.set(n, list);
    if (!ev.actor_type || !ev.actor_id) unattributed.push(`#${n} ${ev.type} has no actor`);
  }
  const expectedEvents = expected.reduce((sum, e) => sum + e.events.length + (e.unordered?.length ?? 0), 0);
  check(
    'events: the expected sequence per order, none missing or twice',
    sequenceProblems(sequences, expected),
    `${events.length} events = ${expectedEvents} expected (${expected[0]?.events.join(' → ') ?? ''}${new Set(expected.map((e) => e.events.join())).size > 1 ? ', …' : ''})`,
  );
  check(
    'events: every one attributed (actor type and id), to the expected actor',
    [...unattributed, ...actorProblems(sequences, expected)],
    `${events.length} events attributed`,
  );
  return checks;
}
