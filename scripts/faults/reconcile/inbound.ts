/** Inbound SMS: one row per MessageSid, and each intake text opened exactly the order expected of it. */
import type { Check, ExpectedOrder, ReconcileScope } from '../reconcile';
import { checkRecorder } from './check';

export async function inboundChecks({ pool }: ReconcileScope, expected: ExpectedOrder[]): Promise<Check[]> {
  const checks: Check[] = [];
  const check = checkRecorder(checks);
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
  return checks;
}
