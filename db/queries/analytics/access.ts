import { SCOPED, scopeParams, type AnalyticsScope, type Queryable } from './scope';

/** Failed access attempts (access_problems rows) on the orders in scope; tenants with two or more of them. */
export interface AccessProblems {
  failedAttempts: number;
  ordersAffected: number;
  repeatTenants: Array<{ tenantId: number; name: string; failedAttempts: number }>;
}

export async function accessProblems(db: Queryable, scope: AnalyticsScope): Promise<AccessProblems> {
  const params = scopeParams(scope);
  const problems = `problems AS (SELECT a.* FROM access_problems a JOIN scoped s ON s.number = a.work_order_number)`;
  const totals = await db.query<Omit<AccessProblems, 'repeatTenants'>>(
    `WITH ${SCOPED}, ${problems}
     SELECT count(*)::int AS "failedAttempts", count(DISTINCT work_order_number)::int AS "ordersAffected" FROM problems`,
    params,
  );
  const tenants = await db.query<AccessProblems['repeatTenants'][number]>(
    `WITH ${SCOPED}, ${problems}
     SELECT p.tenant_id::int AS "tenantId", t.name, count(*)::int AS "failedAttempts"
       FROM problems p JOIN tenants t ON t.id = p.tenant_id
      GROUP BY p.tenant_id, t.name HAVING count(*) >= 2
      ORDER BY count(*) DESC, p.tenant_id`,
    params,
  );
  return { ...totals.rows[0]!, repeatTenants: tenants.rows };
}
