import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { findApiKey, upsertApiKey } from '../../db/queries/apiKeys';
import { seedDemoData } from '../../db/seed/seed';
import { runKeysCommand } from '../../scripts/apiKeys';
import { createTestDatabase, type TestDatabase } from '../support/database';

let db: TestDatabase;
let technicianId: number;

beforeAll(async () => {
  db = await createTestDatabase();
  await seedDemoData(db.pool, { history: false });
  technicianId = (await db.pool.query<{ id: number }>('SELECT id::int AS id FROM technicians ORDER BY id LIMIT 1'))
    .rows[0]!.id;
});

afterAll(async () => {
  await db?.drop();
});

const run = (...argv: string[]) => runKeysCommand(db.pool, argv);
const secretIn = (output: string) => /^ {2}(wok_\S+)$/m.exec(output)![1]!;

test('create prints the secret once, bound to its role and technician; list never shows it; revoke ends it', async () => {
  const created = await run(
    'create',
    '--role',
    'technician',
    '--technician',
    String(technicianId),
    '--name',
    "Ray's phone",
  );
  const secret = secretIn(created);
  expect(created).toContain(`technician for technician ${technicianId}`);
  expect(await findApiKey(db.pool, secret)).toMatchObject({ name: "Ray's phone", role: 'technician', technicianId });

  const listed = await run('list');
  expect(listed).toContain("Ray's phone");
  expect(listed).not.toContain(secret.slice(17));
  const id = /^(\d+) /m.exec(listed.split('\n').find((l) => l.includes("Ray's phone"))!)![1]!;
  expect(listed).toMatch(new RegExp(`${id} +${secret.slice(4, 16)} +Ray's phone +technician +${technicianId} `));

  expect(await run('revoke', "Ray's phone")).toContain(`Revoked key ${id}`);
  expect(await findApiKey(db.pool, secret)).toBeNull();
  expect((await run('list')).split('\n').find((l) => l.includes("Ray's phone"))).toMatch(/\d{4}-\d\d-\d\d \d\d:\d\d$/);
  await expect(run('revoke', id)).rejects.toThrow(/was revoked at/);
});

test('revoke by id or public id; an ambiguous or unknown reference revokes nothing', async () => {
  const a = secretIn(await run('create', '--role', 'ops', '--name', 'wallboard'));
  const b = secretIn(await run('create', '--role', 'scheduler', '--name', 'pm planner'));
  expect(await run('revoke', a.slice(4, 16))).toContain('"wallboard"');
  expect(await findApiKey(db.pool, a)).toBeNull();
  await expect(run('revoke', 'no such key')).rejects.toThrow('no key has the id or name "no such key"');
  // A name that is also another key's id names two keys.
  const planner = (await findApiKey(db.pool, b))!;
  await run('create', '--role', 'ops', '--name', String(planner.id));
  await expect(run('revoke', String(planner.id))).rejects.toThrow(/names 2 keys/);
  expect(await findApiKey(db.pool, b)).not.toBeNull();
});

test('mistakes are refused with a reason and write nothing', async () => {
  const count = async () => (await db.pool.query('SELECT count(*)::int AS n FROM api_keys')).rows[0].n as number;
  const before = await count();
  await expect(run('create', '--role', 'technician', '--name', 'no tech')).rejects.toThrow(/needs --technician/);
  await expect(run('create', '--role', 'ops', '--technician', '1', '--name', 'ops with tech')).rejects.toThrow(
    /only a technician key/,
  );
  await expect(run('create', '--role', 'root', '--name', 'x')).rejects.toThrow(/--role is one of/);
  await expect(run('create', '--role', 'ops')).rejects.toThrow(/give --name/);
  await expect(run('create', '--role', 'technician', '--technician', '987654', '--name', 'ghost')).rejects.toThrow(
    'there is no technician 987654',
  );
  await expect(run('create', '--role', 'ops', '--name', 'x', '--admin')).rejects.toThrow(/Unknown option '--admin'/);
  await upsertApiKey(db.pool, { name: 'taken', role: 'ops', secret: 'an-operator-chosen-key-000' });
  await expect(run('create', '--role', 'ops', '--name', 'taken')).rejects.toThrow('a key named "taken" exists already');
  await expect(run('delete', '1')).rejects.toThrow(/usage:/);
  await expect(run()).rejects.toThrow(/usage:/);
  expect(await count()).toBe(before + 1);
  // An operator's key has no public id, and is listed as such.
  expect((await run('list')).split('\n').find((l) => l.includes('taken'))).toContain('(chosen key)');
});

test('npm run keys runs the same command against DATABASE_URL', async () => {
  const root = path.resolve(__dirname, '../..');
  const { stdout } = await promisify(execFile)(
    path.join(root, 'node_modules/.bin/tsx'),
    ['scripts/apiKeys.ts', 'create', '--role', 'coordinator', '--name', 'from the shell'],
    {
      cwd: root,
      env: { ...process.env, DATABASE_URL: db.url },
    },
  );
  expect(await findApiKey(db.pool, secretIn(stdout))).toMatchObject({ name: 'from the shell', role: 'coordinator' });
  const failed = await promisify(execFile)(
    path.join(root, 'node_modules/.bin/tsx'),
    ['scripts/apiKeys.ts', 'revoke', 'nobody'],
    { cwd: root, env: { ...process.env, DATABASE_URL: db.url } },
  ).catch((err: { code: number; stderr: string }) => err);
  expect(failed).toMatchObject({ code: 1, stderr: expect.stringContaining('no key has the id or name "nobody"') });
});
