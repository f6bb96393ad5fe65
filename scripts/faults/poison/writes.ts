/**
 * The poison drill's rejected writes: every free-text field the API takes, sent with each refused character, must be
 * a 4xx (an import row skipped) that wrote nothing: no row in any table, nothing in the order's history.
 */
import type { Client } from '@temporalio/client';
import type { Pool } from 'pg';
import { workOrderWorkflowId } from '../../../workflows/definitions';
import { sleep } from '../../async';
import type { Stack } from '../harness';
import type { Check } from '../reconcile';
import { rowCounts } from '../reconcile/counts';
import { portfolioAttempts, workOrderAttempts, type Attempt } from './attempts';
import { POISON } from './characters';

/** Until the workflow has no activity or workflow task pending and its history has stopped growing (at most 30 s). */
async function atRest(client: Client, number: number): Promise<void> {
  const handle = client.workflow.getHandle(workOrderWorkflowId(number));
  let last = -1;
  for (const deadline = Date.now() + 30_000; Date.now() < deadline; await sleep(500)) {
    const { historyLength, raw } = await handle.describe();
    const idle = (raw.pendingActivities ?? []).length === 0 && !raw.pendingWorkflowTask;
    if (idle && historyLength === last) return;
    last = idle ? historyLength : -1;
  }
}

/** Rows in every table and the length of one order's history: what a rejected request must leave as it was. */
async function footprint(pool: Pool, client: Client, number: number): Promise<Record<string, number>> {
  const history = (await client.workflow.getHandle(workOrderWorkflowId(number)).describe()).historyLength;
  return { ...(await rowCounts(pool)), [`history of ${number}`]: history };
}

/** Sends each attempt, one at a time, and notes what answered wrong and what changed the footprint; the answers counted. */
async function tryEach(
  stack: Stack,
  attempts: Attempt[],
  scheduled: number,
): Promise<{ problems: string[]; statuses: Map<number, number> }> {
  const problems: string[] = [];
  // The order may still be finishing the YES (the technician's texts, their events): measure from when it is at rest.
  await atRest(stack.client, scheduled);
  const before = await footprint(stack.pool, stack.client, scheduled);
  const statuses = new Map<number, number>();
  for (const attempt of attempts) {
    const reply = await stack.api.call(attempt.method, attempt.route, attempt.body, attempt.as);
    statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
    const ok = attempt.accept ? attempt.accept(reply.status, reply.body) : reply.status >= 400 && reply.status < 500;
    if (!ok)
      problems.push(
        `${attempt.what} (${attempt.method} ${attempt.route}): ${reply.status} ${reply.text.slice(0, 160)}`,
      );
    const after = await footprint(stack.pool, stack.client, scheduled);
    const changed = Object.keys(after).filter((k) => after[k] !== before[k]);
    if (changed.length > 0) {
      problems.push(
        `${attempt.what} (${attempt.method} ${attempt.route}) wrote: ${changed.map((k) => `${k} ${before[k]} → ${after[k]}`).join(', ')}`,
      );
      Object.assign(before, after);
    }
  }
  return { problems, statuses };
}

/** Every free-text field the API takes, with refused characters: each a 4xx that wrote nothing. */
export async function sendRejectedWrites(stack: Stack, scheduled: number): Promise<{ check: Check; facts: string[] }> {
  const building = (
    await stack.pool.query<{ name: string; label: string; unit_id: string }>(
      `SELECT b.name, u.label, u.id AS unit_id FROM buildings b JOIN units u ON u.building_id = b.id ORDER BY b.id, u.id LIMIT 1`,
    )
  ).rows[0]!;
  const slot = {
    start: new Date(Date.now() + 3 * 86_400_000).toISOString(),
    end: new Date(Date.now() + 3 * 86_400_000 + 3_600_000).toISOString(),
  };
  const rules = (await stack.api.call('GET', '/rules')).body as { rules: unknown; version: number };
  const attempts: Attempt[] = POISON.flatMap((p, i): Attempt[] => [
    ...workOrderAttempts(p, scheduled, Number(building.unit_id), slot),
    ...portfolioAttempts(p, i, building, rules),
  ]);
  const { problems, statuses } = await tryEach(stack, attempts, scheduled);
  const answers = [...statuses]
    .sort(([a], [b]) => a - b)
    .map(([s, n]) => `${s} × ${n}`)
    .join(', ');
  return {
    check: {
      name: 'refused characters in every API field: a 4xx (an import row skipped), nothing written',
      pass: problems.length === 0,
      detail:
        problems.length === 0
          ? `${attempts.length} requests (${answers}); every table and work order ${scheduled}'s history unchanged`
          : problems.slice(0, 5).join('; '),
    },
    facts: [
      `rejected writes: ${attempts.length} requests through ${new Set(attempts.map((a) => a.what)).size} fields, answered ${answers}`,
    ],
  };
}
