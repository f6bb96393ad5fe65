import { inTransaction } from '../db/pool';
import type { VendorReply } from '../domain/workOrderContract';
import type { ActivityDeps } from './deps';

export interface VendorCandidate {
  id: number;
  name: string;
}

/** Vendor dispatch's records: who was offered the job, what they answered, who got it. */
export function createVendorActivities({ pool }: ActivityDeps) {
  return {
    /**
     * Approved vendors with the skill, those who answered fastest on past offers first; and the building's budget cap.
     */
    async findVendors(req: {
      number: number;
      skill: string;
      limit: number;
    }): Promise<{ vendors: VendorCandidate[]; budgetCapCents: number }> {
      const { rows } = await pool.query<{ id: number; name: string }>(
        `SELECT v.id::int AS id, v.name FROM vendors v
           LEFT JOIN LATERAL (SELECT avg(extract(epoch FROM o.replied_at - o.offered_at)) AS seconds FROM vendor_offers o WHERE o.vendor_id = v.id AND o.replied_at IS NOT NULL) past ON true
          WHERE v.approved AND $1 = ANY (v.skills)
          ORDER BY past.seconds ASC NULLS LAST, v.id LIMIT $2`,
        [req.skill, req.limit],
      );
      const cap = await pool.query<{ cap: number }>(
        'SELECT b.vendor_budget_cap_cents AS cap FROM work_orders w JOIN buildings b ON b.id = w.building_id WHERE w.number = $1',
        [req.number],
      );
      return { vendors: rows, budgetCapCents: cap.rows[0]?.cap ?? 0 };
    },

    async recordVendorOffer(req: {
      number: number;
      vendorId: number;
      respondBy: string;
      idempotencyKey: string;
    }): Promise<void> {
      await pool.query(
        `INSERT INTO vendor_offers (work_order_number, vendor_id, respond_by, idempotency_key) VALUES ($1, $2, $3, $4) ON CONFLICT (idempotency_key) DO NOTHING`,
        [req.number, req.vendorId, req.respondBy, req.idempotencyKey],
      );
    },

    /** Stores a vendor's answer on their open offer for this order; the first answer per message counts. */
    async recordVendorReply(req: { number: number; reply: VendorReply }): Promise<void> {
      const { reply } = req;
      await pool.query(
        `UPDATE vendor_offers SET status = $3, replied_at = coalesce(replied_at, now()), quote_cents = $4, eta = $5, reply_text = $6, message_sid = $7
          WHERE id = (SELECT id FROM vendor_offers WHERE work_order_number = $1 AND vendor_id = $2 AND status IN ('offered', 'quoted') ORDER BY id DESC LIMIT 1)
            AND ($7::text IS NULL OR NOT EXISTS (SELECT 1 FROM vendor_offers WHERE message_sid = $7))`,
        [
          req.number,
          reply.vendorId,
          reply.declined ? 'declined' : 'quoted',
          reply.quoteCents,
          reply.eta,
          reply.text,
          reply.messageSid,
        ],
      );
    },

    /** Offers nobody answered in time ('expired'), or still open when the order was cancelled ('withdrawn'). */
    async expireVendorOffers(req: {
      number: number;
      vendorIds: number[];
      status?: 'expired' | 'withdrawn';
    }): Promise<void> {
      const status = req.status ?? 'expired';
      const open = status === 'expired' ? `('offered')` : `('offered', 'quoted')`;
      await pool.query(
        `UPDATE vendor_offers SET status = $3 WHERE work_order_number = $1 AND vendor_id = ANY ($2::bigint[]) AND status IN ${open}`,
        [req.number, req.vendorIds, status],
      );
    },

    /**
     * The coordinator's pick: the offer is picked, the other open ones are not, the order carries the vendor and the
     * quote as its vendor cost, and the vendor's crew (a technicians row, created once) is who visits.
     */
    async awardVendorJob(req: {
      number: number;
      vendorId: number;
      quoteCents: number;
    }): Promise<{ crewTechnicianId: number }> {
      return inTransaction(pool, async (client) => {
        const vendor = await client.query<{ name: string; phone: string; skills: string[] }>(
          'SELECT name, phone, skills FROM vendors WHERE id = $1',
          [req.vendorId],
        );
        const v = vendor.rows[0];
        if (!v) throw new Error(`vendor ${req.vendorId} not found`);
        const crew = await client.query<{ id: number }>(
          `INSERT INTO technicians (name, phone, skills, vendor_id, hourly_rate_cents) VALUES ($1, $2, $3, $4, 0)
           ON CONFLICT (vendor_id) WHERE vendor_id IS NOT NULL DO UPDATE SET name = EXCLUDED.name RETURNING id::int AS id`,
          [`${v.name} crew`, v.phone, v.skills, req.vendorId],
        );
        await client.query(
          `UPDATE vendor_offers SET status = CASE WHEN vendor_id = $2 THEN 'picked' ELSE 'not_picked' END
            WHERE work_order_number = $1 AND status IN ('offered', 'quoted', 'expired')`,
          [req.number, req.vendorId],
        );
        await client.query(
          'UPDATE work_orders SET vendor_id = $2, vendor_cost_cents = $3, updated_at = now() WHERE number = $1',
          [req.number, req.vendorId, req.quoteCents],
        );
        return { crewTechnicianId: crew.rows[0]!.id };
      });
    },
  };
}
