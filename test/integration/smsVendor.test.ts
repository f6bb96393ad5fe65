import { randomBytes } from 'node:crypto';
import { DEFAULT_RULES } from '../../domain/rules';
import { formatVisitTime } from '../../domain/sms/templates';
import { workOrderWorkflowId } from '../../workflows/definitions';
import type { VendorReply } from '../../domain/workOrderContract';
import { startSystem, type TestSystem } from '../support/system';

/**
 * Vendors answering job offers by text, through the real webhook, Postgres and Temporal server. The offer rows are
 * written here as the workflow would; stand-in workflows record the vendorReply signals (what the real workflow does
 * with them is tested with the workflow, vendors.test.ts).
 */

let system: TestSystem;
const TIME_ZONE = DEFAULT_RULES.scheduling.timeZone;
/** Where the stand-in workflows wait: no worker polls it, so a signal is recorded in the history and nothing acts on it. */
const PARKED_QUEUE = 'sms-vendor-test-parked';

interface VendorRow {
  id: number;
  phone: string;
}

let nextPhone = 700;

beforeAll(async () => {
  system = await startSystem();
});

afterAll(async () => {
  await system?.stop();
});

async function newVendor(): Promise<VendorRow> {
  const phone = `+1215555${String(nextPhone++).padStart(4, '0')}`;
  const { rows } = await system.db.pool.query<VendorRow>(
    `INSERT INTO vendors (name, phone, skills, approved) VALUES ($1, $2, '{plumbing}', true) RETURNING id::int AS id, phone`,
    [`Vendor ${phone}`, phone],
  );
  return rows[0]!;
}

/** An order waiting for vendors' answers, with a stand-in workflow under its id. */
async function orderOfferedTo(
  vendor: VendorRow,
  options: { respondInSeconds?: number; status?: string; quoteCents?: number | null } = {},
): Promise<number> {
  const { rows } = await system.db.pool.query<{ number: number }>(
    `INSERT INTO work_orders (building_id, unit_id, tenant_id, description, source, status, priority)
     SELECT u.building_id, u.id, t.id, 'Water heater leaking in the utility closet', 'sms', 'needs_assignment', 'high'
       FROM tenants t JOIN units u ON u.id = t.unit_id ORDER BY t.id LIMIT 1 RETURNING number::int AS number`,
  );
  const number = rows[0]!.number;
  await system.env.client.workflow.start('parkedWorkOrder', {
    workflowId: workOrderWorkflowId(number),
    taskQueue: PARKED_QUEUE,
    args: [],
  });
  await offer(number, vendor, options);
  return number;
}

