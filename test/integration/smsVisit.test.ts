import type { TenantReply } from '../../domain/workOrderContract';
import { workOrderWorkflowId } from '../../workflows/definitions';
import { startSystem, type TestSystem } from '../support/system';

/** Tenants answering the visit's waits by text: a day and time for an order the technician could not get into, and the survey after the work is done. */

let system: TestSystem;

interface TenantRow {
  id: number;
  phone: string;
  language: string;
}

let tenants: TenantRow[];

beforeAll(async () => {
  system = await startSystem();
  tenants = (await system.db.pool.query<TenantRow>(`SELECT id::int AS id, phone, language FROM tenants ORDER BY id`))
    .rows;
});

afterAll(async () => {
  await system?.stop();
});

function takeTenant(language: 'en' | 'es' = 'en'): TenantRow {
  const index = tenants.findIndex((t) => t.language === language);
  if (index < 0) throw new Error('no tenant left for this test');
  return tenants.splice(index, 1)[0]!;
}

function twimlMessage(xml: string): string {
  const match = /<Message>([\s\S]*)<\/Message>/.exec(xml);
  return match
    ? match[1]!
        .replace(/&apos;/g, "'")
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, '&')
    : '';
}

async function text(from: string, body: string, messageSid?: string): Promise<string> {
  const res = await system.textFrom(from, body, messageSid);
  expect(res.status).toBe(200);
  return twimlMessage(res.text);
}

function numberIn(reply: string): number {
  const match = /#(\d+)/.exec(reply);
  if (!match) throw new Error(`no work order number in "${reply}"`);
  return Number(match[1]);
}

/** The tenantReply signals the order's workflow has received, oldest first. */
async function tenantReplies(number: number): Promise<TenantReply[]> {
  const history = await system.env.client.workflow.getHandle(workOrderWorkflowId(number)).fetchHistory();
  return (history.events ?? [])
    .map((e) => e.workflowExecutionSignaledEventAttributes)
    .filter((s) => s?.signalName === 'tenantReply')
    .map((s) => JSON.parse(Buffer.from(s!.input!.payloads![0]!.data!).toString('utf8')) as TenantReply);
}

/** Where the stand-in workflows wait: no worker polls it, so a signal is recorded in the history and nothing acts on it. */
const PARKED_QUEUE = 'sms-visit-test-parked';

/**
 * An order row in `status` for the tenant, with a stand-in workflow under its id. The routing reads the row and
 * signals the workflow; what the real workflow does with the answer is tested with the workflow (visit.test.ts).
 */
async function waitingOrder(
  tenant: TenantRow,
  status: 'waiting_access' | 'awaiting_confirmation',
  description: string,
): Promise<number> {
  const { rows } = await system.db.pool.query<{ number: number }>(
    `INSERT INTO work_orders (building_id, unit_id, tenant_id, description, source, status, scheduled_start, scheduled_end)
     SELECT u.building_id, u.id, t.id, $2, 'sms', $3, now() + interval '1 day', now() + interval '1 day 1 hour' FROM tenants t JOIN units u ON u.id = t.unit_id
      WHERE t.id = $1 RETURNING number::int AS number`,
    [tenant.id, description, status],
  );
  const number = rows[0]!.number;
  await system.env.client.workflow.start('parkedWorkOrder', {
    workflowId: workOrderWorkflowId(number),
    taskQueue: PARKED_QUEUE,
    args: [],
  });
  return number;
}

/** A finished-looking order with a survey requested `daysAgo` days ago; the workflow is not involved. */
async function surveyedOrder(tenant: TenantRow, daysAgo = 0): Promise<number> {
  const { rows } = await system.db.pool.query<{ number: number }>(
    `INSERT INTO work_orders (building_id, unit_id, tenant_id, description, source, status, completed_at)
     SELECT u.building_id, u.id, t.id, 'Replaced the kitchen faucet cartridge', 'api', 'completed', now() FROM tenants t JOIN units u ON u.id = t.unit_id
      WHERE t.id = $1 RETURNING number::int AS number`,
    [tenant.id],
  );
  const number = rows[0]!.number;
  await system.db.pool.query(
    `INSERT INTO surveys (work_order_number, tenant_id, requested_at) VALUES ($1, $2, now() - make_interval(days => $3))`,
    [number, tenant.id, daysAgo],
  );
  return number;
}

async function surveyOf(
  number: number,
): Promise<{ rating: number | null; comment: string | null; message_sid: string | null; answered: boolean }> {
  const { rows } = await system.db.pool.query(
    `SELECT rating, comment, message_sid, answered_at IS NOT NULL AS answered FROM surveys WHERE work_order_number = $1`,
    [number],
  );
  return rows[0];
}

