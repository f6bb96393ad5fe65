/**
 * What an auto-path step wrote when it ran before: a worker that crashed after the step's transaction committed, but
 * before the workflow task that ran it completed, runs the step again, and it must answer as it did then (the same
 * rules version, classification and booking), not decide again.
 */
import type { PoolClient } from 'pg';
import { rulesVersion } from '../db/queries/rules';
import type { AssignmentProposal } from '../domain/assignment';
import type { ClassificationResult } from '../domain/classified';
import type { Classification } from '../domain/classification';
import type { Priority } from '../domain/priority';
import type { VersionedRules } from '../domain/rules';
import type { RoutingDecision } from '../domain/rulesEngine';
import type { ContextSummary } from './context';

async function eventPayload(client: PoolClient, key: string): Promise<Record<string, unknown> | null> {
  const { rows } = await client.query<{ payload: Record<string, unknown> }>(
    'SELECT payload FROM events WHERE idempotency_key = $1',
    [key],
  );
  return rows[0]?.payload ?? null;
}

/** The rules version triage started with, when triage_started is written under `key`. */
export async function rulesStartedWith(client: PoolClient, key: string): Promise<VersionedRules | null> {
  const payload = await eventPayload(client, key);
  const version = Number(payload?.rulesVersion);
  if (!payload || !Number.isInteger(version)) return null;
  const pinned = await rulesVersion(client, version);
  return pinned ? { version: pinned.version, rules: pinned.rules } : null;
}

/** The classification recorded under `classifiedKey`, as the step answered it. */
export async function recordedTriage(
  client: PoolClient,
  number: number,
  keys: { contextEnriched: string; classified: string },
): Promise<(ClassificationResult & { context: ContextSummary; slaDeadline: string | null }) | null> {
  const classified = await eventPayload(client, keys.classified);
  if (!classified) return null;
  const enriched = await eventPayload(client, keys.contextEnriched);
  const { rows } = await client.query<{
    classification: Classification;
    priority: Priority;
    sla_deadline: Date | null;
    actor_id: string;
  }>(
    `SELECT w.classification, w.priority, w.sla_deadline, e.actor_id FROM work_orders w
       JOIN events e ON e.work_order_number = w.number AND e.idempotency_key = $2 WHERE w.number = $1`,
    [number, keys.classified],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    classification: row.classification,
    priority: row.priority,
    provider: row.actor_id.replace(/^classifier:/, ''),
    cached: classified.cached === true,
    unavailable: (classified.unavailable as ClassificationResult['unavailable'] | undefined) ?? null,
    context: {
      tenantRequestsInWindow: Number(enriched?.tenantRequestsInWindow ?? 0),
      similarInBuilding: Number(enriched?.similarInBuilding ?? 0),
    },
    slaDeadline: row.sla_deadline ? row.sla_deadline.toISOString() : null,
  };
}

/** The proposal and routing recorded under their keys, and whether the best slot is booked for the order. */
export async function recordedProposal(
  client: PoolClient,
  number: number,
  keys: { proposal: string; routing: string },
): Promise<{ proposal: AssignmentProposal; routing: RoutingDecision; booked: boolean } | null> {
  const { rows } = await client.query<{ idempotency_key: string; output: unknown }>(
    'SELECT idempotency_key, output FROM decisions WHERE idempotency_key = ANY($1)',
    [[keys.proposal, keys.routing]],
  );
  const proposal = rows.find((r) => r.idempotency_key === keys.proposal)?.output as AssignmentProposal | undefined;
  const routing = rows.find((r) => r.idempotency_key === keys.routing)?.output as RoutingDecision | undefined;
  if (!proposal || !routing) return null;
  const best = proposal.best;
  const booked = best
    ? (
        await client.query(
          `SELECT 1 FROM technician_bookings WHERE work_order_number = $1 AND released_at IS NULL
              AND technician_id = $2 AND during = tstzrange($3, $4, '[)')`,
          [number, best.technicianId, best.slot.start, best.slot.end],
        )
      ).rowCount === 1
    : false;
  return { proposal, routing, booked };
}

/** Whether an event is written under `key`. */
export async function recorded(client: PoolClient, key: string): Promise<boolean> {
  return (await eventPayload(client, key)) !== null;
}
