import { DEFAULT_RULES, type Rules } from '../../domain/rules';
import { workOrderWorkflowId } from '../../workflows/definitions';
import { testRules, type TestSystem } from './system';

/**
 * Every order waits for a coordinator (nothing is auto-assigned) and a proposed visit waits an hour for the
 * tenant, so the orders below stay where they are while a test knocks on every door.
 */
export function holdingRules(): Rules {
  return {
    ...testRules({ confirmationWaitSeconds: 3600, confirmationReminderSeconds: 1800 }),
    thresholds: { ...DEFAULT_RULES.thresholds, autoAssign: 1, review: 0 },
  };
}

export interface AccessFixtures {
  technicianIds: [number, number];
  /** Assigned to technician 1 (KEYS.technician1), waiting for the tenant's confirmation. */
  orderOfTechnician1: number;
  /** Assigned to technician 2 (KEYS.technician2), waiting for the tenant's confirmation. */
  orderOfTechnician2: number;
  /** Waiting for a coordinator's assignment decision. */
  unassignedOrder: number;
  cancelledOrder: number;
  unitId: number;
  buildingId: number;
}

export async function createOrder(system: TestSystem, unitId: number, description: string): Promise<number> {
  const res = await system.as('coordinator').post('/work-orders').send({ unitId, description });
  if (res.status !== 201) throw new Error(`could not create a work order: ${res.status} ${JSON.stringify(res.body)}`);
  await system.waitForState(res.body.number, (s) => s.pendingDecision?.kind === 'assignment');
  return res.body.number;
}

async function assignTo(system: TestSystem, number: number, technicianId: number, daysAhead: number): Promise<void> {
  const start = new Date(Date.now() + daysAhead * 86_400_000);
  start.setUTCHours(15, 0, 0, 0);
  const slot = { start: start.toISOString(), end: new Date(start.getTime() + 3_600_000).toISOString() };
  const res = await system
    .as('coordinator')
    .post(`/work-orders/${number}/assignment`)
    .send({ action: 'override', technicianId, slot, reason: 'fixture for the access tests', force: true });
  if (res.status !== 200) throw new Error(`could not assign ${number}: ${res.status} ${JSON.stringify(res.body)}`);
  await system.waitForAgreement(number, 'awaiting_confirmation');
}

/** Needs a system started with holdingRules(). */
export async function createAccessFixtures(system: TestSystem): Promise<AccessFixtures> {
  const technicianIds = (
    await system.db.pool.query<{ id: number }>('SELECT id::int AS id FROM technicians ORDER BY id LIMIT 2')
  ).rows.map((r) => r.id) as [number, number];
  const { unitId, buildingId } = await system.unitWithTenant();
  const [orderOfTechnician1, orderOfTechnician2, unassignedOrder, cancelledOrder] = await Promise.all([
    createOrder(system, unitId, 'The bathroom sink drips'),
    createOrder(system, unitId, 'The kitchen cabinet door is loose'),
    createOrder(system, unitId, 'The hallway closet door sticks'),
    createOrder(system, unitId, 'The balcony light is out'),
  ]);
  await assignTo(system, orderOfTechnician1, technicianIds[0], 3);
  await assignTo(system, orderOfTechnician2, technicianIds[1], 4);
  const cancelled = await system
    .as('coordinator')
    .post(`/work-orders/${cancelledOrder}/cancel`)
    .send({ reason: 'fixture: a closed order' });
  if (cancelled.status !== 200) throw new Error(`could not cancel ${cancelledOrder}: ${cancelled.status}`);
  await system.env.client.workflow.getHandle(workOrderWorkflowId(cancelledOrder)).result();
  return { technicianIds, orderOfTechnician1, orderOfTechnician2, unassignedOrder, cancelledOrder, unitId, buildingId };
}

/** Rows in every table of the schema: what "nothing was written" is checked against. */
export async function tableCounts(system: TestSystem): Promise<Record<string, number>> {
  const tables = (
    await system.db.pool.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'schema_migrations' ORDER BY 1`,
    )
  ).rows.map((r) => r.name);
  const { rows } = await system.db.pool.query<{ name: string; n: number }>(
    tables.map((t) => `SELECT '${t}' AS name, count(*)::int AS n FROM "${t}"`).join(' UNION ALL '),
  );
  return Object.fromEntries(rows.map((r) => [r.name, r.n]));
}

/** How many events each workflow's history has: a signal or an update that got through adds some. */
export async function historyLengths(system: TestSystem, numbers: number[]): Promise<Record<number, number>> {
  const lengths = await Promise.all(
    numbers.map(
      async (n) =>
        [n, (await system.env.client.workflow.getHandle(workOrderWorkflowId(n)).describe()).historyLength] as const,
    ),
  );
  return Object.fromEntries(lengths);
}
