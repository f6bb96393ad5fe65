import { startSystem, type TestSystem } from '../support/system';

let system: TestSystem;

beforeAll(async () => {
  system = await startSystem();
});

afterAll(async () => {
  await system?.stop();
});

test('a text whose transaction fails after its workflow started is delivered again into the same work order, not a second one', async () => {
  const { rows } = await system.db.pool.query<{ phone: string; id: string }>(
    'SELECT t.phone, t.id FROM tenants t ORDER BY t.id LIMIT 1',
  );
  const tenant = rows[0]!;
  const sid = 'SMintakeretry0000000000000000000001';
  // The webhook's last write (the answer on the inbound row) comes after the workflow start: failing it once is what a
  // Postgres restart at that moment does. A sequence, because nextval() survives the rollback.
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

  const first = await system.textFrom(tenant.phone, 'The kitchen faucet drips all night', sid);
  expect(first.status).toBe(500);
  expect(
    (await system.db.pool.query(`SELECT count(*)::int AS n FROM sms_messages WHERE provider_sid = $1`, [sid])).rows[0]
      .n,
  ).toBe(0);
  const { rows: claims } = await system.db.pool.query<{ work_order_number: string }>(
    'SELECT work_order_number FROM sms_intake_claims WHERE message_sid = $1',
    [sid],
  );
  const number = Number(claims[0]!.work_order_number);
  // The workflow the failed delivery started writes the record itself.
  await system.waitForEvent(number, 'triage_started');

  const again = await system.textFrom(tenant.phone, 'The kitchen faucet drips all night', sid);
  expect(again.status).toBe(200);
  expect(again.text).toContain(`#${number}`);
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
  expect(events).toEqual(['created', 'triage_started', 'context_enriched', 'classified', 'assigned']);
  expect(
    (await system.db.pool.query(`SELECT work_order_number FROM sms_messages WHERE provider_sid = $1`, [sid])).rows,
  ).toEqual([{ work_order_number: String(number) }]);
});
