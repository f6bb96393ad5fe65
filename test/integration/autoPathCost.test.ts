import { temporal } from '@temporalio/proto';
import { workOrderWorkflowId } from '../../workflows/definitions';
import { startSystem, type TestSystem } from '../support/system';

/**
 * What an automatically assigned order costs Temporal up to the tenant's confirmation wait (issue 18's targets): a
 * few workflow tasks, at most 30 history events, and a search-attribute upsert only when an attribute changed.
 */

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;
const { EventType } = temporal.api.enums.v1;

let system: TestSystem;
let unitWithTenant: { unitId: number };

beforeAll(async () => {
  system = await startSystem();
  const { rows } = await system.db.pool.query(
    `SELECT u.id::int AS "unitId" FROM units u JOIN tenants t ON t.unit_id = u.id ORDER BY u.id LIMIT 1`,
  );
  unitWithTenant = rows[0];
});

afterAll(async () => {
  await system?.stop();
});

function typeName(event: HistoryEvent): string {
  return EventType[event.eventType ?? EventType.EVENT_TYPE_UNSPECIFIED];
}

/** The history up to the confirmation wait's first timer; polled, since the order gets there on its own time. */
async function historyUntilConfirmationWait(number: number): Promise<HistoryEvent[]> {
  const handle = system.env.client.workflow.getHandle(workOrderWorkflowId(number));
  const deadline = Date.now() + 60_000;
  for (;;) {
    const events = (await handle.fetchHistory()).events ?? [];
    const timer = events.findIndex((e) => e.eventType === EventType.EVENT_TYPE_TIMER_STARTED);
    if (timer >= 0) return events.slice(0, timer + 1);
    if (Date.now() > deadline) throw new Error(`no timer in ${events.map(typeName).join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function payloadText(payload: temporal.api.common.v1.IPayload | null | undefined): string {
  return Buffer.from(payload?.data ?? []).toString('utf8');
}

test('an auto-assigned order reaches the confirmation wait in a few workflow tasks and at most 30 events', async () => {
  const res = await system.as('coordinator').post('/work-orders').send({
    unitId: unitWithTenant.unitId,
    description: 'The kitchen sink is dripping under the sink, the pipe drips all day',
  });
  expect(res.status).toBe(201);
  const number: number = res.body.number;
  const { state } = await system.waitForAgreement(number, 'awaiting_confirmation');
  expect(state.assignment?.decidedBy).toBe('auto');

  const events = await historyUntilConfirmationWait(number);
  const types = events.map(typeName);
  const tasks = types.filter((t) => t === 'EVENT_TYPE_WORKFLOW_TASK_COMPLETED').length;
  expect({ tasks: tasks <= 4, events: events.length <= 30, types }).toEqual({ tasks: true, events: true, types });
  // Postgres work runs as local activities (markers); only the text to the tenant is a regular activity.
  const scheduled = events
    .map((e) => e.activityTaskScheduledEventAttributes?.activityType?.name)
    .filter((name): name is string => Boolean(name));
  expect(scheduled).toEqual(['sendSms']);

  // Every upsert changes something: each attribute it carries differs from the value last published.
  const current = new Map<string, string>();
  const started = events[0]!.workflowExecutionStartedEventAttributes?.searchAttributes?.indexedFields ?? {};
  for (const [key, payload] of Object.entries(started)) current.set(key, payloadText(payload));
  const redundant: string[] = [];
  for (const event of events) {
    const fields = event.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields;
    if (!fields) continue;
    for (const [key, payload] of Object.entries(fields)) {
      const value = payloadText(payload);
      if ((current.get(key) ?? 'null') === (value || 'null'))
        redundant.push(`${key}=${value} at event ${event.eventId}`);
      current.set(key, value);
    }
  }
  expect(redundant).toEqual([]);
});
