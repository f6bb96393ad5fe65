import { quietActivityEnvironment } from '../support/activityEnvironment';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createHeuristicClassifier } from '../../activities/adapters/heuristicClassifier';
import { createClaudePhotoReviewer, PHOTO_REVIEW_TOOL_NAME } from '../../activities/adapters/claudePhotoReviewer';
import type { PhotoReviewer } from '../../activities/adapters/photoReviewer';
import { createPhotoActivities, type ReviewPhotosRequest } from '../../activities/photos';
import { inTransaction } from '../../db/pool';
import { createPhotoStore, type PhotoStore } from '../../db/photoStore';
import { insertPhotos, type NewPhoto } from '../../db/queries/photos';
import { DEFAULT_RULES } from '../../domain/rules';
import type { PhotoKind } from '../../domain/photos';
import type { PhotoReview } from '../../domain/workOrderContract';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startFakeAnthropic, type FakeAnthropic } from '../support/fakeAnthropic';
import { tinyJpeg } from '../support/photos';

const HEIC = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypheic'), Buffer.alloc(64, 1)]);
const NOW = new Date();
const CHECKED_IN = new Date(NOW.getTime() - 30 * 60_000);

let db: TestDatabase;
let dir: string;
let store: PhotoStore;
let fake: FakeAnthropic;
let technicianId: number;
const { env } = quietActivityEnvironment();

beforeAll(async () => {
  db = await createTestDatabase();
  dir = await mkdtemp(path.join(tmpdir(), 'review-photos-test-'));
  store = createPhotoStore(dir);
  fake = await startFakeAnthropic();
  await db.pool.query(
    `INSERT INTO buildings (name, address, latitude, longitude) VALUES ('Building P', '1 Photo St', 40.75, -73.99)`,
  );
  await db.pool.query(`INSERT INTO units (building_id, label) SELECT id, '101' FROM buildings`);
  const tech = await db.pool.query<{ id: string }>(
    `INSERT INTO technicians (name, phone, skills) VALUES ('Pat', '+15550001111', '{plumbing}') RETURNING id`,
  );
  technicianId = Number(tech.rows[0]!.id);
});

afterEach(() => fake.reset());

afterAll(async () => {
  await fake?.close();
  await db?.drop();
  await rm(dir, { recursive: true, force: true });
});

async function newOrder(): Promise<number> {
  const { rows } = await db.pool.query<{ number: string }>(
    `INSERT INTO work_orders (building_id, unit_id, description, source) SELECT building_id, id, 'The kitchen sink leaks under the cabinet', 'api' FROM units LIMIT 1 RETURNING number`,
  );
  return Number(rows[0]!.number);
}

interface Shot {
  kind: PhotoKind;
  bytes?: Buffer;
  contentType?: 'image/jpeg' | 'image/heic';
  distanceMeters?: number;
}

/** Stores the files and their rows as an upload would; resolves with the references the workflow carries. */
async function upload(number: number, shots: Shot[]): Promise<Array<{ id: string; kind: PhotoKind; bytes: Buffer }>> {
  const withBytes = shots.map((s) => ({
    ...s,
    bytes: s.bytes ?? tinyJpeg(`order ${number} ${s.kind} ${Math.random()}`),
  }));
  const rows: NewPhoto[] = [];
  for (const s of withBytes) {
    const { sha256 } = await store.put(s.bytes);
    rows.push({
      workOrderNumber: number,
      technicianId,
      kind: s.kind,
      sha256,
      contentType: s.contentType ?? 'image/jpeg',
      sizeBytes: s.bytes.length,
      latitude: 40.75,
      longitude: -73.99,
      distanceMeters: s.distanceMeters ?? 8,
      takenAt: NOW.toISOString(),
      uploadedBy: { type: 'technician', id: String(technicianId) },
    });
  }
  const ids = await inTransaction(db.pool, (client) => insertPhotos(client, rows));
  return withBytes.map((s, i) => ({ id: ids[i]!, kind: s.kind, bytes: s.bytes }));
}

function request(
  number: number,
  photos: Array<{ id: string; kind: PhotoKind }>,
  key = 'photo-review-1',
): ReviewPhotosRequest {
  return {
    number,
    idempotencyKey: `work-order-${number}/${key}`,
    rulesVersion: null,
    photos: photos.map(({ id, kind }) => ({ id, kind })),
    checkedInAt: CHECKED_IN.toISOString(),
    visit: DEFAULT_RULES.visit,
    notes: 'replaced the P-trap',
  };
}

