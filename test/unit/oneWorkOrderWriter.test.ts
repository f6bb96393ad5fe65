import { typeScriptFilesUnder } from '../support/sourceFiles';

const THE_WRITER = 'db/queries/workOrders.ts';
/**
 * Rows that are history, not new orders: none has a workflow or a 'created' event. An import's record that was
 * already closed at its source, the demo's past orders, and the benchmarks' bulk loads of past orders.
 */
const HISTORY_WRITERS = [
  'db/queries/importedWorkOrders.ts',
  'db/seed/seed.ts',
  'scripts/bench/eventStream.ts',
  'scripts/bench/triage.ts',
  'scripts/bench/triage/context.ts',
];

const files = typeScriptFilesUnder(['activities', 'api', 'db', 'workers', 'workflows', 'domain', 'scripts']);
const inserting = files.filter((f) => /insert\s+into\s+work_orders\b/i.test(f.text)).map((f) => f.name);

test('new work orders are written by db/queries/workOrders.ts alone (insertWorkOrder, with their created event)', () => {
  expect(inserting).toContain(THE_WRITER);
  expect(inserting.filter((name) => name !== THE_WRITER && !HISTORY_WRITERS.includes(name))).toEqual([]);
});

test('every listed writer of past orders still writes them (the list holds no stale exception)', () => {
  expect(HISTORY_WRITERS.filter((name) => !inserting.includes(name))).toEqual([]);
});
