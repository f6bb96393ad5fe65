import { ScheduleNotFoundError } from '@temporalio/client';
import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import request from 'supertest';
import { buildOpenApiDocument } from '../../api/openapi/document';
import { createLogger } from '../../observability/logger';
import { preventiveScheduleId } from '../../workflows/preventiveDefinitions';
import {
  createFuzzFixtures,
  fixtureOrders,
  fuzzContext,
  fuzzRules,
  loadWorld,
  restoreFixtures,
  type FuzzFixtures,
  type World,
} from '../support/fuzzWorld';
import { historyLengths } from '../support/matrixFixtures';
import { operationsOf, requestsFor, type FuzzOperation, type FuzzRequest } from '../support/openapiRequests';
import { sendRaw, type RawAnswer } from '../support/rawRequest';
import { footprint, footprintChanges, settle, type Footprint } from '../support/systemFootprint';
import { testLogPath } from '../support/paths';
import { startSystem, type TestSystem } from '../support/system';

/**
 * Property-based fuzz of the whole API, from its OpenAPI document: every operation, by every role (and no key, a bad
 * key, a Twilio signature or none), with generated path and query parameters, headers and bodies (JSON from the schema,
 * valid or spoiled with NUL, unpaired surrogates, huge and negative numbers, years 0000 and 9999, deep nesting, empty
 * and maximal strings and wrong types; multipart photos; Twilio forms, signed and not; CSV and JSON imports).
 *
 * Never a 5xx, and a request that is refused (or only reads) writes nothing: no row in any table, no photo file, no
 * schedule, no event in the history of a fixture order or of the order the request names. A write that succeeded is
 * let run to its end (every workflow idle) and becomes the new baseline.
 *
 * API_FUZZ_RUNS requests per operation (default 50; half as many again where there is a body to spoil, a fifth for an
 * operation with no parameters and no body), API_FUZZ_SEED the seed (default fixed, so CI runs the same
 * requests every time), API_FUZZ_SHRINK=1 to shrink a failure to a smaller request (slow: each step is a request),
 * API_FUZZ_LOG=<file> to append every request and its answer to a file. The answers counted per operation and
 * status go to .data/test/logs/api-fuzz-<pid>.log, and to the output when an operation failed.
 */

const RUNS = Number(process.env.API_FUZZ_RUNS ?? 50);
const SEED = Number(process.env.API_FUZZ_SEED ?? 20_14_3);
const SHRINK = process.env.API_FUZZ_SHRINK === '1';
const LOG = process.env.API_FUZZ_LOG;
/** Longer than any deadline the API keeps with Temporal: a request still unanswered then never answers. */
const ANSWER_TIMEOUT_MS = 45_000;

/** In the document's order, but deletes last: the other operations on a plan meet it before it is gone. */
const OPERATIONS = operationsOf(buildOpenApiDocument()).sort(
  (a, b) => Number(a.method === 'DELETE') - Number(b.method === 'DELETE'),
);

let system: TestSystem;
let f: FuzzFixtures;
let world: World;
let watched: number[];
let baseline: Footprint;
/** The API's error log lines, newest last: what a 5xx was about. */
const serverErrors: string[] = [];
const statuses = new Map<string, Map<string, number>>();
/** Operations whose every request passed; the report is printed when one did not. */
const passed = new Set<string>();
/** Requests that took long to answer, for the report: where the API waits on something. */
const slow: string[] = [];
const SLOW_MS = 2_000;
/** Where the time goes, for the report: answering, checking, letting writes settle. */
const spent = { answering: 0, checking: 0, settling: 0, restoring: 0 };
const timed = async <T>(what: keyof typeof spent, work: Promise<T>): Promise<T> => {
  const started = Date.now();
  try {
    return await work;
  } finally {
    spent[what] += Date.now() - started;
  }
};

function tally(operation: string, outcome: string): void {
  const counts = statuses.get(operation) ?? new Map<string, number>();
  counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
  statuses.set(operation, counts);
}

beforeAll(async () => {
  const apiLogger = createLogger({
    level: 'error',
    service: 'api',
    destination: {
      write(line: string) {
        serverErrors.push(line.length > 3_000 ? `${line.slice(0, 3_000)}…` : line);
      },
    },
  });
  system = await startSystem({ rules: fuzzRules(), observability: { apiLogger } });
  f = await createFuzzFixtures(system);
  watched = fixtureOrders(f);
  baseline = await settle(system, watched);
}, 180_000);