async function review(reviewer: PhotoReviewer | undefined, req: ReviewPhotosRequest): Promise<PhotoReview> {
  const { reviewPhotos } = createPhotoActivities({
    pool: db.pool,
    classifier: createHeuristicClassifier(),
    photoReviewer: reviewer,
    now: () => NOW,
  });
  return (await env.run(reviewPhotos, req)) as PhotoReview;
}

async function decisionsOf(number: number) {
  const { rows } = await db.pool.query(
    `SELECT kind, provider, reasoning, input, output, model, input_tokens, output_tokens, latency_ms FROM decisions WHERE work_order_number = $1 ORDER BY id`,
    [number],
  );
  return rows;
}

const claude = () =>
  createClaudePhotoReviewer({
    apiKey: fake.apiKey,
    baseURL: fake.url,
    store,
    timeoutMs: 2000,
    maxRetries: 0,
    deadlineMs: 5000,
  });
const ALL: Shot[] = [{ kind: 'before' }, { kind: 'after' }, { kind: 'cleanup' }];

describe('deterministic reviewer', () => {
  test('a complete set passes, recorded once as a photo_review decision with its reasoning, even when retried', async () => {
    const number = await newOrder();
    const photos = await upload(number, ALL);
    const first = await review(undefined, request(number, photos));
    expect(first).toMatchObject({ complete: true, issues: [], provider: 'deterministic' });
    expect(first.reasoning).toMatch(/^Deterministic check\. 3 photo\(s\) submitted, 3 on file/);
    expect(await review(undefined, request(number, photos))).toEqual(first);
    const decisions = await decisionsOf(number);
    expect(decisions).toHaveLength(1);
    expect(decisions[0]).toMatchObject({
      kind: 'photo_review',
      provider: 'deterministic',
      reasoning: first.reasoning,
      output: { complete: true, issues: [] },
      model: null,
    });
    expect(decisions[0].input.photos).toEqual(photos.map(({ id, kind }) => ({ id, kind })));
  });

  test('a set without a cleanup photo, or with an id not on file, is refused with each issue', async () => {
    const number = await newOrder();
    const photos = await upload(number, [{ kind: 'before' }, { kind: 'after' }]);
    const verdict = await review(
      undefined,
      request(number, [...photos, { id: '00000000-0000-0000-0000-000000000000', kind: 'cleanup' }]),
    );
    expect(verdict.complete).toBe(false);
    expect(verdict.issues).toEqual([
      'cleanup photo 00000000-0000-0000-0000-000000000000 is not on file for this work order',
      'no cleanup photo',
    ]);
  });
});

