/** Pages (one per cause per order), the texts that carried them, and acknowledgements. */
import type { Pool, PoolClient } from 'pg';
import { causeOfEvent, PAGING_EVENT_TYPES } from '../../domain/paging/causes';
import type { Rules } from '../../domain/rules';
import { appendEvent } from './events';

type Db = Pool | PoolClient;

/** Events committed out of id order (an id drawn before a later one commits) are caught by re-reading this far back. */
const EVENT_LOOKBACK_SECONDS = 600;

/** Statuses in which someone is (or was) on site: an emergency's SLA is no longer at risk. */
const ON_SITE_OR_CLOSED = `('in_progress', 'ready_review', 'waiting_parts', 'failed_review', 'completed', 'cancelled')`;

interface RaisedPage {
  number: number;
  cause: string;
  eventId: number | null;
  detail: Record<string, unknown>;
}

async function insertPages(client: PoolClient, pages: RaisedPage[]): Promise<number> {
  let inserted = 0;
  for (const p of pages) {
    const { rowCount } = await client.query(
      `INSERT INTO coordinator_pages (work_order_number, cause, event_id, detail) VALUES ($1, $2, $3, $4) ON CONFLICT (work_order_number, cause) DO NOTHING`,
      [p.number, p.cause, p.eventId, JSON.stringify(p.detail)],
    );
    inserted += rowCount ?? 0;
  }
  return inserted;
}

/** Pages for the paging events since the cursor (and the last minutes, for late commits); moves the cursor on. */
async function raiseFromEvents(client: PoolClient, now: Date): Promise<RaisedPage[]> {
  const cursor = (
    await client.query<{ last: string }>('SELECT last_event_id AS last FROM coordinator_pager_cursor FOR UPDATE')
  ).rows[0];
  const after = cursor ? Number(cursor.last) : 0;
  const { rows } = await client.query<{ id: string; number: string; type: string; payload: Record<string, unknown> }>(
    `SELECT id, work_order_number AS number, type, payload FROM events
      WHERE type = ANY($1) AND work_order_number IS NOT NULL AND (id > $2 OR at > $3::timestamptz - make_interval(secs => $4))
      ORDER BY id`,
    [PAGING_EVENT_TYPES, after, now, EVENT_LOOKBACK_SECONDS],
  );
  const top = (await client.query<{ top: string | null }>('SELECT max(id) AS top FROM events')).rows[0]?.top;
  if (top !== null && top !== undefined && Number(top) > after) {
    await client.query(
      `INSERT INTO coordinator_pager_cursor (singleton, last_event_id, updated_at) VALUES (true, $1, now())
       ON CONFLICT (singleton) DO UPDATE SET last_event_id = $1, updated_at = now()`,
      [Number(top)],
    );
  }
  return rows.flatMap((e) => {
    const cause = causeOfEvent(e.type, e.payload ?? {});
    return cause ? [{ number: Number(e.number), cause, eventId: Number(e.id), detail: { event: e.type } }] : [];
  });
}

/** Pages for states: an emergency past its at-risk share, a review or a vendor pick waiting past the rules' limit. */
async function raiseFromStates(client: PoolClient, paging: Rules['paging'], now: Date): Promise<RaisedPage[]> {
  const atRisk = await client.query<{ number: string; deadline: Date }>(
    `SELECT w.number, w.sla_deadline AS deadline FROM work_orders w
       CROSS JOIN LATERAL (SELECT coalesce(max(e.at), w.created_at) AS start FROM events e WHERE e.work_order_number = w.number AND e.type = 'classified') s
      WHERE w.priority = 'emergency' AND w.sla_deadline IS NOT NULL AND w.status NOT IN ${ON_SITE_OR_CLOSED}
        AND w.sla_deadline > $1 AND $1 >= s.start + (w.sla_deadline - s.start) * $2::float8
        AND NOT EXISTS (SELECT 1 FROM coordinator_pages p WHERE p.work_order_number = w.number AND p.cause = 'sla_at_risk')`,
    [now, paging.slaAtRiskShare],
  );
  const reviews = await client.query<{ number: string; since: Date }>(
    `SELECT w.number, q.since FROM work_orders w
       CROSS JOIN LATERAL (SELECT max(e.at) AS since FROM events e WHERE e.work_order_number = w.number AND e.type = 'queued_for_review') q
      WHERE w.status = 'needs_assignment' AND w.pending_decision->>'kind' = 'assignment'
        AND q.since <= $1::timestamptz - make_interval(secs => $2)
        AND NOT EXISTS (SELECT 1 FROM coordinator_pages p WHERE p.work_order_number = w.number AND p.cause = 'review_waiting')`,
    [now, paging.reviewMaxWaitSeconds],
  );
  const picks = await client.query<{ number: string; since: Date }>(
    `SELECT w.number, q.since FROM work_orders w
       CROSS JOIN LATERAL (SELECT min(e.at) AS since FROM events e WHERE e.work_order_number = w.number AND e.type = 'vendor_quoted') q
      WHERE w.pending_decision->>'kind' = 'vendor_pick' AND w.status NOT IN ('completed', 'cancelled')
        AND q.since <= $1::timestamptz - make_interval(secs => $2)
        AND NOT EXISTS (SELECT 1 FROM coordinator_pages p WHERE p.work_order_number = w.number AND p.cause = 'vendor_pick_waiting')`,
    [now, paging.vendorPickMaxWaitSeconds],
  );
  return [
    ...atRisk.rows.map((r) => ({
      number: Number(r.number),
      cause: 'sla_at_risk',
      eventId: null,
      detail: { slaDeadline: r.deadline },
    })),
    ...reviews.rows.map((r) => ({
      number: Number(r.number),
      cause: 'review_waiting',
      eventId: null,
      detail: { waitingSince: r.since },
    })),
    ...picks.rows.map((r) => ({
      number: Number(r.number),
      cause: 'vendor_pick_waiting',
      eventId: null,
      detail: { waitingSince: r.since },
    })),
  ];
}

