/**
 * First run on a database only: a few tenant problems, moved on as a coordinator and the tenants would,
 * so that the queues, the Temporal UI and `WorkOrderStatus="scheduled"` all have something to show.
 */
import { Client as TemporalClient, Connection } from '@temporalio/client';
import { Client as PgClient } from 'pg';
import type { Config } from '../../runtime/config';
import { tenantReplySignal, workOrderWorkflowId } from '../../workflows/definitions';
import { apiRequest, pollStatuses } from './apiClient';
import { log } from './log';

const DEMO_PROBLEMS = [
  'Water is leaking from under the kitchen sink and the cabinet floor is soaked.',
  'The heating stopped working last night; all the radiators are cold.',
  'The bathroom light switch sparks and smells like burning plastic when I turn it on.',
  'The dishwasher does not drain, there is standing water after every cycle.',
  'El inodoro no deja de correr después de jalar la cadena.',
  'The bedroom window latch is broken and the window will not close properly.',
];

export interface DemoUnit {
  unitId: number;
  label: string;
}

/** One unit with a tenant per problem, spread over the buildings. */
async function demoUnits(pg: PgClient, count: number): Promise<DemoUnit[]> {
  const { rows } = await pg.query<{ unit_id: string; label: string }>(
    `SELECT u.id AS unit_id, b.name || ' - ' || u.label AS label
       FROM units u JOIN buildings b ON b.id = u.building_id
      WHERE EXISTS (SELECT 1 FROM tenants t WHERE t.unit_id = u.id)
      ORDER BY row_number() OVER (PARTITION BY u.building_id ORDER BY u.id), u.building_id
      LIMIT $1`,
    [count],
  );
  return rows.map((r) => ({ unitId: Number(r.unit_id), label: r.label }));
}

/**
 * The units the demo work orders go to, or null when this database has them already. Read before the worker and
 * the API start: on the embedded database they hold its one connection from then on.
 */
export async function demoTargets(databaseUrl: string): Promise<DemoUnit[] | null> {
  const pg = new PgClient({ connectionString: databaseUrl });
  await pg.connect();
  try {
    const existing = await pg.query('SELECT 1 FROM work_orders WHERE description = ANY($1) LIMIT 1', [DEMO_PROBLEMS]);
    if (existing.rowCount) return null;
    return await demoUnits(pg, DEMO_PROBLEMS.length);
  } finally {
    await pg.end();
  }
}

export async function createDemoWorkOrders(
  config: Config,
  apiUrl: string,
  key: string,
  units: DemoUnit[] | null,
): Promise<void> {
  if (units === null) {
    log('demo work orders exist already in this database; not creating more');
    return;
  }
  if (units.length === 0) throw new Error('no seeded unit with a tenant was found');

  const created = await reportProblems(apiUrl, key, units);
  const numbers = created.map((c) => c.number);
  log(`demo: created work orders ${numbers.join(', ')}; waiting for triage...`);
  const triaged = await pollStatuses(apiUrl, key, numbers, (s) => s !== 'created' && s !== 'triage', 20_000);

  // The coordinator works the review queue, leaving one there to look at.
  const inReview = numbers.filter((n) => triaged.get(n) === 'needs_assignment');
  for (const n of inReview.slice(0, Math.max(1, inReview.length - 1))) await assignAsCoordinator(apiUrl, key, n);
  const assigned = await pollStatuses(
    apiUrl,
    key,
    numbers,
    (s) => s !== 'created' && s !== 'triage' && s !== 'needs_assignment',
    10_000,
  );

  // The tenants say YES; with three or more, one stays waiting (its reminder and timeout are workflow timers).
  const awaiting = numbers.filter((n) => assigned.get(n) === 'awaiting_confirmation');
  const confirming = awaiting.length >= 3 ? awaiting.slice(0, -1) : awaiting;
  if (confirming.length > 0) await replyYesAsTenants(config, confirming);
  const final = await pollStatuses(apiUrl, key, confirming, (s) => s !== 'awaiting_confirmation', 10_000);
  for (const c of created)
    log(`demo: #${c.number}  ${(final.get(c.number) ?? assigned.get(c.number) ?? '?').padEnd(22)} ${c.label}`);
}

/** One work order per unit, with its demo problem. */
async function reportProblems(
  apiUrl: string,
  key: string,
  units: DemoUnit[],
): Promise<Array<{ number: number; label: string }>> {
  const created: Array<{ number: number; label: string }> = [];
  for (const [i, unit] of units.entries()) {
    const order = await apiRequest<{ number: number }>(apiUrl, key, 'POST', '/work-orders', {
      unitId: unit.unitId,
      description: DEMO_PROBLEMS[i],
    });
    created.push({ number: order.number, label: unit.label });
  }
  return created;
}

/** Accepts the proposal; when another order took that slot meanwhile (409), takes an alternative instead. */
async function assignAsCoordinator(apiUrl: string, key: string, number: number): Promise<void> {
  const choices = [{ action: 'accept' }, { action: 'alternative', index: 0 }, { action: 'alternative', index: 1 }];
  const refusals: string[] = [];
  for (const choice of choices) {
    try {
      await apiRequest(apiUrl, key, 'POST', `/work-orders/${number}/assignment`, choice);
      return;
    } catch (err) {
      refusals.push((err as Error).message);
    }
  }
  log(`demo: #${number} stays in the review queue: ${refusals.join('; ')}`);
}

/** The tenants' YES to their visits, signalled to each work order's workflow. */
async function replyYesAsTenants(config: Config, numbers: number[]): Promise<void> {
  const connection = await Connection.connect({ address: config.temporalAddress });
  try {
    const temporal = new TemporalClient({ connection, namespace: config.temporalNamespace });
    for (const n of numbers)
      await temporal.workflow
        .getHandle(workOrderWorkflowId(n))
        .signal(tenantReplySignal, { answer: 'yes', messageSid: null, tenantId: null });
  } finally {
    await connection.close();
  }
  log(`demo: the tenants of ${numbers.join(', ')} replied YES`);
}