afterAll(async () => {
  const lines = [...statuses.entries()].map(([operation, counts]) => {
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    const byStatus = [...counts.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([status, n]) => `${status}×${n}`);
    return `  ${operation.padEnd(42)} ${String(total).padStart(4)}  ${byStatus.join(' ')}`;
  });
  const total = [...statuses.values()].flatMap((c) => [...c.values()]).reduce((a, b) => a + b, 0);
  const slowLines = slow.length
    ? `\n  answered after more than ${SLOW_MS / 1000} s:\n${slow.map((s) => `    ${s}`).join('\n')}`
    : '';
  const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;
  const time = `answering ${seconds(spent.answering)}, checking ${seconds(spent.checking)}, settling after writes ${seconds(spent.settling)}, restoring fixtures ${seconds(spent.restoring)}`;
  const report = `API fuzz: seed ${SEED}, API_FUZZ_RUNS ${RUNS}; requests per operation (status×count):\n${lines.join('\n')}\n  total: ${total} requests to ${statuses.size} operations (${time})${slowLines}\n`;
  writeFileSync(testLogPath(`api-fuzz-${process.pid}.log`), report);
  if (passed.size < OPERATIONS.length) process.stdout.write(report);
  await system?.stop();
});

/** The work order a request names in its path, when it is one that exists and not already watched. */
function orderNamedBy(request: FuzzRequest): number | null {
  const match = /^\/work-orders\/(\d{1,9})(?:[/?]|$)/.exec(request.path);
  const number = match ? Number(match[1]) : null;
  return number !== null && world.orders.includes(number) && !watched.includes(number) ? number : null;
}

async function send(request: FuzzRequest): Promise<RawAnswer> {
  if (request.signedForm) {
    const res = await system.postSignedWebhook(request.path, request.signedForm).timeout(ANSWER_TIMEOUT_MS);
    return {
      status: res.status,
      contentType: String(res.headers['content-type'] ?? ''),
      location: res.headers.location as string | undefined,
      text: res.text,
    };
  }
  return sendRaw(
    system.baseUrl,
    { method: request.method, path: request.path, headers: request.headers, body: request.body },
    ANSWER_TIMEOUT_MS,
  );
}

/** Waits until Temporal lists the schedule: the footprint counts the listed ones. */
async function untilListed(plan: string): Promise<void> {
  for (
    const deadline = Date.now() + 10_000;
    Date.now() < deadline;
    await new Promise((resolve) => setTimeout(resolve, 50))
  ) {
    for await (const listed of system.env.client.schedule.list()) if (listed.scheduleId === plan) return;
  }
  throw new Error(`plan ${plan} was created but is not listed after 10 s`);
}

/**
 * After a write that succeeded: no plan it made or freed is left to fire (a generated one may run every second), and
 * whatever it set off runs to its end.
 */
async function afterWrite(request?: FuzzRequest, answer?: RawAnswer): Promise<void> {
  // The plan the request made (its Location) or named (unpaused, say).
  const planId = (answer?.location ?? request?.path)?.match(/^\/schedules\/([a-z0-9-]+)(?:[/?]|$)/)?.[1];
  const plan = planId === undefined ? undefined : preventiveScheduleId(planId);
  if (plan) {
    await system.env.client.schedule
      .getHandle(plan)
      .pause('the API fuzz holds every plan still')
      .catch((err: unknown) => {
        if (!(err instanceof ScheduleNotFoundError)) throw err; // deleted: nothing to hold
      });
  }
  // Plans are listed a moment after they change: a new one is waited for, and the rest are paused as listed.
  if (answer?.location && plan) await untilListed(plan);
  for await (const listed of system.env.client.schedule.list()) {
    if (!listed.state.paused)
      await system.env.client.schedule.getHandle(listed.scheduleId).pause('the API fuzz holds every plan still');
  }
  const current = await system.db.pool.query<{ rules: unknown }>(
    'SELECT rules FROM rules ORDER BY version DESC LIMIT 1',
  );
  if (JSON.stringify(current.rows[0]?.rules) !== JSON.stringify(world.rules)) await system.publishRules(fuzzRules());
  baseline = await timed('settling', settle(system, watched));
}

/** The schedule a request asks to run now (`POST /schedules/{id}/trigger`), or null. */
function triggeredSchedule(request: FuzzRequest): string | null {
  if (request.method !== 'POST') return null;
  const planId = /^\/schedules\/([a-z0-9-]+)\/trigger(?:\?|$)/.exec(request.path)?.[1];
  return planId === undefined ? null : preventiveScheduleId(planId);
}

/** The runs a schedule has started or skipped so far; null when there is no such schedule. */
async function actionsOf(scheduleId: string): Promise<number | null> {
  try {
    const { info } = await system.env.client.schedule.getHandle(scheduleId).describe();
    return info.numActionsTaken + info.numActionsSkippedOverlap;
  } catch (err) {
    if (err instanceof ScheduleNotFoundError) return null;
    throw err;
  }
}

