import { startSystem, type TestSystem } from '../support/system';

let system: TestSystem;
let unitId: number;

beforeAll(async () => {
  system = await startSystem({ classifier: 'claude' });
  unitId = (await system.unitWithTenant()).unitId;
});

afterEach(() => system.anthropic!.reset());

afterAll(async () => {
  await system?.stop();
});

async function create(description: string): Promise<number> {
  const res = await system.as('coordinator').post('/work-orders').send({ unitId, description });
  expect(res.status).toBe(201);
  return res.body.number;
}

const GOOD = {
  priority: 'medium',
  skillsRequired: ['plumbing'],
  estimatedMinutes: 60,
  confidence: 0.93,
  reasoning: 'a dripping kitchen faucet: plumbing, not urgent',
  warnings: [],
  safety: false,
};

test('Claude classifies; the decision trail records the call (model, input hash, latency, tokens, cost) and the auto path follows', async () => {
  system.anthropic!.enqueue({ toolInput: GOOD });
  const number = await create('My kitchen faucet has been dripping since Sunday');
  const { state } = await system.waitForAgreement(number, 'awaiting_confirmation');
  expect(state.classification).toMatchObject({ reasoning: GOOD.reasoning, confidence: 0.93 });
  expect(state.routing?.outcome).toBe('auto_assign');
  expect(system.anthropic!.requests).toHaveLength(1);
  expect(system.anthropic!.requests[0]!.tenantText).toContain('My kitchen faucet has been dripping since Sunday');

  const trail = (
    await system.db.pool.query(
      `SELECT provider, model, input_hash, confidence::float, latency_ms, input_tokens, output_tokens, cost_usd::float, rules_version FROM decisions WHERE work_order_number = $1 AND kind = 'classification'`,
      [number],
    )
  ).rows[0];
  expect(trail).toMatchObject({ provider: 'claude', confidence: 0.93, rules_version: 1 });
  expect(trail.model).toMatch(/^claude-/);
  expect(trail.input_hash).toMatch(/^[0-9a-f]{64}$/);
  expect(trail.latency_ms).toBeGreaterThanOrEqual(0);
  expect(trail.input_tokens).toBeGreaterThan(0);
  expect(trail.cost_usd).toBeGreaterThan(0);
  const detail = await system.as('coordinator').get(`/work-orders/${number}`);
  expect(detail.body.decisions.map((d: { kind: string }) => d.kind)).toEqual([
    'classification',
    'assignment_proposal',
    'routing',
  ]);
});

test.each([
  ['malformed JSON', 'malformed' as const, /malformed/],
  ['a wrong shape', { toolInput: { ...GOOD, confidence: 7, skillsRequired: ['wizardry'] } }, /wrong_shape/],
  ['a refusal', { refusal: true } as const, /refusal/],
  ['429 past retries', { status: 429 }, /rate_limited/],
  ['500s past retries', { status: 500 }, /server_error/],
  ['a time-out', 'hang' as const, /timeout/],
])(
  '%s sends the work order to the review queue with the reason, classified by the deterministic fallback',
  async (_name, answer, reason) => {
    system.anthropic!.answerWith(() => answer as never);
    // Text the heuristic is sure about: only the provider trouble keeps it from being assigned automatically.
    const number = await create('The kitchen sink drain is clogged and the pipe under the sink drips');
    const { state } = await system.waitForAgreement(number, 'needs_assignment');
    expect(state.pendingDecision?.kind).toBe('assignment');
    expect(state.routing?.outcome).toBe('review');
    expect(state.routing?.reasons.join(' ')).toMatch(/claude could not classify it/);
    expect(state.classification?.skillsRequired).toContain('plumbing');
    const trail = (
      await system.db.pool.query(
        `SELECT provider, reasoning, input FROM decisions WHERE work_order_number = $1 AND kind = 'classification'`,
        [number],
      )
    ).rows[0];
    expect(trail.provider).toBe('heuristic');
    expect(trail.input.unavailable).toMatchObject({ provider: 'claude', reason: expect.stringMatching(reason) });
    expect(
      (await system.as('coordinator').get('/queues/review')).body.items.map((i: { number: number }) => i.number),
    ).toContain(number);
    // A fallback answer is not cached: the next order with this text asks Claude again.
    const cached = await system.db.pool.query(
      `SELECT count(*)::int AS n FROM classification_cache WHERE provider = 'heuristic'`,
    );
    expect(cached.rows[0].n).toBe(0);
  },
);

test('Claude is given the records the workflow gathered: the unit’s recent orders in their own tags, after the message', async () => {
  const first = await create('The hallway light flickers at night');
  await system.waitForEvent(first, 'classified');
  const second = await create('The hallway light is flickering again');
  await system.waitForEvent(second, 'classified');

  const request = system.anthropic!.requests.at(-1)!;
  expect(request.tenantText).toBe('The hallway light is flickering again');
  expect(request.userText).toMatch(
    new RegExp(
      `<unit_history>\\n(.*\\n)*#${first} · opened \\d{4}-\\d{2}-\\d{2} · [a-z_]+ · .*"The hallway light flickers at night"`,
    ),
  );
  const trail = await system.db.pool.query(
    `SELECT input FROM decisions WHERE work_order_number = $1 AND kind = 'classification'`,
    [second],
  );
  expect(trail.rows[0].input.context.unitHistory).toContain(first);
  for (const number of [first, second])
    expect(
      (await system.as('coordinator').post(`/work-orders/${number}/cancel`).send({ reason: 'test over' })).status,
    ).toBe(200);
});
