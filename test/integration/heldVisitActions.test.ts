import { technicianCheckInSignal, tenantReplySignal, workOrderWorkflowId } from '../../workflows/definitions';
import { startSystem, type TestSystem } from '../support/system';

/**
 * The API decides a visit action from the record, which shows a new status as soon as the workflow's change commits.
 * A change recorded by a local activity that runs past the workflow task's heartbeat (8 s of 10 s) gives a window in
 * which Temporal delivers signals to a workflow whose own state has not moved yet: a check-in that lands then is held
 * for the status the change moves to, not ignored. Postgres sleeps 9 s inside the tenant_confirmed change to open it.
 */

let system: TestSystem;

beforeAll(async () => {
  system = await startSystem();
});

afterAll(async () => {
  await system?.stop();
});

async function sleepingQueries(): Promise<number> {
  const { rows } = await system.db.pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event = 'PgSleep'`,
  );
  return rows[0]!.n;
}

test('a check-in signalled while the change to scheduled is being recorded is held and applied', async () => {
  const { unitId, tenantId } = await system.unitWithTenant();
  const created = await system
    .as('coordinator')
    .post('/work-orders')
    .send({ unitId, description: 'The bathroom sink drips all day into the cabinet' });
  expect(created.status).toBe(201);
  const number: number = created.body.number;
  const { state } = await system.waitForAgreement(number, 'awaiting_confirmation');
  const technicianId = state.assignment!.technicianId;

  await system.db.pool.query(`
    CREATE FUNCTION slow_confirmation() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN PERFORM pg_sleep(9); RETURN NEW; END $$;
    CREATE TRIGGER slow_confirmation BEFORE INSERT ON events FOR EACH ROW
      WHEN (NEW.type = 'tenant_confirmed') EXECUTE FUNCTION slow_confirmation()`);
  try {
    const handle = system.env.client.workflow.getHandle(workOrderWorkflowId(number));
    await handle.signal(tenantReplySignal, { answer: 'yes', messageSid: `SM-held-${number}`, tenantId });
    const deadline = Date.now() + 30_000;
    while ((await sleepingQueries()) === 0) {
      if (Date.now() > deadline) throw new Error('the tenant_confirmed change never started');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    // The workflow is still awaiting_confirmation in its own state; the change it is recording moves it to scheduled.
    await handle.signal(technicianCheckInSignal, { technicianId, at: new Date().toISOString() });
  } finally {
    await system.db.pool.query('DROP TRIGGER slow_confirmation ON events; DROP FUNCTION slow_confirmation()');
  }
  await system.waitForAgreement(number, 'in_progress');
  await system.waitForEvent(number, 'checked_in');
});