async function surveyEvents(
  number: number,
): Promise<Array<{ actor_type: string; actor_id: string; source: string; payload: unknown }>> {
  return (
    await system.db.pool.query(
      `SELECT actor_type, actor_id, source, payload FROM events WHERE work_order_number = $1 AND type = 'survey_answered'`,
      [number],
    )
  ).rows;
}

describe('waiting for access', () => {
  test('a day and time goes to the order as a proposed time, and the tenant is told we will propose a visit then', async () => {
    const tenant = takeTenant();
    const number = await waitingOrder(tenant, 'waiting_access', 'The kitchen sink drain is clogged and backing up');
    const sid = 'SMaccesstime000000000000000000001';
    const reply = await text(tenant.phone, 'tomorrow at 2pm', sid);
    expect(reply).toMatch(
      new RegExp(
        `^Thanks! We'll propose a visit around \\w{3} \\w{3} \\d{1,2}, 2:00 PM for work order #${number} and text you to confirm\\.$`,
      ),
    );
    const replies = await tenantReplies(number);
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatchObject({
      answer: 'reschedule',
      messageSid: sid,
      tenantId: tenant.id,
      proposal: 'tomorrow at 2pm',
    });
    expect(replies[0]!.proposedStart).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(new Date(replies[0]!.proposedStart!).getTime()).toBeGreaterThan(Date.now());
  });

  test('a plain YES is signalled as yes; a NO is signalled and acknowledged without promising a visit', async () => {
    const yesTenant = takeTenant();
    const yesOrder = await waitingOrder(
      yesTenant,
      'waiting_access',
      'The bathroom faucet is dripping and the sink drips all night',
    );
    expect(await text(yesTenant.phone, 'YES')).toBe(
      `Thanks! We'll propose a new visit time for work order #${yesOrder} and text you to confirm.`,
    );
    expect(await tenantReplies(yesOrder)).toEqual([
      expect.objectContaining({ answer: 'yes', proposedStart: null, proposal: null }),
    ]);

    const noTenant = takeTenant();
    const noOrder = await waitingOrder(
      noTenant,
      'waiting_access',
      'The bathroom sink drain is clogged and the faucet drips',
    );
    const reply = await text(noTenant.phone, 'No');
    expect(reply).toContain(`we got your reply about work order #${noOrder}`);
    expect(reply).not.toMatch(/propose/);
    expect(await tenantReplies(noOrder)).toEqual([expect.objectContaining({ answer: 'no' })]);
  });

  test('a day alone is repeated back as a day, in the tenant’s language; "ok friday" is that day, not a bare yes', async () => {
    const spanish = takeTenant('es');
    const number = await waitingOrder(spanish, 'waiting_access', 'El fregadero de la cocina está tapado');
    expect(await text(spanish.phone, 'el viernes')).toMatch(
      new RegExp(
        `^¡Gracias! Propondremos una visita alrededor del vie \\d{1,2} \\p{L}{3,4} para la orden #${number} y le enviaremos un mensaje para confirmarla\\.$`,
        'u',
      ),
    );
    expect(await tenantReplies(number)).toEqual([
      expect.objectContaining({ answer: 'reschedule', proposal: 'el viernes', proposedStart: expect.any(String) }),
    ]);

    const english = takeTenant();
    const other = await waitingOrder(english, 'waiting_access', 'The kitchen sink drain is clogged');
    expect(await text(english.phone, 'ok friday')).toMatch(
      new RegExp(`^Thanks! We'll propose a visit around Fri \\w{3} \\d{1,2} for work order #${other} `),
    );
    expect(await tenantReplies(other)).toEqual([
      expect.objectContaining({ answer: 'reschedule', proposal: 'ok friday', proposedStart: expect.any(String) }),
    ]);
  });

  test('with a visit to confirm as well, the tenant is asked which; a time naming the order goes to it', async () => {
    const tenant = takeTenant();
    const access = await waitingOrder(
      tenant,
      'waiting_access',
      'The garbage disposal is jammed and the sink is clogged',
    );
    const confirm = await waitingOrder(
      tenant,
      'awaiting_confirmation',
      'The kitchen faucet is dripping and the sink drain is clogged',
    );

    const which = await text(tenant.phone, 'friday at 10am');
    expect(which).toMatch(/^You have 2 visits waiting for your answer/);
    expect(which).toContain(`#${access}`);
    expect(which).toContain(`#${confirm}`);
    expect(await tenantReplies(access)).toEqual([]);
    expect(await tenantReplies(confirm)).toEqual([]);

    expect(await text(tenant.phone, `friday at 10am for ${access}`)).toContain(`#${access}`);
    expect(await tenantReplies(access)).toEqual([expect.objectContaining({ answer: 'reschedule' })]);
    expect(await tenantReplies(confirm)).toEqual([]);
  });

  test('a problem described while waiting for access is a new work order, not an answer', async () => {
    const tenant = takeTenant();
    const number = await waitingOrder(tenant, 'waiting_access', 'The bathroom sink drain is clogged and backing up');
    const reply = await text(tenant.phone, 'Come tomorrow, the kitchen ceiling is leaking now');
    expect(reply).toMatch(/^Got it!/);
    expect(numberIn(reply)).not.toBe(number);
    expect(await tenantReplies(number)).toEqual([]);
  });
});