/** Every page the event log and the orders' states call for now; a page raised before is not raised again. */
export async function raisePages(client: PoolClient, paging: Rules['paging'], now: Date): Promise<number> {
  const pages = [...(await raiseFromEvents(client, now)), ...(await raiseFromStates(client, paging, now))];
  return insertPages(client, pages);
}

/** Pages not sent yet whose cause has gone (the order closed, someone decided, the SLA was met or breached). */
export async function resolveMootPages(client: PoolClient, now: Date): Promise<number> {
  const { rowCount } = await client.query(
    `UPDATE coordinator_pages p SET status = 'resolved',
            resolved_reason = CASE WHEN w.status IN ('completed', 'cancelled') THEN 'order ' || w.status ELSE 'no longer waiting' END
       FROM work_orders w
      WHERE w.number = p.work_order_number AND p.status = 'pending' AND (
            w.status IN ('completed', 'cancelled')
         OR (p.cause = 'sla_at_risk' AND (w.status IN ${ON_SITE_OR_CLOSED} OR w.sla_deadline <= $1))
         OR (p.cause = 'review_waiting' AND NOT (w.status = 'needs_assignment' AND coalesce(w.pending_decision->>'kind', '') = 'assignment'))
         OR (p.cause = 'vendor_pick_waiting' AND coalesce(w.pending_decision->>'kind', '') <> 'vendor_pick')
         OR (p.cause NOT IN ('sla_at_risk', 'review_waiting', 'vendor_pick_waiting') AND NOT w.needs_coordinator))`,
    [now],
  );
  return rowCount ?? 0;
}

export interface PendingPage {
  id: number;
  number: number;
  cause: string;
}

export async function pendingPages(db: Db): Promise<PendingPage[]> {
  const { rows } = await db.query<PendingPage>(
    `SELECT id::int AS id, work_order_number::int AS number, cause FROM coordinator_pages WHERE status = 'pending' ORDER BY id`,
  );
  return rows;
}

/** When each phone was sent a page or digest since `since`. */
export async function textedSince(db: Db, phones: string[], since: Date): Promise<Map<string, Date[]>> {
  const { rows } = await db.query<{ phone: string; at: Date }>(
    `SELECT phone, created_at AS at FROM coordinator_page_texts WHERE phone = ANY($1) AND created_at > $2`,
    [phones, since],
  );
  const byPhone = new Map<string, Date[]>();
  for (const r of rows) byPhone.set(r.phone, [...(byPhone.get(r.phone) ?? []), r.at]);
  return byPhone;
}

export interface NewPageText {
  idempotencyKey: string;
  coordinatorId: number | null;
  phone: string;
  language: string;
  body: string;
  digest: boolean;
  workOrderNumber: number | null;
  pageIds: number[];
  createdAt: Date;
}

