/**
 * The fast workflow layer: the real work order workflow (the bundle globalSetup builds) on a real Temporal dev server,
 * its activities replaced by in-memory fakes (./fakeActivities). One server and one worker per test file, on a task
 * queue of its own; each test starts its orders with a scenario (./scenario) and drives them with the real signals,
 * updates and query. No Postgres, no API: a file runs in seconds.
 */
import { TypedSearchAttributes, type SignalDefinition, type UpdateDefinition } from '@temporalio/common';
import type { WorkflowHandle } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { WorkOrderStatus } from '../../domain/status';
import type { WorkOrderInput, WorkOrderOutcome, WorkOrderState } from '../../domain/workOrderContract';
import { dynamicConfigArgs } from '../../scripts/temporalServerSettings';
import {
  initialSearchAttributes,
  searchAttributes,
  stateQuery,
  workOrderWorkflowId,
} from '../../workflows/definitions';
import type { workOrderWorkflow } from '../../workflows/workOrder';
import { quietServerPath, TEST_BUNDLE_PATH } from '../support/paths';
import type { SearchAttributeView } from '../support/system';
import { createFakeWorld, type ActivityName, type Call, type FakeWorld, type OrderRecord } from './fakeActivities';
import { installQuietRuntime, loggedLines } from '../support/quietRuntime';
import { orderInput, scenarioOf, type ScenarioChanges } from './scenario';

/** How long a wait on the workflow may take before the test fails: generous, the machine is shared. */
const PATIENCE_MS = 20_000;

export interface WorkflowHarness {
  world: FakeWorld;
  /** What the worker, core and the workflows logged (WARN and up) in this file so far, one line each. */
  logged(): string[];
  /** Waits for a logged line containing `text` (core's lines are forwarded after a 100 ms buffer). */
  waitForLog(text: string): Promise<string>;
  /** Starts an order's workflow as the API does (id, initial search attributes) with this scenario. */
  startOrder(changes?: ScenarioChanges, input?: Partial<WorkOrderInput>): Promise<Order>;
}

export interface Order {
  number: number;
  handle: WorkflowHandle<typeof workOrderWorkflow>;
  signal<T>(signal: SignalDefinition<[T]>, payload: T): Promise<void>;
  update<R, T>(update: UpdateDefinition<R, [T]>, payload: T): Promise<R>;
  state(): Promise<WorkOrderState>;
  /** Polls the state query until `predicate` holds (for `patienceMs`, PATIENCE_MS by default). */
  waitForState(
    what: string,
    predicate: (state: WorkOrderState) => boolean,
    patienceMs?: number,
  ): Promise<WorkOrderState>;
  waitForStatus(status: WorkOrderStatus): Promise<WorkOrderState>;
  /** Polls the search attributes (visible a moment after the change that set them) until `predicate` holds. */
  waitForSearchAttributes(
    what: string,
    predicate: (view: SearchAttributeView) => boolean,
  ): Promise<SearchAttributeView>;
  /** The activity calls made for this order, oldest first; of one activity when named. */
  calls(name?: ActivityName): Call[];
  waitForCall(name: ActivityName, predicate?: (call: Call) => boolean): Promise<Call>;
  /** The texts sent for this order, as `recipient:kind`. */
  texts(): string[];
  /** Waits until `count` texts of this kind were sent for the order. */
  waitForText(kind: string, count?: number): Promise<void>;
  /** The order's event types in the fake record, in order. */
  events(): string[];
  record(): OrderRecord;
  result(): Promise<WorkOrderOutcome>;
}