/**
 * A trigger is answered before the schedule acts on it: waits until the schedule has started (or skipped) the run and
 * the run has finished, so that what it writes is not read as the next request's doing.
 */
async function untilTriggerRan(scheduleId: string, actionsBefore: number): Promise<void> {
  const deadline = Date.now() + 60_000;
  const pause = () => new Promise((resolve) => setTimeout(resolve, 100));
  let info = (await system.env.client.schedule.getHandle(scheduleId).describe()).info;
  while (info.numActionsTaken + info.numActionsSkippedOverlap <= actionsBefore) {
    if (Date.now() > deadline) throw new Error(`${scheduleId} was triggered but took no action within 60 s`);
    await pause();
    info = (await system.env.client.schedule.getHandle(scheduleId).describe()).info;
  }
  const run = info.recentActions.at(-1)?.action.workflow.workflowId;
  if (!run) return;
  while ((await system.env.client.workflow.getHandle(run).describe()).status.name === 'RUNNING') {
    if (Date.now() > deadline) throw new Error(`${run}, started by a trigger of ${scheduleId}, still runs after 60 s`);
    await pause();
  }
}

/** One request: never a 5xx; refused or only reading, nothing written. */
async function check(request: FuzzRequest): Promise<void> {
  const named = orderNamedBy(request);
  const namedBefore = named === null ? {} : await historyLengths(system, [named]);
  const errorsBefore = serverErrors.length;
  const triggered = triggeredSchedule(request);
  const actionsBefore = triggered === null ? null : await actionsOf(triggered);
  let answer: RawAnswer;
  const started = Date.now();
  try {
    answer = await timed('answering', send(request));
    if (Date.now() - started > SLOW_MS)
      slow.push(`${Date.now() - started} ms → ${answer.status}: ${String(request).slice(0, 400)}`);
  } catch (err) {
    tally(request.operation, 'no answer');
    throw new Error(`${String(err)}\n  request: ${String(request)}`, { cause: err });
  }
  tally(request.operation, String(answer.status));
  if (LOG)
    await appendFile(
      LOG,
      `${answer.status} ${answer.text.slice(0, 200).replace(/\s+/g, ' ')}\n    ${String(request)}\n`,
    );
  const reproduction = `${answer.status} ${answer.text.slice(0, 500)}\n  request: ${String(request)}`;
  if (answer.status >= 500) {
    await afterWrite();
    throw new Error(
      `a 5xx: ${reproduction}\n  the API logged: ${serverErrors.slice(errorsBefore).join('\n') || '(nothing)'}`,
    );
  }
  if (answer.status < 300 && request.method !== 'GET') {
    if (triggered !== null && actionsBefore !== null) await untilTriggerRan(triggered, actionsBefore);
    await afterWrite(request, answer);
    return;
  }
  const [now, namedAfter] = await timed(
    'checking',
    Promise.all([footprint(system, watched), named === null ? {} : historyLengths(system, [named])]),
  );
  const changes = [
    ...footprintChanges(baseline, now),
    ...footprintChanges({ ...baseline, histories: namedBefore }, { ...baseline, histories: namedAfter }),
  ];
  if (changes.length > 0) {
    await afterWrite();
    throw new Error(`answered ${reproduction}\n  but wrote: ${changes.join('; ')}`);
  }
}

test('the document served at /openapi.json is the one fuzzed', async () => {
  const served = await request(system.app).get('/openapi.json');
  expect(served.body).toEqual(JSON.parse(JSON.stringify(buildOpenApiDocument())));
  expect(OPERATIONS.length).toBeGreaterThan(40);
});

const runsFor = (operation: FuzzOperation) =>
  operation.body ? Math.round(RUNS * 1.5) : operation.parameters.length ? RUNS : Math.max(5, Math.round(RUNS / 5));
const seedOf = (operation: FuzzOperation) => [...operation.key].reduce((h, c) => (h * 31 + c.charCodeAt(0)) | 0, SEED);

test.each(OPERATIONS.map((o) => [o.key, o] as const))(
  '%s: never a 5xx, and a refused request writes nothing',
  async (_key, operation) => {
    await timed('restoring', restoreFixtures(system, f));
    watched = fixtureOrders(f);
    // Each operation starts from where the system is (after another operation's failure too).
    baseline = await timed('restoring', settle(system, watched));
    world = await loadWorld(system, f);
    await fc.assert(fc.asyncProperty(requestsFor(operation, fuzzContext(world, f)), check), {
      numRuns: runsFor(operation),
      seed: seedOf(operation),
      endOnFailure: !SHRINK,
    });
    passed.add(operation.key);
  },
  600_000,
);