describe('Claude reviewer through the real SDK', () => {
  test('the photos go as base64 image blocks with their labels; a complete verdict is recorded with the model and tokens', async () => {
    const number = await newOrder();
    const photos = await upload(number, ALL);
    const verdict = await review(claude(), request(number, photos));
    expect(verdict).toMatchObject({ complete: true, issues: [], provider: 'claude' });
    expect(verdict.reasoning).toMatch(/^Fake review of 3 image\(s\)/);
    expect(verdict.reasoning).toMatch(/Rule checks: Deterministic check/);

    expect(fake.requests).toHaveLength(1);
    const sent = fake.requests[0]!;
    expect(sent.body.tool_choice).toMatchObject({ type: 'tool', name: PHOTO_REVIEW_TOOL_NAME });
    expect(sent.body.thinking).toEqual({ type: 'disabled' });
    expect(sent.images).toEqual(
      photos.map((p) => ({ sourceType: 'base64', mediaType: 'image/jpeg', data: p.bytes.toString('base64') })),
    );
    expect(sent.userText).toMatch(/^Photo 1 \(before\): taken .* 8 m from the building \(limit 150 m\)/m);
    expect(sent.userText).toMatch(/<technician_notes>\nreplaced the P-trap\n<\/technician_notes>/);

    const decisions = await decisionsOf(number);
    expect(decisions).toHaveLength(1);
    expect(decisions[0]).toMatchObject({
      kind: 'photo_review',
      provider: 'claude',
      output: { complete: true, issues: [] },
      model: 'claude-haiku-5-5',
    });
    expect(decisions[0].input_tokens).toBeGreaterThan(0);

    // A retry of the same step answers what was recorded, without asking Claude again.
    expect(await review(claude(), request(number, photos))).toEqual(verdict);
    expect(fake.requests).toHaveLength(1);
  });

  test("Claude's problems are passed on to the technician", async () => {
    const number = await newOrder();
    const photos = await upload(number, ALL);
    fake.enqueue({
      toolInput: {
        complete: false,
        reasoning: 'The after photo shows the cabinet, not the pipe.',
        issues: ['Photograph the repaired pipe under the sink.'],
      },
    });
    const verdict = await review(claude(), request(number, photos));
    expect(verdict).toMatchObject({
      complete: false,
      issues: ['Photograph the repaired pipe under the sink.'],
      provider: 'claude',
    });
  });

  test('Claude cannot pass photos the rule checks refuse', async () => {
    const number = await newOrder();
    const photos = await upload(number, [
      { kind: 'before' },
      { kind: 'after', distanceMeters: 900 },
      { kind: 'cleanup' },
    ]);
    fake.enqueue({ toolInput: { complete: true, reasoning: 'All looks fine.', issues: [] } });
    const verdict = await review(claude(), request(number, photos));
    expect(verdict.complete).toBe(false);
    expect(verdict.issues).toEqual([`after photo ${photos[1]!.id} was taken 900 m from the building (limit 150 m)`]);
    expect(verdict.reasoning).toMatch(/All looks fine\. Rule checks: .*Incomplete/);
  });

  test('a HEIC photo is described to Claude, not sent as an image', async () => {
    const number = await newOrder();
    const photos = await upload(number, [
      { kind: 'before' },
      { kind: 'after', bytes: HEIC, contentType: 'image/heic' },
      { kind: 'cleanup' },
    ]);
    await review(claude(), request(number, photos));
    const sent = fake.requests[0]!;
    expect(sent.images.map((i) => i.mediaType)).toEqual(['image/jpeg', 'image/jpeg']);
    expect(sent.userText).toMatch(/^Photo 2 \(after\): .*\(not shown: image\/heic cannot be shown\)$/m);
  });

  test.each([
    ['a 500', { status: 500 }, 'server_error'],
    ['a body that is not JSON', 'malformed', 'malformed'],
    ['an answer of the wrong shape', { toolInput: { complete: 'yes', reasoning: 42 } }, 'wrong_shape'],
    ['incomplete with no issue named', { toolInput: { complete: false, reasoning: 'hmm', issues: [] } }, 'wrong_shape'],
    ['a text answer', 'text_only', 'refusal'],
  ] as const)('on %s the deterministic check decides, and the reasoning says why', async (_what, answer, reason) => {
    const number = await newOrder();
    const photos = await upload(number, [{ kind: 'before' }, { kind: 'after' }]);
    fake.enqueue(answer);
    const verdict = await review(claude(), request(number, photos));
    expect(verdict).toMatchObject({ complete: false, issues: ['no cleanup photo'], provider: 'deterministic' });
    expect(verdict.reasoning).toMatch(
      new RegExp(
        `^claude could not review the photos \\(${reason}\\): .*The deterministic check decided\\. Deterministic check\\.`,
      ),
    );
    const decisions = await decisionsOf(number);
    expect(decisions).toHaveLength(1);
    expect(decisions[0]).toMatchObject({
      provider: 'deterministic',
      input: { unavailable: { provider: 'claude', reason } },
    });
  });

  test('a photo missing from the store: the deterministic check decides, naming the file', async () => {
    const number = await newOrder();
    const photos = await upload(number, ALL);
    const elsewhere = createClaudePhotoReviewer({
      apiKey: fake.apiKey,
      baseURL: fake.url,
      store: createPhotoStore(path.join(dir, 'not-the-api-folder')),
      timeoutMs: 2000,
      maxRetries: 0,
    });
    const verdict = await review(elsewhere, request(number, photos));
    expect(verdict).toMatchObject({ complete: true, provider: 'deterministic' });
    expect(verdict.reasoning).toMatch(
      /^claude could not review the photos \(other\): the before photo .* is not in the photo store/,
    );
    expect(fake.requests).toHaveLength(0);
  });

  test('with no photo on file Claude is not asked', async () => {
    const number = await newOrder();
    const verdict = await review(claude(), request(number, [{ id: 'not-a-uuid', kind: 'before' }]));
    expect(verdict).toMatchObject({ complete: false, provider: 'deterministic' });
    expect(fake.requests).toHaveLength(0);
  });
});