/** Registers beforeAll/afterAll for the file's server and worker; call it once at the top of a test file. */
export function useWorkflowHarness(): WorkflowHarness {
  const world = createFakeWorld();
  const taskQueue = `work-orders-fast-${process.pid}-${Date.now().toString(36)}`;
  let env: TestWorkflowEnvironment | undefined;
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  let nextNumber = 1001;

  beforeAll(async () => {
    installQuietRuntime();
    env = await TestWorkflowEnvironment.createLocal({
      server: {
        executable: { type: 'existing-path', path: quietServerPath() },
        ip: '127.0.0.1',
        searchAttributes: Object.values(searchAttributes),
        extraArgs: ['--log-level', 'error', ...dynamicConfigArgs()],
      },
    });
    worker = await Worker.create({
      connection: env.nativeConnection,
      namespace: env.namespace ?? 'default',
      taskQueue,
      workflowBundle: { codePath: TEST_BUNDLE_PATH },
      activities: world.activities,
      // A test that leaves a step retrying fails the file in seconds instead of hanging its teardown.
      shutdownForceTime: '10s',
    });
    running = worker.run();
  }, 120_000);

  afterAll(async () => {
    worker?.shutdown();
    try {
      await running;
    } finally {
      await env?.teardown();
    }
  });

  return {
    world,
    logged: () => [...loggedLines],
    waitForLog: (text) =>
      eventually(
        `a log line with "${text}"`,
        async () => loggedLines.find((line) => line.includes(text)),
        (line) => line !== undefined,
        () => `${loggedLines.length} lines`,
      ) as Promise<string>,
    async startOrder(changes = {}, inputChanges = {}) {
      if (!env) throw new Error('the harness has not started (useWorkflowHarness at the top of the file)');
      const number = nextNumber++;
      world.scenarios.set(number, scenarioOf(changes));
      // The API writes the row before it starts the workflow.
      world.records.set(number, { status: 'created', events: [], booking: null });
      const input = orderInput(number, inputChanges);
      const handle = await env.client.workflow.start<typeof workOrderWorkflow>('workOrderWorkflow', {
        workflowId: workOrderWorkflowId(number),
        taskQueue,
        args: [input],
        typedSearchAttributes: new TypedSearchAttributes(initialSearchAttributes(input)),
      });
      return orderOf(world, number, handle);
    },
  };
}

function orderOf(world: FakeWorld, number: number, handle: WorkflowHandle<typeof workOrderWorkflow>): Order {
  const calls = (name?: ActivityName) => world.calls.filter((c) => c.number === number && (!name || c.name === name));
  const order: Order = {
    number,
    handle,
    signal: (signal, payload) => handle.signal(signal, payload),
    update: (update, payload) => handle.executeUpdate(update, { args: [payload] }),
    state: () => handle.query(stateQuery),
    waitForState: (what, predicate, patienceMs) =>
      eventually(`order ${number}: ${what}`, order.state, predicate, (s) => describeState(order, s), patienceMs),
    waitForStatus: (status) => order.waitForState(`status ${status}`, (s) => s.status === status),
    waitForSearchAttributes: (what, predicate) =>
      eventually(
        `order ${number}'s search attributes: ${what}`,
        () => searchAttributesOf(handle),
        predicate,
        (v) => JSON.stringify(v),
      ),
    calls,
    waitForCall: (name, predicate = () => true) =>
      eventually(
        `order ${number}: a ${name} call`,
        async () => calls(name).find(predicate),
        (call) => call !== undefined,
        () =>
          `calls: ${calls()
            .map((c) => c.name)
            .join(', ')}`,
      ) as Promise<Call>,
    texts: () => calls('sendSms').map((c) => `${c.request.recipient.type}:${c.request.spec.kind}`),
    waitForText: async (kind, count = 1) => {
      const sent = () => calls('sendSms').filter((c) => c.request.spec.kind === kind).length;
      await eventually(
        `order ${number}: ${count} ${kind} text(s)`,
        async () => sent(),
        (n) => n >= count,
        () => order.texts().join(', '),
      );
    },
    events: () => order.record().events.map((e) => e.type),
    record: () => {
      const record = world.records.get(number);
      if (!record) throw new Error(`order ${number} has no record yet`);
      return record;
    },
    result: () => handle.result(),
  };
  return order;
}

async function searchAttributesOf(handle: WorkflowHandle): Promise<SearchAttributeView> {
  const attributes = (await handle.describe()).typedSearchAttributes;
  return {
    status: attributes.get(searchAttributes.status),
    priority: attributes.get(searchAttributes.priority),
    buildingId: attributes.get(searchAttributes.buildingId),
    technicianId: attributes.get(searchAttributes.technicianId),
    needsCoordinator: attributes.get(searchAttributes.needsCoordinator),
    slaDeadline: attributes.get(searchAttributes.slaDeadline),
    accessEscalation: attributes.get(searchAttributes.accessEscalation),
  };
}

function describeState(order: Order, state: WorkOrderState): string {
  const { status, pendingDecision } = state;
  return `${JSON.stringify({ status, pendingDecision })}; events: ${order.events().join(', ')}`;
}

/** Reads until `ok` holds or `patienceMs` has passed; the failure says what was last seen. */
async function eventually<T>(
  what: string,
  read: () => Promise<T>,
  ok: (value: T) => boolean,
  show: (value: T) => string,
  patienceMs = PATIENCE_MS,
): Promise<T> {
  const deadline = Date.now() + patienceMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what} not reached within ${patienceMs} ms; last: ${show(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
