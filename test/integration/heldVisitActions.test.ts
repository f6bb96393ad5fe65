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

/** Postgres sleeps 9 s inside the change that writes an event of `type`, until `stop` is called. */
async function slowChange(type: string): Promise<{ stop(): Promise<void> }> {
  const name = `slow_${type}`;
  await system.db.pool.query(`
    CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN PERFORM pg_sleep(9); RETURN NEW; END $$;
    CREATE TRIGGER ${name} BEFORE INSERT ON events FOR EACH ROW
      WHEN (NEW.type = '${type}') EXECUTE FUNCTION ${name}()`);
  return {
    stop: async () => void (await system.db.pool.query(`DROP TRIGGER ${name} ON events; DROP FUNCTION ${name}()`)),
  };
}

async function untilSleeping(what: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while ((await sleepingQueries()) === 0) {
    if (Date.now() > deadline) throw new Error(`${what} never started`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

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

  const slow = await slowChange('tenant_confirmed');
  try {
    const handle = system.env.client.workflow.getHandle(workOrderWorkflowId(number));
    await handle.signal(tenantReplySignal, { answer: 'yes', messageSid: `SM-held-${number}`, tenantId });
    await untilSleeping('the tenant_confirmed change');
    // The workflow is still awaiting_confirmation in its own state; the change it is recording moves it to scheduled.
    await handle.signal(technicianCheckInSignal, { technicianId, at: new Date().toISOString() });
  } finally {
    await slow.stop();
  }
  await system.waitForAgreement(number, 'in_progress');
  await system.waitForEvent(number, 'checked_in');
});

test("a tenant's YES that lands while the automatic booking is being recorded answers that visit", async () => {
  const { unitId, tenantId } = await system.unitWithTenant();
  const slow = await slowChange('assigned');
  let number: number;
  try {
    const created = await system
      .as('coordinator')
      .post('/work-orders')
      .send({ unitId, description: 'The kitchen faucet drips all day and night' });
    expect(created.status).toBe(201);
    number = created.body.number;
    await untilSleeping('the assigned change');
    await system.env.client.workflow
      .getHandle(workOrderWorkflowId(number))
      .signal(tenantReplySignal, { answer: 'yes', messageSid: `SM-early-${number}`, tenantId });
  } finally {
    await slow.stop();
  }
  await system.waitForAgreement(number, 'scheduled');
  expect((await system.waitForEvent(number, 'tenant_confirmed')).includes('confirmation_timed_out')).toBe(false);
});
