import { readManifest, type UploadedFile } from '../../api/photos/manifest';
import { AppError } from '../../api/errors';
import { sniffImageType } from '../../domain/photos';
import { tinyJpeg } from '../support/photos';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0, 0, 0, 0]), Buffer.from('WEBPVP8 ')]);
const HEIC = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypheic'), Buffer.alloc(8)]);

const file = (
  originalname: string,
  buffer: Buffer = tinyJpeg(originalname),
  mimetype = 'image/jpeg',
): UploadedFile => ({ fieldname: 'photo', originalname, mimetype, size: buffer.length, buffer });
const entry = (fileName: string, kind = 'before', overrides: Record<string, unknown> = {}) => ({
  file: fileName,
  kind,
  latitude: 40.75,
  longitude: -73.99,
  takenAt: '2026-03-04T14:30:00Z',
  ...overrides,
});

function issuesOf(run: () => unknown): Array<{ path: string; message: string }> {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).status).toBe(400);
    return (err as AppError).issues ?? [];
  }
  throw new Error('expected a 400');
}

describe('image types by their bytes', () => {
  test.each([
    ['JPEG', tinyJpeg('x'), 'image/jpeg'],
    ['PNG', PNG, 'image/png'],
    ['WebP', WEBP, 'image/webp'],
    ['HEIC', HEIC, 'image/heic'],
    ['text', Buffer.from('hello, not an image'), null],
    ['empty', Buffer.alloc(0), null],
  ])('%s', (_name, bytes, expected) => {
    expect(sniffImageType(bytes)).toBe(expected);
  });
});

test('each file is paired with its manifest entry by name; notes are kept', () => {
  const files = [file('a.jpg'), file('b.png', PNG, 'image/png'), file('c.heic', HEIC, 'application/octet-stream')];
  const manifest = [entry('c.heic', 'cleanup'), entry('a.jpg', 'before'), entry('b.png', 'after')];
  const { photos, notes } = readManifest(files, { manifest: JSON.stringify(manifest), notes: ' replaced the trap ' });
  expect(photos.map((p) => [p.file, p.kind, p.contentType])).toEqual([
    ['c.heic', 'cleanup', 'image/heic'],
    ['a.jpg', 'before', 'image/jpeg'],
    ['b.png', 'after', 'image/png'],
  ]);
  expect(photos[1]!.bytes).toBe(files[0]!.buffer);
  expect(notes).toBe('replaced the trap');
});

test('a missing or non-JSON manifest is a 400 on body.manifest', () => {
  expect(issuesOf(() => readManifest([file('a.jpg')], {}))).toEqual([
    expect.objectContaining({ path: 'body.manifest' }),
  ]);
  expect(issuesOf(() => readManifest([file('a.jpg')], { manifest: '[{"file":' }))).toEqual([
    { path: 'body.manifest', message: expect.stringMatching(/^not valid JSON/) },
  ]);
  expect(issuesOf(() => readManifest([file('a.jpg')], { manifest: '[]', extra: 'x' })).map((i) => i.path)).toEqual(
    expect.arrayContaining(['body']),
  );
});

test('bad manifest fields are reported with their paths, all at once', () => {
  const manifest = [
    entry('a.jpg', 'during', { latitude: 91 }),
    entry('b.jpg', 'after', { longitude: 'west', takenAt: 'yesterday', extra: 1 }),
  ];
  const paths = issuesOf(() =>
    readManifest([file('a.jpg'), file('b.jpg')], { manifest: JSON.stringify(manifest) }),
  ).map((i) => i.path);
  expect(paths).toEqual(
    expect.arrayContaining([
      'body.manifest.0.kind',
      'body.manifest.0.latitude',
      'body.manifest.1.longitude',
      'body.manifest.1.takenAt',
      'body.manifest.1',
    ]),
  );
});

test('a file nobody describes, an entry with no file, a name used twice: each named', () => {
  const issues = issuesOf(() =>
    readManifest([file('a.jpg'), file('b.jpg'), file('b.jpg'), file('stray.jpg')], {
      manifest: JSON.stringify([entry('a.jpg'), entry('a.jpg', 'after'), entry('b.jpg'), entry('ghost.jpg')]),
    }),
  );
  expect(issues).toEqual([
    { path: 'files.b.jpg', message: expect.stringMatching(/two files have this name/) },
    { path: 'body.manifest.1.file', message: 'a.jpg is described twice' },
    { path: 'body.manifest.3.file', message: 'no file named ghost.jpg was uploaded' },
    { path: 'files.stray.jpg', message: 'no manifest entry describes this file' },
  ]);
});

test('no files at all', () => {
  expect(issuesOf(() => readManifest([], { manifest: JSON.stringify([entry('a.jpg')]) }))).toEqual(
    expect.arrayContaining([{ path: 'files', message: 'attach at least one photo' }]),
  );
});

test('only images of our types: by declared type and by their bytes', () => {
  const files = [
    file('notes.txt', Buffer.from('hello'), 'text/plain'),
    file('fake.jpg', Buffer.from('definitely not a jpeg')),
    file('liar.png', tinyJpeg('x'), 'image/png'),
    file('empty.jpg', Buffer.alloc(0)),
    file('anim.gif', Buffer.from('GIF89a....'), 'image/gif'),
  ];
  const issues = issuesOf(() =>
    readManifest(files, { manifest: JSON.stringify(files.map((f) => entry(f.originalname))) }),
  );
  expect(issues).toEqual([
    { path: 'files.notes.txt', message: expect.stringMatching(/content type text\/plain is not accepted/) },
    { path: 'files.fake.jpg', message: 'the bytes are not a JPEG, PNG, HEIC or WebP image (declared image/jpeg)' },
    { path: 'files.liar.png', message: 'declared image/png, but the bytes are image/jpeg' },
    { path: 'files.empty.jpg', message: 'the file is empty' },
    { path: 'files.anim.gif', message: expect.stringMatching(/image\/gif is not accepted/) },
  ]);
});
