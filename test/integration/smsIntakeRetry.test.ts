import { startSystem, type TestSystem } from '../support/system';

let system: TestSystem;

beforeAll(async () => {
  system = await startSystem();
});

afterAll(async () => {
  await system?.stop();
});

test('a text whose transaction fails is delivered again into one work order, whose workflow starts once', async () => {
  const { rows } = await system.db.pool.query<{ phone: string; id: string }>(
    'SELECT t.phone, t.id FROM tenants t ORDER BY t.id LIMIT 1',
  );
  const tenant = rows[0]!;
  const sid = 'SMintakeretry0000000000000000000001';
  // The webhook's last write (the answer on the inbound row) comes after the order and its start request: failing it
  // once is what a Postgres restart at that moment does. A sequence, because nextval() survives the rollback.
  await system.db.pool.query(`
    CREATE SEQUENCE fail_once_seq;
    CREATE FUNCTION fail_once() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.provider_sid = '${sid}' AND NEW.reply IS NOT NULL AND nextval('fail_once_seq') = 1 THEN
        RAISE EXCEPTION 'connection lost (simulated)';
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER fail_once BEFORE UPDATE ON sms_messages FOR EACH ROW EXECUTE FUNCTION fail_once();`);
  const count = async (sql: string) => (await system.db.pool.query<{ n: number }>(sql, [tenant.id])).rows[0]!.n;
  const before = await count(`SELECT count(*)::int AS n FROM work_orders WHERE tenant_id = $1`);

  const first = await system.textFrom(tenant.phone, 'The kitchen faucet drips all night', sid);
  expect(first.status).toBe(500);
  // Nothing of it was committed, and nothing was started: the start comes after the commit.
  expect(
    (await system.db.pool.query(`SELECT count(*)::int AS n FROM sms_messages WHERE provider_sid = $1`, [sid])).rows[0]
      .n,
  ).toBe(0);
  expect(await count(`SELECT count(*)::int AS n FROM work_orders WHERE tenant_id = $1`)).toBe(before);
  expect(
    await count(
      `SELECT count(*)::int AS n FROM workflow_start_requests r JOIN work_orders w ON w.number = r.work_order_number WHERE w.tenant_id = $1`,
    ),
  ).toBe(0);

  const again = await system.textFrom(tenant.phone, 'The kitchen faucet drips all night', sid);
  expect(again.status).toBe(200);
  const number = Number(/#(\d+)/.exec(again.text)?.[1]);
  await system.waitForAgreement(number, 'awaiting_confirmation');

  const orders = await system.db.pool.query<{ number: string; metadata: { sms?: { messageSid?: string } } }>(
    'SELECT number, metadata FROM work_orders WHERE tenant_id = $1',
    [tenant.id],
  );
  expect(orders.rows.map((r) => Number(r.number))).toEqual([number]);
  expect(orders.rows[0]!.metadata.sms?.messageSid).toBe(sid);
  const events = (
    await system.db.pool.query<{ type: string }>('SELECT type FROM events WHERE work_order_number = $1 ORDER BY id', [
      number,
    ])
  ).rows.map((r) => r.type);
  expect(events.slice(0, 2)).toEqual(['created', 'triage_started']);
  expect(events.filter((type) => type === 'created')).toHaveLength(1);
  expect(
    (await system.db.pool.query(`SELECT work_order_number FROM sms_messages WHERE provider_sid = $1`, [sid])).rows,
  ).toEqual([{ work_order_number: String(number) }]);
  // The number the failed delivery took was never started: no workflow but this order's for the text.
  let runs = 0;
  for await (const run of system.env.client.workflow.list({ query: `WorkflowType = 'workOrderWorkflow'` }))
    if (run.memo?.numberClaim === `sms:${sid}`) runs++;
  expect(runs).toBe(1);
});
