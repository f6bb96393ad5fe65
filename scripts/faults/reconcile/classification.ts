/**
 * Classifications, when the drill says who should have classified: by Claude or by the deterministic fallback, and
 * every fallback with its reason in the decision, the `classified` event and the review queue.
 */
import type { Pool } from 'pg';
import type { Check, ExpectedOrder, ReconcileScope } from '../reconcile';
import { checkRecorder } from './check';

interface Decision {
  work_order_number: string;
  provider: string;
  reasoning: string;
  unavailable: { reason?: string } | null;
}
interface ClassifiedEvent {
  work_order_number: string;
  payload: { unavailable?: { reason?: string; message?: string } };
}
interface ReviewEvent {
  work_order_number: string;
  payload: { reasons?: string[] };
}

/** The classification decisions, the `classified` events and the `queued_for_review` events. */
async function classificationRecords(pool: Pool) {
  const decisions = (
    await pool.query<Decision>(
      `SELECT work_order_number, provider, reasoning, input->'unavailable' AS unavailable FROM decisions WHERE kind = 'classification' ORDER BY id`,
    )
  ).rows;
  const classifiedEvents = (
    await pool.query<ClassifiedEvent>(`SELECT work_order_number, payload FROM events WHERE type = 'classified'`)
  ).rows;
  const reviewEvents = (
    await pool.query<ReviewEvent>(`SELECT work_order_number, payload FROM events WHERE type = 'queued_for_review'`)
  ).rows;
  return { decisions, classifiedEvents, reviewEvents };
}

/** Where one order's classification differs from the expected: the provider, or the reason missing somewhere. */
function orderProblems(e: ExpectedOrder, records: Awaited<ReturnType<typeof classificationRecords>>): string[] {
  const problems: string[] = [];
  const want = e.classification!;
  const mine = records.decisions.filter((d) => Number(d.work_order_number) === e.number);
  if (mine.length !== 1) return [`#${e.number}: ${mine.length} classification decisions`];
  const d = mine[0]!;
  const reason = d.unavailable?.reason ?? null;
  if (d.provider !== want.provider || reason !== want.unavailableReason)
    problems.push(
      `#${e.number}: classified by ${d.provider}${reason ? ` (claude: ${reason})` : ''}, expected ${want.provider}${want.unavailableReason ? ` (claude: ${want.unavailableReason})` : ''}`,
    );
  if (want.unavailableReason) {
    if (!d.reasoning.includes(`(${want.unavailableReason})`))
      problems.push(`#${e.number}: the decision's reasoning does not say why: ${d.reasoning.slice(0, 120)}`);
    const ev = records.classifiedEvents.find((x) => Number(x.work_order_number) === e.number);
    if (ev?.payload.unavailable?.reason !== want.unavailableReason)
      problems.push(`#${e.number}: the classified event does not carry the reason`);
    const review = records.reviewEvents.find((x) => Number(x.work_order_number) === e.number);
    if (!review?.payload.reasons?.some((r) => r.includes(`(${want.unavailableReason})`)))
      problems.push(`#${e.number}: queued for review without the reason`);
  }
  return problems;
}

export async function classificationChecks({ pool }: ReconcileScope, expected: ExpectedOrder[]): Promise<Check[]> {
  const checks: Check[] = [];
  const classified = expected.filter((e) => e.classification);
  if (classified.length === 0) return checks;
  const records = await classificationRecords(pool);
  const problems = classified.flatMap((e) => orderProblems(e, records));
  const fallbacks = classified.filter((e) => e.classification!.unavailableReason).length;
  checkRecorder(checks)(
    'classification: by whom expected; every fallback records why and is queued for review with it',
    problems,
    `${classified.length - fallbacks} by Claude, ${fallbacks} by the deterministic fallback with the reason in the decision, the event and the review queue`,
  );
  return checks;
}
