/** What Postgres, Temporal (visibility) and the provider hold: counted before and after a drill, and every table's rows. */
import type { Pool } from 'pg';
import type { Counts, ReconcileScope } from '../reconcile';

export const workflowQuery = (taskQueue: string, extra = '') =>
  `WorkflowType = 'workOrderWorkflow' AND TaskQueue = '${taskQueue}'${extra ? ` AND ${extra}` : ''}`;

export async function count(pool: Pool, sql: string, params: unknown[] = []): Promise<number> {
  const { rows } = await pool.query<{ n: string }>(sql, params);
  return Number(rows[0]?.n ?? 0);
}

/** Rows in every table of the schema (but the migrations'): a request that was refused must leave them all as they were. */
export async function rowCounts(pool: Pool): Promise<Record<string, number>> {
  const tables = (
    await pool.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'schema_migrations' ORDER BY 1`,
    )
  ).rows.map((r) => r.name);
  const { rows } = await pool.query<{ name: string; n: number }>(
    tables.map((t) => `SELECT '${t}' AS name, count(*)::int AS n FROM "${t}"`).join(' UNION ALL '),
  );
  return Object.fromEntries(rows.map((r) => [r.name, r.n]));
}

/** What Postgres, Temporal (visibility) and the provider hold now. */
export async function snapshotCounts(scope: ReconcileScope): Promise<Counts> {
  const { pool, client, taskQueue, twilio } = scope;
  const [workOrders, events, outboundSms, inboundSms, decisions] = await Promise.all([
    count(pool, 'SELECT count(*) AS n FROM work_orders'),
    count(pool, 'SELECT count(*) AS n FROM events WHERE work_order_number IS NOT NULL'),
    count(pool, `SELECT count(*) AS n FROM sms_messages WHERE direction = 'outbound'`),
    count(pool, `SELECT count(*) AS n FROM sms_messages WHERE direction = 'inbound'`),
    count(pool, 'SELECT count(*) AS n FROM decisions'),
  ]);
  const { rows } = await pool.query<{ status: string; n: string }>(
    'SELECT status, count(*) AS n FROM work_orders GROUP BY status ORDER BY status',
  );
  const [workflows, workflowsRunning] = await Promise.all([
    client.workflow.count(workflowQuery(taskQueue)).then((c) => c.count),
    client.workflow.count(workflowQuery(taskQueue, `ExecutionStatus = 'Running'`)).then((c) => c.count),
  ]);
  return {
    workOrders,
    workflows,
    workflowsRunning,
    events,
    outboundSms,
    inboundSms,
    decisions,
    providerMessages: twilio ? twilio.messages.length : null,
    byStatus: Object.fromEntries(rows.map((r) => [r.status, Number(r.n)])),
  };
}

export function formatCounts(counts: Counts): string {
  const statuses =
    Object.entries(counts.byStatus)
      .map(([s, n]) => `${s} ${n}`)
      .join(', ') || 'none';
  return [
    `work orders ${counts.workOrders} (${statuses})`,
    `workflows ${counts.workflows} (running ${counts.workflowsRunning})`,
    `events ${counts.events}`,
    `SMS out ${counts.outboundSms}${counts.providerMessages === null ? '' : ` (provider received ${counts.providerMessages})`}, in ${counts.inboundSms}`,
    `decisions ${counts.decisions}`,
  ].join(' | ');
}