describe('survey answers', () => {
  test('a rating is stored once with its comment and one event, even when Twilio delivers it twice', async () => {
    const tenant = takeTenant();
    const number = await surveyedOrder(tenant);
    const sid = 'SMsurveytwice00000000000000000001';
    const replies = await Promise.all([1, 2].map(() => text(tenant.phone, '4 great job, very tidy', sid)));
    expect(replies[0]).toBe(`Thank you for rating work order #${number} 4/5! Your feedback helps us improve.`);
    expect(replies[1]).toBe(replies[0]);
    expect(await surveyOf(number)).toEqual({
      rating: 4,
      comment: 'great job, very tidy',
      message_sid: sid,
      answered: true,
    });
    expect(await surveyEvents(number)).toEqual([
      {
        actor_type: 'tenant',
        actor_id: String(tenant.id),
        source: 'sms',
        payload: { rating: 4, comment: 'great job, very tidy' },
      },
    ]);
    const inbound = await system.db.pool.query(
      `SELECT work_order_number::int AS number FROM sms_messages WHERE provider_sid = $1`,
      [sid],
    );
    expect(inbound.rows).toEqual([{ number }]);
  });

  test('a second rating does not overwrite the first; the tenant is told we have it', async () => {
    const tenant = takeTenant();
    const number = await surveyedOrder(tenant);
    expect(await text(tenant.phone, '5')).toContain(`#${number} 5/5`);
    expect(await text(tenant.phone, '2 actually it came back')).toBe(
      `We already have your rating for work order #${number}, thank you. To report a new problem, text us a short description.`,
    );
    expect(await surveyOf(number)).toMatchObject({ rating: 5, comment: null });
    expect(await surveyEvents(number)).toHaveLength(1);
  });

  test('two different ratings at once answer the survey once', async () => {
    const tenant = takeTenant();
    const number = await surveyedOrder(tenant);
    const replies = await Promise.all([text(tenant.phone, '3'), text(tenant.phone, '5 stars')]);
    expect(replies.filter((r) => r.startsWith('Thank you for rating'))).toHaveLength(1);
    expect(replies.filter((r) => r.startsWith('We already have your rating'))).toHaveLength(1);
    expect(await surveyEvents(number)).toHaveLength(1);
  });

  test('in Spanish, with the newest of two open surveys answered', async () => {
    const tenant = takeTenant('es');
    const older = await surveyedOrder(tenant, 3);
    const newer = await surveyedOrder(tenant, 1);
    expect(await text(tenant.phone, '5 estrellas, excelente')).toBe(
      `¡Gracias por calificar la orden #${newer} con 5/5! Sus comentarios nos ayudan a mejorar.`,
    );
    expect(await surveyOf(newer)).toMatchObject({ rating: 5, comment: 'excelente' });
    expect(await surveyOf(older)).toMatchObject({ rating: null, answered: false });
  });

  test('without an open survey a rating is no survey answer: "5" gets the help text, "5 great job" (no repair in it) goes to a coordinator, not into a work order', async () => {
    const tenant = takeTenant();
    expect(await text(tenant.phone, '5')).toMatch(/^Maintenance requests: text us a short description/);
    const stale = await surveyedOrder(tenant, 15);
    expect(await text(tenant.phone, '5')).toMatch(/^Maintenance requests/);
    expect(await surveyOf(stale)).toMatchObject({ answered: false });
    const fresh = await surveyedOrder(tenant);
    expect(await text(tenant.phone, '7')).toMatch(/^Maintenance requests/);
    expect(await surveyOf(fresh)).toMatchObject({ answered: false });

    const other = takeTenant();
    expect(await text(other.phone, '5 great job')).toMatch(/^Thanks\. We passed your message to a coordinator/);
  });

  test('a YES to a visit waiting for confirmation keeps priority over an open survey', async () => {
    const tenant = takeTenant();
    const surveyed = await surveyedOrder(tenant);
    const number = await waitingOrder(
      tenant,
      'awaiting_confirmation',
      'Kitchen sink drain is clogged and the pipe under it drips',
    );
    expect(await text(tenant.phone, 'Yes')).toMatch(
      new RegExp(`^Thanks! Your visit on .+ is confirmed \\(work order #${number}\\)`),
    );
    expect(await tenantReplies(number)).toEqual([expect.objectContaining({ answer: 'yes' })]);
    expect(await surveyOf(surveyed)).toMatchObject({ answered: false });
    expect(await text(tenant.phone, '4 nice')).toContain(`#${surveyed} 4/5`);
  });
});
