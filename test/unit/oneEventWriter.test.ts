import { createdEventKey, createdEventKeySql } from '../../db/queries/events';
import { workOrderWorkflowId } from '../../workflows/definitions';
import { typeScriptFilesUnder } from '../support/sourceFiles';

const PRODUCT_DIRS = ['activities', 'api', 'db', 'workers', 'scripts'];
/** Writes 200,000 history events in one INSERT … SELECT to build a benchmark's database: a bulk load, not an event. */
const BULK_LOADS = ['scripts/bench/triage.ts'];
const THE_WRITER = 'db/queries/events.ts';

const productFiles = typeScriptFilesUnder(PRODUCT_DIRS);

test('the product has files to check, the writer among them', () => {
  expect(productFiles.length).toBeGreaterThan(50);
  expect(productFiles.map((f) => f.name)).toContain(THE_WRITER);
});

test('only db/queries/events.ts inserts into the event log (scripts too, but for one bulk load)', () => {
  const writers = productFiles
    .filter((f) => f.name !== THE_WRITER && !BULK_LOADS.includes(f.name) && /insert\s+into\s+events\b/i.test(f.text))
    .map((f) => f.name);
  expect(writers).toEqual([]);
});

test("only db/queries/events.ts spells the 'created' event's key", () => {
  const spelled = /work-order-[^\n]*\/created|workOrderWorkflowId\([^)]*\)\}\/created/;
  const builders = productFiles.filter((f) => f.name !== THE_WRITER && spelled.test(f.text)).map((f) => f.name);
  expect(builders).toEqual([]);
});

test("the 'created' key is the workflow id and '/created', in TypeScript and in SQL", () => {
  expect(createdEventKey(42)).toBe(`${workOrderWorkflowId(42)}/created`);
  expect(createdEventKeySql('w.number')).toBe(`'work-order-' || w.number || '/created'`);
});
