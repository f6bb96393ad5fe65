import type { PoolClient } from 'pg';
import { orderLanguageSql } from '../../db/queries/orderLanguage';
import { TERMINAL_STATUSES, type WorkOrderStatus } from '../../domain/status';
import { formatVisitTime, type SmsLanguage } from '../../domain/sms/templates';
import type { OrderLine } from '../../domain/sms/tenantRequestTemplates';

/** A tenant's order as a text about it needs it. */
export interface TenantOrder {
  number: number;
  status: WorkOrderStatus;
  description: string;
  scheduledStart: Date | null;
  /** The language the tenant wrote this order's texts in, when a text told us. */
  language: string | null;
  /** The trades its classification needs; null before triage. */
  skills: string[] | null;
}

const COLUMNS = `w.number::int AS number, w.status, w.description, w.scheduled_start AS "scheduledStart", ${orderLanguageSql('w')} AS language, w.classification->'skillsRequired' AS skills`;

/** The tenant's open orders, oldest first. */
export async function openOrdersOf(client: PoolClient, tenantId: number): Promise<TenantOrder[]> {
  const { rows } = await client.query<TenantOrder>(
    `SELECT ${COLUMNS} FROM work_orders w WHERE w.tenant_id = $1 AND NOT (w.status = ANY($2)) ORDER BY w.number`,
    [tenantId, [...TERMINAL_STATUSES]],
  );
  return rows;
}

/** Order `number` when it is this tenant's (open or closed); null for anyone else's or none: nothing is said about those. */
export async function tenantOrder(client: PoolClient, tenantId: number, number: number): Promise<TenantOrder | null> {
  const { rows } = await client.query<TenantOrder>(
    `SELECT ${COLUMNS} FROM work_orders w WHERE w.number = $1 AND w.tenant_id = $2`,
    [number, tenantId],
  );
  return rows[0] ?? null;
}

/** Statuses in which the order's scheduled_start is a visit still to come or under way. */
const VISIT_STATUSES: readonly WorkOrderStatus[] = ['awaiting_confirmation', 'scheduled', 'in_progress'];

export function orderLine(order: TenantOrder, timeZone: string, language: SmsLanguage): OrderLine {
  const when =
    order.scheduledStart && VISIT_STATUSES.includes(order.status)
      ? formatVisitTime(order.scheduledStart, timeZone, language)
      : null;
  return { number: order.number, status: order.status, summary: order.description, when };
}
