import { PHOTO_REVIEW_TOOL_NAME } from '../../activities/adapters/claudePhotoReviewer';
import { classifyHeuristically } from '../../domain/heuristicClassifier';
import { tenantReplySignal, workOrderWorkflowId } from '../../workflows/definitions';
import type { FakeAnswer, FakeAnthropicRequest } from '../support/fakeAnthropic';
import { KEYS, startSystem, type TestSystem } from '../support/system';

/** The worker built as with ANTHROPIC_API_KEY set: Claude (a local fake) classifies and reviews the photos it reads from the photo folder. */

let system: TestSystem;
let technicianIds: number[];

beforeAll(async () => {
  system = await startSystem({ classifier: 'claude' });
  technicianIds = (
    await system.db.pool.query<{ id: number }>('SELECT id::int AS id FROM technicians ORDER BY id')
  ).rows.map((r) => r.id);
});

afterEach(() => system.anthropic!.reset());

afterAll(async () => {
  await system?.stop();
});

const isReview = (r: FakeAnthropicRequest) =>
  (r.body.tool_choice as { name?: string } | undefined)?.name === PHOTO_REVIEW_TOOL_NAME;

async function inProgressOrder(): Promise<{ number: number; key: keyof typeof KEYS }> {
  const { unitId, tenantId } = await system.unitWithTenant();
  const created = await system
    .as('coordinator')
    .post('/work-orders')
    .send({ unitId, description: 'The kitchen sink is dripping under the sink, the pipe drips all day' });
  const number: number = created.body.number;
  const { state } = await system.waitForAgreement(number, 'awaiting_confirmation');
  await system.env.client.workflow
    .getHandle(workOrderWorkflowId(number))
    .signal(tenantReplySignal, { answer: 'yes', messageSid: `SM-claude-photo-${number}`, tenantId });
  await system.waitForAgreement(number, 'scheduled');
  const id = state.assignment!.technicianId;
  const key = id === technicianIds[0] ? 'technician1' : id === technicianIds[1] ? 'technician2' : 'coordinator';
  expect((await system.as(key).post(`/work-orders/${number}/visit/check-in`).send({})).status).toBe(202);
  await system.waitForAgreement(number, 'in_progress');
  return { number, key };
}

async function photoReviews(number: number) {
  return (
    await system.db.pool.query(
      `SELECT provider, model, reasoning, output FROM decisions WHERE work_order_number = $1 AND kind = 'photo_review' ORDER BY id`,
      [number],
    )
  ).rows;
}

test('Claude sees the uploaded photos as images and passes the set: ready_review with its reasoning', async () => {
  const { number, key } = await inProgressOrder();
  expect((await system.uploadPhotos(number, key, { notes: 'new P-trap' })).status).toBe(202);
  const ready = await system.waitForAgreement(number, 'ready_review');

  const reviews = system.anthropic!.requests.filter(isReview);
  expect(reviews).toHaveLength(1);
  expect(reviews[0]!.images).toHaveLength(3);
  expect(
    reviews[0]!.images.every(
      (i) => i.sourceType === 'base64' && i.mediaType === 'image/jpeg' && Buffer.from(i.data, 'base64')[0] === 0xff,
    ),
  ).toBe(true);
  const [decision] = await photoReviews(number);
  expect(decision).toMatchObject({ provider: 'claude', output: { complete: true, issues: [] } });
  expect(decision.model).toMatch(/^claude-/);
  // The live state carries the verdict when the workflow reviews before ready_review.
  if (ready.state.photoReview) expect(ready.state.photoReview).toMatchObject({ complete: true, provider: 'claude' });
  expect(
    (await system.as('coordinator').post(`/work-orders/${number}/cancel`).send({ reason: 'closing the test order' }))
      .status,
  ).toBe(200);
});

test('when Claude keeps failing the deterministic check reviews the photos, and the reasoning says so', async () => {
  system.anthropic!.answerWith((r): FakeAnswer =>
    isReview(r) ? { status: 500 } : { toolInput: classifyHeuristically(r.tenantText) },
  );
  const { number, key } = await inProgressOrder();
  expect((await system.uploadPhotos(number, key)).status).toBe(202);
  await system.waitForAgreement(number, 'ready_review');
  const [decision] = await photoReviews(number);
  expect(decision).toMatchObject({ provider: 'deterministic', output: { complete: true } });
  expect(decision.reasoning).toMatch(/^claude could not review the photos \(server_error\)/);
  expect(
    (await system.as('coordinator').post(`/work-orders/${number}/cancel`).send({ reason: 'closing the test order' }))
      .status,
  ).toBe(200);
});
