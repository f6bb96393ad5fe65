import {
  allowedTransitions,
  assertTransition,
  canTransition,
  CAPACITY_STATUSES,
  ForbiddenTransitionError,
  isTerminal,
  TERMINAL_STATUSES,
  WORK_ORDER_STATUSES,
  type WorkOrderStatus,
} from '../../domain/status';

/** The machine as DESIGN.md describes it, written out here on purpose: the test must not read it back from the code. */
const EXPECTED: Record<WorkOrderStatus, WorkOrderStatus[]> = {
  created: ['triage', 'cancelled'],
  triage: ['needs_assignment', 'awaiting_confirmation', 'escalated', 'cancelled'],
  needs_assignment: ['awaiting_confirmation', 'escalated', 'cancelled'],
  awaiting_confirmation: ['scheduled', 'needs_assignment', 'escalated', 'cancelled'],
  scheduled: ['in_progress', 'awaiting_confirmation', 'needs_assignment', 'waiting_access', 'escalated', 'cancelled'],
  in_progress: ['ready_review', 'waiting_parts', 'waiting_access', 'escalated', 'cancelled'],
  waiting_parts: ['awaiting_confirmation', 'needs_assignment', 'escalated', 'cancelled'],
  waiting_access: ['awaiting_confirmation', 'needs_assignment', 'escalated', 'cancelled'],
  ready_review: ['completed', 'failed_review', 'escalated', 'cancelled'],
  failed_review: ['in_progress', 'waiting_access', 'escalated', 'cancelled'],
  escalated: ['needs_assignment', 'awaiting_confirmation', 'scheduled', 'in_progress', 'ready_review', 'cancelled'],
  completed: [],
  cancelled: [],
};

const pairs = WORK_ORDER_STATUSES.flatMap((from) => WORK_ORDER_STATUSES.map((to) => [from, to] as const));
const allowedPairs = pairs.filter(([from, to]) => EXPECTED[from].includes(to));
const forbiddenPairs = pairs.filter(([from, to]) => !EXPECTED[from].includes(to));

function reachableFrom(start: WorkOrderStatus): Set<WorkOrderStatus> {
  const seen = new Set<WorkOrderStatus>([start]);
  const queue: WorkOrderStatus[] = [start];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    for (const to of allowedTransitions(next)) {
      if (!seen.has(to)) {
        seen.add(to);
        queue.push(to);
      }
    }
  }
  return seen;
}

describe('work order status machine', () => {
  test('the expected table covers exactly the statuses the schema knows', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...WORK_ORDER_STATUSES].sort());
    expect(allowedPairs.length + forbiddenPairs.length).toBe(WORK_ORDER_STATUSES.length ** 2);
  });

  test.each(allowedPairs)('%s → %s is allowed', (from, to) => {
    expect(canTransition(from, to)).toBe(true);
    expect(() => assertTransition(from, to)).not.toThrow();
  });

  test.each(forbiddenPairs)('%s → %s is forbidden', (from, to) => {
    expect(canTransition(from, to)).toBe(false);
    let thrown: unknown;
    try {
      assertTransition(from, to);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(ForbiddenTransitionError);
    expect(thrown).toMatchObject({ from, to, name: 'ForbiddenTransitionError' });
    expect((thrown as Error).message).toContain(`from ${from} to ${to}`);
  });

  test.each(WORK_ORDER_STATUSES)('allowedTransitions(%s) lists exactly the expected targets', (from) => {
    expect([...allowedTransitions(from)].sort()).toEqual([...EXPECTED[from]].sort());
  });

  test('no status moves to itself', () => {
    for (const status of WORK_ORDER_STATUSES) expect(canTransition(status, status)).toBe(false);
  });

  test('completed and cancelled are the only terminal statuses, and have no way out', () => {
    expect([...TERMINAL_STATUSES].sort()).toEqual(['cancelled', 'completed']);
    for (const status of WORK_ORDER_STATUSES) {
      expect(isTerminal(status)).toBe(status === 'completed' || status === 'cancelled');
    }
    for (const status of TERMINAL_STATUSES) {
      expect(allowedTransitions(status)).toHaveLength(0);
      for (const to of WORK_ORDER_STATUSES)
        expect(() => assertTransition(status, to)).toThrow(ForbiddenTransitionError);
    }
  });

  test('every open status can be cancelled directly', () => {
    for (const status of WORK_ORDER_STATUSES.filter((s) => !isTerminal(s))) {
      expect(canTransition(status, 'cancelled')).toBe(true);
    }
  });

  test('every status is reachable from created', () => {
    expect([...reachableFrom('created')].sort()).toEqual([...WORK_ORDER_STATUSES].sort());
  });

  test('no open status is a dead end: each can still reach completed', () => {
    for (const status of WORK_ORDER_STATUSES.filter((s) => !isTerminal(s))) {
      expect(reachableFrom(status).has('completed')).toBe(true);
    }
  });

  test('statuses that hold a technician slot are open ones', () => {
    for (const status of CAPACITY_STATUSES) expect(isTerminal(status)).toBe(false);
    expect(CAPACITY_STATUSES).not.toContain('waiting_parts');
  });
});
