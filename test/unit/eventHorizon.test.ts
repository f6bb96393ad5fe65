import fc from 'fast-check';
import { EventHorizon, type Advance, type FrontierReading } from '../../api/events/horizon';

const reading = (ids: number[], writers: string[] = []): FrontierReading => ({ ids, writers });

test('the first reading: with no writer the largest id is final; with writers it waits for them', () => {
  const empty = new EventHorizon(Infinity);
  expect(empty.readFrom).toBeNull();
  empty.apply(reading([]), 0);
  expect(empty.value).toBe(0);

  const busy = new EventHorizon(Infinity);
  busy.apply(reading([7], ['3/1']), 0);
  expect(busy.value).toBeNull();
  expect(busy.readFrom).toBe(7);
  busy.apply(reading([], ['3/1', '4/9']), 1);
  expect(busy.value).toBeNull();
  busy.apply(reading([9], ['4/9']), 2);
  expect(busy.value).toBe(7);
  busy.apply(reading([9]), 3);
  expect(busy.value).toBe(9);
});

test('a later id committed first is held back until the transaction holding the earlier id ends', () => {
  const horizon = new EventHorizon(Infinity);
  horizon.apply(reading([10]), 0);
  // 11 is in flight in transaction 5/1; 12 committed.
  const held = horizon.apply(reading([12], ['5/1']), 1);
  expect(held.advance).toBeNull();
  expect(horizon.value).toBe(10);
  expect(horizon.waiting).toBe(true);
  // 5/1 commits between the next reading's snapshot and its lock read: 11 is final, but that reading did not see it.
  const late = horizon.apply(reading([12]), 2);
  expect(late.advance).toEqual<Advance>({ from: 10, to: 12 });
  expect(horizon.waiting).toBe(false);
});

test('contiguous ids advance at once whatever else is writing; a hole left by a rollback is passed once its writer ends', () => {
  const horizon = new EventHorizon(Infinity);
  horizon.apply(reading([3]), 0);
  expect(horizon.apply(reading([4, 5], ['1/1']), 0).advance).toEqual({ from: 3, to: 5 });
  horizon.apply(reading([7], ['1/2']), 1);
  expect(horizon.value).toBe(5);
  expect(horizon.apply(reading([7], ['1/3']), 2).advance).toEqual({ from: 5, to: 7 });
});

test('a barrier held longer than maxHoldMs is passed and reported', () => {
  const horizon = new EventHorizon(1000);
  horizon.apply(reading([1]), 0);
  horizon.apply(reading([3], ['2/7']), 100);
  expect(horizon.apply(reading([3], ['2/7']), 900).forced).toEqual([]);
  const { advance, forced } = horizon.apply(reading([3, 4], ['2/7']), 1200);
  expect(forced).toEqual([{ upTo: 3, writers: ['2/7'], heldMs: 1100 }]);
  expect(advance).toMatchObject({ from: 1, to: 4 });
});

/**
 * A model of Postgres: transactions take the table's write lock, draw ids from one sequence, commit or roll back.
 * A reading takes its snapshot of the committed rows, then (possibly after other transactions moved on) the list of
 * lock holders. The horizon must never pass an id still held by an open transaction, and once everything has ended
 * it must reach the largest committed id.
 */
type Step =
  | { kind: 'begin' }
  | { kind: 'insert'; tx: number }
  | { kind: 'commit'; tx: number }
  | { kind: 'rollback'; tx: number }
  | { kind: 'snapshot'; limit: number }
  | { kind: 'locks' };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.constant<Step>({ kind: 'begin' }),
  fc.nat(7).map<Step>((tx) => ({ kind: 'insert', tx })),
  fc.nat(7).map<Step>((tx) => ({ kind: 'commit', tx })),
  fc.nat(7).map<Step>((tx) => ({ kind: 'rollback', tx })),
  fc.integer({ min: 1, max: 4 }).map<Step>((limit) => ({ kind: 'snapshot', limit })),
  fc.constant<Step>({ kind: 'locks' }),
);

interface Tx {
  vxid: string;
  ids: number[];
  open: boolean;
}

function simulate(steps: Step[]): void {
  const horizon = new EventHorizon(Infinity);
  const txs: Tx[] = [];
  const committed = new Set<number>();
  let sequence = 0;
  let snapshot: number[] | null = null;
  let lastTo: number | null = null;

  const open = () => txs.filter((t) => t.open);
  const takeSnapshot = (limit: number) => {
    const from = horizon.readFrom;
    const visible = [...committed].sort((a, b) => a - b);
    snapshot = from === null ? visible.slice(-1) : visible.filter((id) => id > from).slice(0, limit);
  };
  const readLocks = () => {
    if (!snapshot) return;
    const { advance } = horizon.apply({ ids: snapshot, writers: open().map((t) => t.vxid) }, 0);
    snapshot = null;
    const h = horizon.value;
    if (h !== null) {
      for (const t of open()) for (const id of t.ids) expect(id).toBeGreaterThan(h);
    }
    if (advance) {
      if (lastTo !== null) expect(advance.from).toBe(lastTo);
      lastTo = advance.to;
    } else if (h !== null && lastTo === null) {
      lastTo = h;
    }
  };

  for (const s of steps) {
    const tx = 'tx' in s ? txs[s.tx % Math.max(1, txs.length)] : undefined;
    switch (s.kind) {
      case 'begin':
        txs.push({ vxid: `3/${txs.length}`, ids: [++sequence], open: true });
        break;
      case 'insert':
        if (tx?.open) tx.ids.push(++sequence);
        break;
      case 'commit':
        if (tx?.open) {
          tx.open = false;
          for (const id of tx.ids) committed.add(id);
        }
        break;
      case 'rollback':
        if (tx?.open) tx.open = false;
        break;
      case 'snapshot':
        takeSnapshot(s.limit);
        break;
      case 'locks':
        readLocks();
        break;
    }
  }
  for (const t of open()) {
    t.open = false;
    for (const id of t.ids) committed.add(id);
  }
  for (let i = 0; i < 200 && horizon.value !== Math.max(0, ...committed); i++) {
    takeSnapshot(4);
    readLocks();
  }
  expect(horizon.value).toBe(Math.max(0, ...committed));
}

test('property: never past an id an open transaction holds; reaches every committed id once all have ended', () => {
  fc.assert(
    fc.property(fc.array(step, { minLength: 10, maxLength: 100, size: 'max' }), (steps) => simulate(steps)),
    { numRuns: 1000 },
  );
});
