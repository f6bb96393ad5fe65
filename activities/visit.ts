import type { PartItem } from '../domain/workOrderContract';
import type { ActivityDeps } from './deps';

export interface PartsRequest {
  number: number;
  idempotencyKey: string;
  technicianId: number;
  /** The classification's primary skill. */
  jobType: string;
  parts: PartItem[];
  eta: string;
}

export interface AccessProblem {
  number: number;
  idempotencyKey: string;
  tenantId: number | null;
  unitId: number;
  attempt: number;
  technicianId: number;
  note: string | null;
}

/** The visit's records outside the work order row: parts waits, access problems, the tenant's survey. */
export function createVisitActivities({ pool }: ActivityDeps) {
  return {
    async recordPartsRequest(req: PartsRequest): Promise<void> {
      await pool.query(
        `INSERT INTO parts_requests (work_order_number, technician_id, job_type, parts, eta, idempotency_key)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (idempotency_key) DO NOTHING`,
        [req.number, req.technicianId, req.jobType, JSON.stringify(req.parts), req.eta, req.idempotencyKey],
      );
    },

    /** Closes the order's open parts wait: they arrived (a signal or the ETA), or the order was cancelled. */
    async closePartsRequest(req: { number: number; outcome: 'signal' | 'eta' | 'cancelled' }): Promise<void> {
      const set = req.outcome === 'cancelled' ? 'cancelled_at = now()' : 'arrived_at = now(), arrival_trigger = $2';
      await pool.query(
        `UPDATE parts_requests SET ${set} WHERE work_order_number = $1 AND arrived_at IS NULL AND cancelled_at IS NULL`,
        req.outcome === 'cancelled' ? [req.number] : [req.number, req.outcome],
      );
    },

    /** Records a failed access attempt once; answers how many this tenant has had in the last year. */
    async recordAccessProblem(req: AccessProblem): Promise<{ tenantProblems: number }> {
      await pool.query(
        `INSERT INTO access_problems (work_order_number, tenant_id, unit_id, attempt, technician_id, note, idempotency_key)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (idempotency_key) DO NOTHING`,
        [req.number, req.tenantId, req.unitId, req.attempt, req.technicianId, req.note, req.idempotencyKey],
      );
      const { rows } = await pool.query<{ count: number }>(
        req.tenantId === null
          ? `SELECT count(*)::int AS count FROM access_problems WHERE unit_id = $1 AND at > now() - interval '1 year'`
          : `SELECT count(*)::int AS count FROM access_problems WHERE tenant_id = $1 AND at > now() - interval '1 year'`,
        [req.tenantId ?? req.unitId],
      );
      return { tenantProblems: rows[0]!.count };
    },

    /** Opens the survey the tenant's next 1-5 text answers; once per order. */
    async openSurvey(req: { number: number; tenantId: number }): Promise<void> {
      await pool.query(
        `INSERT INTO surveys (work_order_number, tenant_id) VALUES ($1, $2) ON CONFLICT (work_order_number) DO NOTHING`,
        [req.number, req.tenantId],
      );
    },
  };
}
