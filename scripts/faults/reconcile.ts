/**
 * The reconciliation every drill ends with: Postgres, Temporal and the SMS provider against what the drill expects.
 * Work orders in Postgres = workflows in Temporal = expected; each one's status (row, workflow state query, search
 * attribute) as expected; one outbound SMS per idempotency key and exactly the expected texts per order and kind
 * (and, with the fake Twilio, each text received once by the provider); events with no duplicate key, exactly the
 * expected sequence per order, every one attributed. Each group of checks is in reconcile/.
 */
import type { Client } from '@temporalio/client';
import type { Pool } from 'pg';
import type { WorkOrderStatus } from '../../domain/status';
import type { FakeTwilio } from '../../test/support/fakeTwilio';
import type { Log } from './harness/log';
import { classificationChecks } from './reconcile/classification';
import { snapshotCounts } from './reconcile/counts';
import { eventChecks } from './reconcile/events';
import { inboundChecks } from './reconcile/inbound';
import { outboundChecks } from './reconcile/outbound';
import { presenceChecks, type OrderRow } from './reconcile/presence';
import { statusChecks } from './reconcile/statuses';

export interface ExpectedOrder {
  number: number;
  status: WorkOrderStatus;
  /** The event types, in order: no other event, none twice. */
  events: string[];
  /** Events written beside the workflow's own (by the API), so at no fixed place: each expected once per entry. */
  unordered?: string[];
  /** Actors of some events, as `type:id` (e.g. `tenant:12` for `tenant_confirmed`); the others must just be attributed. */
  actors?: Record<string, string>;
  /** Outbound texts per kind, exactly (kinds not listed: none). */
  sms: Record<string, number>;
  /** The MessageSid of the text that opened the order, when it came by SMS: that message opened this order and no other. */
  intakeSid?: string;
  /** Who classified it, and why Claude could not, when it could not. */
  classification?: { provider: string; unavailableReason: string | null };
}

export interface Counts {
  workOrders: number;
  workflows: number;
  workflowsRunning: number;
  events: number;
  outboundSms: number;
  inboundSms: number;
  decisions: number;
  /** Messages the fake Twilio accepted; null in outbox mode. */
  providerMessages: number | null;
  byStatus: Record<string, number>;
}

export interface Check {
  name: string;
  pass: boolean;
  detail: string;
}

export interface Reconciliation {
  counts: Counts;
  checks: Check[];
  passed: boolean;
}

export interface ReconcileScope {
  pool: Pool;
  client: Client;
  taskQueue: string;
  twilio?: FakeTwilio | null;
}

export async function reconcile(scope: ReconcileScope, expected: ExpectedOrder[]): Promise<Reconciliation> {
  const rows = (await scope.pool.query<OrderRow>('SELECT number, status, tenant_id FROM work_orders ORDER BY number'))
    .rows;
  const checks: Check[] = [
    ...(await presenceChecks(scope, expected, rows)),
    ...(await statusChecks(scope, expected, rows)),
    ...(await outboundChecks(scope, expected)),
    ...(await inboundChecks(scope, expected)),
    ...(await eventChecks(scope, expected)),
    ...(await classificationChecks(scope, expected)),
  ];
  const counts = await snapshotCounts(scope);
  return { counts, checks, passed: checks.every((c) => c.pass) };
}

export function printReconciliation(result: Reconciliation, log: Log): void {
  log('reconciliation:');
  for (const c of result.checks) log(`  ${c.pass ? 'PASS' : 'FAIL'}  ${c.name}: ${c.detail}`);
  log(
    `reconciliation ${result.passed ? 'PASSED' : 'FAILED'} (${result.checks.filter((c) => c.pass).length}/${result.checks.length} checks)`,
  );
}
