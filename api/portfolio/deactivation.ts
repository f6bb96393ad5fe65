/**
 * Deactivating the people the SMS channel texts (issue 17 item 4). A deactivated technician is never proposed or
 * booked again, and each of their visits still ahead is taken back by the order's workflow and proposed again (see
 * workflows/workOrder/technicianWithdrawal.ts); a deactivated tenant gets no more texts (activities/sms.ts
 * deliverSms suppresses them with reason tenant_inactive). The records, their orders and their history stay.
 */
import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { inTransaction } from '../../db/pool';
import { appendEvent } from '../../db/queries/events';
import { findPortfolioRecord, type PortfolioRecord } from '../../db/queries/portfolioRecords';
import { technicianDeactivatedUpdate, workOrderWorkflowId } from '../../workflows/definitions';
import type { Actor } from '../../domain/actor';
import type { TechnicianDeactivationOutcome } from '../../domain/workOrderContract';
import type { ApiDeps } from '../deps';
import { AppError, notFound } from '../errors';
import { executeUpdateWithin, workflowDeadlines } from '../workflowCalls';
import { PORTFOLIO_LOCK_KEY } from './addPortfolioRecord';

export type DeactivatableKind = 'technicians' | 'tenants';
export const DEACTIVATABLE_KINDS: readonly DeactivatableKind[] = ['technicians', 'tenants'];

/**
 * Sets `active`, with a `<kind>_deactivated` / `_reactivated` event naming who and why, in one transaction; setting
 * it to what it is already writes no event. Resolves with the record and whether it changed.
 */
export async function setActive(
  pool: Pool,
  kind: DeactivatableKind,
  id: number,
  active: boolean,
  reason: string | null,
  actor: Actor,
): Promise<{ record: PortfolioRecord; changed: boolean }> {
  const singular = kind.slice(0, -1);
  return inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [PORTFOLIO_LOCK_KEY]);
    const { rows } = await client.query<{ active: boolean }>(`SELECT active FROM ${kind} WHERE id = $1 FOR UPDATE`, [
      id,
    ]);
    if (!rows[0]) throw notFound(`${singular} ${id}`);
    const changed = rows[0].active !== active;
    if (changed) {
      await client.query(`UPDATE ${kind} SET active = $2 WHERE id = $1`, [id, active]);
      const change = active ? 'reactivated' : 'deactivated';
      await appendEvent(client, {
        number: null,
        type: `${singular}_${change}`,
        actor,
        source: 'api',
        payload: { id, reason },
        idempotencyKey: `portfolio/${kind}/${id}/${change}/${randomUUID()}`,
        onDuplicateKey: 'throw',
      });
    }
    return { record: (await findPortfolioRecord(client, kind, id))!, changed };
  });
}

/** What happened to one open order of a deactivated technician. */
export type OrderOutcome =
  | { number: number; outcome: TechnicianDeactivationOutcome['outcome']; status: string }
  | { number: number; outcome: 'pending'; updateId: string; message: string }
  | { number: number; outcome: 'unchanged'; message: string };

/**
 * The open orders a technician is on: assigned to them, holding a live booking of theirs, or waiting for a
 * coordinator with a proposal that names them.
 */
async function ordersOf(pool: Pool, technicianId: number): Promise<number[]> {
  const { rows } = await pool.query<{ number: number }>(
    `SELECT number::int AS number FROM work_orders
      WHERE status NOT IN ('completed', 'cancelled')
        AND (assigned_technician_id = $1
             OR number IN (SELECT work_order_number FROM technician_bookings WHERE technician_id = $1 AND released_at IS NULL)
             OR (pending_decision->>'kind' = 'assignment'
                 AND (proposal->'best'->>'technicianId' = $1::text
                      OR EXISTS (SELECT 1 FROM jsonb_array_elements(coalesce(proposal->'alternatives', '[]')) a WHERE a->>'technicianId' = $1::text))))
      ORDER BY number`,
    [technicianId],
  );
  return rows.map((r) => r.number);
}

/**
 * Asks each open order's workflow to take back the deactivated technician's visit (one at a time: each may book
 * another technician, and two at once would race for the same slots). An order whose visit is under way or over,
 * or that began before this existed, is left as it is and said so; a worker that does not answer in time leaves
 * the update pending (Temporal keeps it; the workflow applies it when a worker runs).
 */
export async function withdrawTechnicianFromOrders(
  deps: ApiDeps,
  technicianId: number,
  reason: string | null,
  actor: Actor,
): Promise<OrderOutcome[]> {
  const { updateMs } = workflowDeadlines(deps);
  const outcomes: OrderOutcome[] = [];
  for (const number of await ordersOf(deps.pool, technicianId)) {
    const handle = deps.temporal.workflow.getHandle(workOrderWorkflowId(number));
    try {
      const sent = await executeUpdateWithin(
        handle,
        technicianDeactivatedUpdate,
        [{ technicianId, reason, actor }],
        updateMs,
      );
      outcomes.push(
        sent.status === 'applied'
          ? { number, outcome: sent.result.outcome, status: sent.result.status }
          : {
              number,
              outcome: 'pending',
              updateId: sent.updateId,
              message: `no worker answered within ${updateMs / 1000} s: the workflow takes the visit back when a worker runs it`,
            },
      );
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      outcomes.push({ number, outcome: 'unchanged', message: err.message });
    }
  }
  return outcomes;
}