/** Writes the text and which pages it carries, and marks those pages sent: all before the text goes out. */
export async function recordPageText(client: PoolClient, text: NewPageText): Promise<void> {
  const { rows } = await client.query<{ id: string }>(
    `INSERT INTO coordinator_page_texts (idempotency_key, coordinator_id, phone, language, body, digest, work_order_number, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
    [
      text.idempotencyKey,
      text.coordinatorId,
      text.phone,
      text.language,
      text.body,
      text.digest,
      text.workOrderNumber,
      text.createdAt,
    ],
  );
  if (!rows[0]) return;
  await client.query(
    `INSERT INTO coordinator_page_deliveries (page_id, text_id) SELECT unnest($1::bigint[]), $2 ON CONFLICT DO NOTHING`,
    [text.pageIds, rows[0].id],
  );
  await client.query(
    `UPDATE coordinator_pages SET status = 'sent', sent_at = coalesce(sent_at, $2) WHERE id = ANY($1) AND status = 'pending'`,
    [text.pageIds, text.createdAt],
  );
}

export interface UnsentPageText {
  id: number;
  idempotencyKey: string;
  coordinatorId: number | null;
  phone: string;
  body: string;
  digest: boolean;
  workOrderNumber: number | null;
}

/**
 * Texts recorded but not sent, each claimed for this sender: a sweep still running past its activity's time-out
 * keeps its claims, one that died has them taken over after `staleSeconds`.
 */
export async function claimUnsentTexts(db: Db, staleSeconds: number): Promise<UnsentPageText[]> {
  const { rows } = await db.query<UnsentPageText>(
    `UPDATE coordinator_page_texts SET claimed_at = now()
      WHERE id IN (SELECT id FROM coordinator_page_texts WHERE sent_at IS NULL AND (claimed_at IS NULL OR claimed_at < now() - make_interval(secs => $1)) ORDER BY id FOR UPDATE SKIP LOCKED)
      RETURNING id::int AS id, idempotency_key AS "idempotencyKey", coordinator_id::int AS "coordinatorId", phone, body, digest, work_order_number::int AS "workOrderNumber"`,
    [staleSeconds],
  );
  return rows.sort((a, b) => a.id - b.id);
}

export async function markTextSent(db: Db, id: number, outcome: string): Promise<void> {
  await db.query(`UPDATE coordinator_page_texts SET sent_at = now(), outcome = $2 WHERE id = $1`, [id, outcome]);
}

export interface AckedOrder {
  number: number;
  causes: string[];
}

/**
 * Acknowledges the open pages of `number` (or, null, every open page texted to `phone`) as `actor`'s; resolves
 * those not sent yet. The orders acknowledged, with their causes.
 */
export async function acknowledgePages(
  client: PoolClient,
  ack: { number: number | null; phone: string; coordinatorId: number | null; actor: string; at: Date },
): Promise<AckedOrder[]> {
  const { rows } = await client.query<{ number: number; cause: string }>(
    `UPDATE coordinator_pages p SET acked_at = $3, acked_by = $4, acked_actor = $5,
            status = CASE WHEN p.status = 'pending' THEN 'resolved' ELSE p.status END,
            resolved_reason = CASE WHEN p.status = 'pending' THEN 'acknowledged before it was sent' ELSE p.resolved_reason END
      WHERE p.acked_at IS NULL AND p.status <> 'resolved'
        AND (($1::bigint IS NOT NULL AND p.work_order_number = $1)
          OR ($1::bigint IS NULL AND EXISTS (SELECT 1 FROM coordinator_page_deliveries d JOIN coordinator_page_texts t ON t.id = d.text_id WHERE d.page_id = p.id AND t.phone = $2)))
      RETURNING p.work_order_number::int AS number, p.cause`,
    [ack.number, ack.phone, ack.at, ack.coordinatorId, ack.actor],
  );
  return groupByOrder(rows);
}

/** The open (unacknowledged, sent) pages texted to `phone`, by order. */
export async function openPagesTextedTo(db: Db, phone: string): Promise<AckedOrder[]> {
  const { rows } = await db.query<{ number: number; cause: string }>(
    `SELECT DISTINCT p.id, p.work_order_number::int AS number, p.cause FROM coordinator_pages p
       JOIN coordinator_page_deliveries d ON d.page_id = p.id JOIN coordinator_page_texts t ON t.id = d.text_id
      WHERE t.phone = $1 AND p.acked_at IS NULL AND p.status = 'sent' ORDER BY p.id`,
    [phone],
  );
  return groupByOrder(rows);
}

function groupByOrder(rows: Array<{ number: number; cause: string }>): AckedOrder[] {
  const orders = new Map<number, string[]>();
  for (const r of rows) orders.set(r.number, [...(orders.get(r.number) ?? []), r.cause]);
  return [...orders.entries()].sort(([a], [b]) => a - b).map(([number, causes]) => ({ number, causes }));
}

export interface PageRecord {
  id: number;
  workOrderNumber: number;
  cause: string;
  eventId: number | null;
  detail: Record<string, unknown>;
  status: 'pending' | 'sent' | 'resolved';
  resolvedReason: string | null;
  raisedAt: Date;
  sentAt: Date | null;
  ackedAt: Date | null;
  ackedBy: number | null;
  ackedActor: string | null;
  /** The texts that carried it: to whom, when, and how the send went. */
  texts: Array<{
    id: number;
    coordinatorId: number | null;
    digest: boolean;
    createdAt: string;
    sentAt: string | null;
    outcome: string | null;
  }>;
}

export async function listPages(
  db: Db,
  filters: { status?: string; workOrderNumber?: number; acked?: boolean; before?: number; limit: number },
): Promise<PageRecord[]> {
  const { rows } = await db.query<PageRecord>(
    `SELECT p.id::int AS id, p.work_order_number::int AS "workOrderNumber", p.cause, p.event_id::int AS "eventId", p.detail, p.status,
            p.resolved_reason AS "resolvedReason", p.raised_at AS "raisedAt", p.sent_at AS "sentAt", p.acked_at AS "ackedAt",
            p.acked_by::int AS "ackedBy", p.acked_actor AS "ackedActor",
            coalesce((SELECT json_agg(json_build_object('id', t.id, 'coordinatorId', t.coordinator_id, 'digest', t.digest, 'createdAt', t.created_at, 'sentAt', t.sent_at, 'outcome', t.outcome) ORDER BY t.id)
                        FROM coordinator_page_deliveries d JOIN coordinator_page_texts t ON t.id = d.text_id WHERE d.page_id = p.id), '[]') AS texts
       FROM coordinator_pages p
      WHERE ($1::text IS NULL OR p.status = $1) AND ($2::bigint IS NULL OR p.work_order_number = $2)
        AND ($3::boolean IS NULL OR (p.acked_at IS NOT NULL) = $3) AND ($4::bigint IS NULL OR p.id < $4)
      ORDER BY p.id DESC LIMIT $5`,
    [
      filters.status ?? null,
      filters.workOrderNumber ?? null,
      filters.acked ?? null,
      filters.before ?? null,
      filters.limit,
    ],
  );
  return rows;
}

/** Counts for ops: pages by status, and how many sent ones nobody acknowledged. */
export async function pageCounts(
  db: Db,
): Promise<{ pending: number; sent: number; resolved: number; unacknowledged: number }> {
  const { rows } = await db.query<{ pending: number; sent: number; resolved: number; unacknowledged: number }>(
    `SELECT count(*) FILTER (WHERE status = 'pending')::int AS pending, count(*) FILTER (WHERE status = 'sent')::int AS sent,
            count(*) FILTER (WHERE status = 'resolved')::int AS resolved, count(*) FILTER (WHERE status = 'sent' AND acked_at IS NULL)::int AS unacknowledged
       FROM coordinator_pages`,
  );
  return rows[0]!;
}

/** Writes `coordinator_acknowledged` for the order, attributed to the actor, once per message and order. */
export async function recordAcknowledgedEvent(
  client: PoolClient,
  e: { number: number; actorType: string; actorId: string; messageSid: string; payload: Record<string, unknown> },
): Promise<void> {
  await appendEvent(client, {
    number: e.number,
    type: 'coordinator_acknowledged',
    actor: { type: e.actorType, id: e.actorId },
    source: 'sms',
    payload: e.payload,
    idempotencyKey: `sms/${e.messageSid}/ack/${e.number}`,
    onDuplicateKey: 'skip',
  });
}

/** What a single page says about its order: priority, where, what, and the booking ACCEPT would make. */
export interface PagedOrderFacts {
  number: number;
  priority: string | null;
  place: string;
  description: string;
  /** The technician and start ACCEPT would book: the proposal's best, or the booked visit a coordinator may keep. */
  acceptable: { technicianName: string; start: Date } | null;
}

export async function pagedOrderFacts(db: Db, number: number): Promise<PagedOrderFacts | null> {
  const { rows } = await db.query<{
    priority: string | null;
    place: string;
    description: string;
    kind: string | null;
    best_name: string | null;
    best_start: string | null;
    booked_name: string | null;
    booked_start: Date | null;
  }>(
    `SELECT w.priority, b.name || ' - ' || u.label || ', ' || b.address AS place, w.description, w.pending_decision->>'kind' AS kind,
            w.proposal->'best'->>'technicianName' AS best_name, w.proposal->'best'->'slot'->>'start' AS best_start,
            t.name AS booked_name, w.scheduled_start AS booked_start
       FROM work_orders w JOIN units u ON u.id = w.unit_id JOIN buildings b ON b.id = w.building_id
       LEFT JOIN technicians t ON t.id = w.assigned_technician_id
      WHERE w.number = $1`,
    [number],
  );
  const row = rows[0];
  if (!row) return null;
  const acceptable =
    row.kind === 'assignment' && row.best_name && row.best_start
      ? { technicianName: row.best_name, start: new Date(row.best_start) }
      : row.kind === 'confirmation_timeout' && row.booked_name && row.booked_start
        ? { technicianName: row.booked_name, start: row.booked_start }
        : null;
  return { number, priority: row.priority, place: row.place, description: row.description, acceptable };
}