async function offer(
  number: number,
  vendor: VendorRow,
  {
    respondInSeconds = 3600,
    status = 'offered',
    quoteCents = null,
  }: { respondInSeconds?: number; status?: string; quoteCents?: number | null } = {},
): Promise<void> {
  await system.db.pool.query(
    `INSERT INTO vendor_offers (work_order_number, vendor_id, offered_at, respond_by, status, quote_cents, eta, idempotency_key)
     VALUES ($1, $2, now() - interval '1 hour', now() + make_interval(secs => $3), $4, $5, CASE WHEN $5::int IS NULL THEN NULL ELSE now() + interval '1 day' END, $6)`,
    [number, vendor.id, respondInSeconds, status, quoteCents, `test-offer-${randomBytes(6).toString('hex')}`],
  );
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

/** The vendorReply signals the order's workflow has received, oldest first. */
async function vendorReplies(number: number): Promise<VendorReply[]> {
  const history = await system.env.client.workflow.getHandle(workOrderWorkflowId(number)).fetchHistory();
  return (history.events ?? [])
    .map((e) => e.workflowExecutionSignaledEventAttributes)
    .filter((s) => s?.signalName === 'vendorReply')
    .map((s) => JSON.parse(Buffer.from(s!.input!.payloads![0]!.data!).toString('utf8')) as VendorReply);
}

async function inboundRow(messageSid: string): Promise<{ number: number | null; reply: string }> {
  const { rows } = await system.db.pool.query(
    `SELECT work_order_number::int AS number, reply FROM sms_messages WHERE provider_sid = $1`,
    [messageSid],
  );
  return rows[0];
}

async function workOrderCount(): Promise<number> {
  return (await system.db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM work_orders')).rows[0]!.n;
}

const sid = (name: string) => `SM${name.padEnd(32, '0').slice(0, 32)}`;

describe('an open offer', () => {
  test('a quote and an ETA reach the order’s workflow as one vendorReply signal and are acknowledged with what was read', async () => {
    const vendor = await newVendor();
    const number = await orderOfferedTo(vendor);
    const before = await workOrderCount();
    const messageSid = sid('vendorquote');

    const reply = await text(vendor.phone, '$350 tomorrow 9am', messageSid);
    const replies = await vendorReplies(number);
    expect(replies).toEqual([
      {
        vendorId: vendor.id,
        messageSid,
        declined: false,
        quoteCents: 35_000,
        eta: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        text: '$350 tomorrow 9am',
      },
    ]);
    const eta = new Date(replies[0]!.eta!);
    expect(eta.getTime()).toBeGreaterThan(Date.now());
    expect(formatVisitTime(eta, TIME_ZONE, 'en')).toMatch(/, 9:00 AM$/);
    expect(reply).toBe(
      `Thanks, we got your quote of $350 with ETA ${formatVisitTime(eta, TIME_ZONE, 'en')} for work order #${number}. The coordinator will confirm.`,
    );

    expect(await inboundRow(messageSid)).toEqual({ number, reply });
    expect(await workOrderCount()).toBe(before);
  });

  test('the same MessageSid delivered twice at once, and again later, is one signal and the same answer', async () => {
    const vendor = await newVendor();
    const number = await orderOfferedTo(vendor);
    const messageSid = sid('vendortwice');
    const replies = await Promise.all([1, 2].map(() => text(vendor.phone, 'ETA 2pm, 425', messageSid)));
    expect(replies[0]).toMatch(
      new RegExp(`^Thanks, we got your quote of \\$425 with ETA .+, 2:00 PM for work order #${number}\\.`),
    );
    expect(replies[1]).toBe(replies[0]);
    expect(await text(vendor.phone, 'ETA 2pm, 425', messageSid)).toBe(replies[0]);
    expect(await vendorReplies(number)).toEqual([
      expect.objectContaining({ messageSid, quoteCents: 42_500, declined: false }),
    ]);
  });

  test('a pass is signalled as declined and acknowledged', async () => {
    const vendor = await newVendor();
    const number = await orderOfferedTo(vendor);
    const messageSid = sid('vendordecline');
    expect(await text(vendor.phone, 'No thanks, we are booked this week', messageSid)).toBe(
      `Thanks for letting us know. We've noted that you're passing on work order #${number}.`,
    );
    expect(await vendorReplies(number)).toEqual([
      {
        vendorId: vendor.id,
        messageSid,
        declined: true,
        quoteCents: null,
        eta: null,
        text: 'No thanks, we are booked this week',
      },
    ]);
    expect((await inboundRow(messageSid)).number).toBe(number);
  });

  test('an incomplete answer is asked for the rest without a signal; the next text completes it', async () => {
    const vendor = await newVendor();
    const number = await orderOfferedTo(vendor);
    const first = sid('vendorpartone');
    expect(await text(vendor.phone, 'yes we can do it', sid('vendorpartyes'))).toBe(
      `Thanks. To quote on work order #${number}, reply with your ETA and quote in one text, e.g. 'Tue 9am $350', or NO to pass.`,
    );
    expect(await text(vendor.phone, '$350', first)).toBe(
      `Thanks, we have your quote of $350 for work order #${number}. When can you be there? Reply with a day and time, e.g. 'Tue 9am', or NO to pass.`,
    );
    expect(await vendorReplies(number)).toEqual([]);
    expect((await inboundRow(first)).number).toBe(number);

    const second = sid('vendorparttwo');
    expect(await text(vendor.phone, 'tomorrow at 10', second)).toMatch(
      new RegExp(`^Thanks, we got your quote of \\$350 with ETA .+, 10:00 AM for work order #${number}\\.`),
    );
    expect(await vendorReplies(number)).toEqual([
      expect.objectContaining({
        messageSid: second,
        quoteCents: 35_000,
        declined: false,
        text: '$350 / tomorrow at 10',
      }),
    ]);
  });

  test('with two open offers the newest takes an answer; one naming the other order goes to that one', async () => {
    const vendor = await newVendor();
    const older = await orderOfferedTo(vendor);
    const newer = await orderOfferedTo(vendor);
    expect(await text(vendor.phone, 'Tue 9am $350')).toContain(`work order #${newer}`);
    expect(await text(vendor.phone, `${older}: 275 friday 8am`)).toMatch(
      new RegExp(`^Thanks, we got your quote of \\$275 with ETA Fri .+, 8:00 AM for work order #${older}\\.`),
    );
    expect(await vendorReplies(newer)).toEqual([expect.objectContaining({ quoteCents: 35_000 })]);
    expect(await vendorReplies(older)).toEqual([expect.objectContaining({ quoteCents: 27_500 })]);
    expect(await text(vendor.phone, '#9999 $300 friday')).toBe(
      `We don't have a request for work order #9999 for you. Your open requests are #${newer}, #${older}.`,
    );
  });

  test('STOP and HELP keep priority over an open offer', async () => {
    const vendor = await newVendor();
    const number = await orderOfferedTo(vendor);
    expect(await text(vendor.phone, 'HELP')).toMatch(/^Maintenance requests:/);
    expect(await text(vendor.phone, 'STOP')).toMatch(/^You're unsubscribed/);
    expect(await vendorReplies(number)).toEqual([]);
    expect((await system.db.pool.query('SELECT 1 FROM sms_opt_outs WHERE phone = $1', [vendor.phone])).rowCount).toBe(
      1,
    );
  });
});

describe('edges', () => {
  test('an offer whose workflow is over (terminated) is closed, not a 500 that Twilio would retry', async () => {
    const vendor = await newVendor();
    const number = await orderOfferedTo(vendor);
    await system.env.client.workflow.getHandle(workOrderWorkflowId(number)).terminate('test: the order is gone');
    expect(await text(vendor.phone, '$350 tomorrow 9am')).toBe(
      `The request for work order #${number} is closed, so we can't take this reply. Thank you; we'll text you about the next job.`,
    );
  });

  test('a phone that is a tenant’s too: a plain answer to the open offer is the vendor’s, a problem report is the tenant’s', async () => {
    const { rows } = await system.db.pool.query<{ phone: string }>(
      `SELECT phone FROM tenants WHERE language = 'en' ORDER BY id DESC LIMIT 1`,
    );
    const phone = rows[0]!.phone;
    const vendor = (
      await system.db.pool.query<VendorRow>(
        `INSERT INTO vendors (name, phone, skills, approved) VALUES ('Tenant Handyman', $1, '{general}', true) RETURNING id::int AS id, phone`,
        [phone],
      )
    ).rows[0]!;
    const number = await orderOfferedTo(vendor);
    expect(await text(phone, '$300 friday 9am')).toMatch(
      new RegExp(`^Thanks, we got your quote of \\$300 .+ work order #${number}\\.`),
    );
    expect(await vendorReplies(number)).toEqual([expect.objectContaining({ vendorId: vendor.id, quoteCents: 30_000 })]);
    expect(await text(phone, 'The bathroom ceiling in my apartment is leaking')).toMatch(
      /^Got it! We received your request\. Work order #\d+/,
    );
    expect(await vendorReplies(number)).toHaveLength(1);
  });
});

describe('no open offer', () => {
  test('a vendor’s text is told there is no open request and never opens a work order or waits for a unit', async () => {
    const vendor = await newVendor();
    const before = await workOrderCount();
    const messageSid = sid('vendornooffer');
    expect(await text(vendor.phone, 'The kitchen sink at my shop is leaking', messageSid)).toBe(
      "We don't have an open job request for you right now. We'll text you when we do.",
    );
    expect(await text(vendor.phone, '$350 tomorrow 9am')).toBe(
      "We don't have an open job request for you right now. We'll text you when we do.",
    );
    expect(await workOrderCount()).toBe(before);
    expect(await inboundRow(messageSid)).toMatchObject({ number: null });
    expect(
      (await system.db.pool.query('SELECT 1 FROM sms_intake_holds WHERE phone = $1', [vendor.phone])).rowCount,
    ).toBe(0);
  });

  test('after the window an unanswered offer is closed and a quote already in is on file; neither is signalled', async () => {
    const vendor = await newVendor();
    const late = await orderOfferedTo(vendor, { respondInSeconds: -60 });
    const messageSid = sid('vendorlate');
    expect(await text(vendor.phone, '$350 tomorrow 9am', messageSid)).toBe(
      `The request for work order #${late} is closed, so we can't take this reply. Thank you; we'll text you about the next job.`,
    );
    expect((await inboundRow(messageSid)).number).toBe(late);
    expect(await vendorReplies(late)).toEqual([]);

    const other = await newVendor();
    const quoted = await orderOfferedTo(other, { respondInSeconds: -60, status: 'quoted', quoteCents: 40_000 });
    expect(await text(other.phone, 'any news?')).toMatch(
      new RegExp(
        `^We have your quote of \\$400 with ETA .+ for work order #${quoted}\\. The coordinator will confirm\\.$`,
      ),
    );
    expect(await vendorReplies(quoted)).toEqual([]);
  });
});
