import { chooseDatabase, probeAddress } from '../../scripts/databaseChoice';

const nothingAnswers = async () => false;
const everythingAnswers = async () => true;

test('DATABASE_URL is used as given, without probing', async () => {
  const probed: string[] = [];
  const choice = await chooseDatabase(
    { DATABASE_URL: 'postgres://u@db:5432/x' },
    async (port, host) => (probed.push(`${host}:${port}`), false),
  );
  expect(choice).toEqual({ kind: 'postgres', url: 'postgres://u@db:5432/x' });
  expect(probed).toEqual([]);
});

test('a Postgres answering at the probed address is used, with the workorders database', async () => {
  expect(await chooseDatabase({}, everythingAnswers)).toEqual({
    kind: 'postgres',
    url: 'postgres://postgres@127.0.0.1:5432/workorders',
  });
  expect(await chooseDatabase({ EMBEDDED_DB_PROBE: 'localhost:5433' }, everythingAnswers)).toEqual({
    kind: 'postgres',
    url: 'postgres://postgres@localhost:5433/workorders',
  });
});

test('nothing answering and no DATABASE_URL: the embedded database, said so in one line naming the address', async () => {
  const choice = await chooseDatabase({ DATABASE_URL: '' }, nothingAnswers);
  expect(choice).toEqual({
    kind: 'pglite',
    notice:
      'No Postgres at 127.0.0.1:5432 and no DATABASE_URL: running on the embedded PGlite database in .data/pglite ' +
      '(for a first try only; use a real Postgres for anything else — see README)',
  });
  const probed: string[] = [];
  await chooseDatabase(
    { EMBEDDED_DB_PROBE: '127.0.0.1:1' },
    async (port, host) => (probed.push(`${host}:${port}`), false),
  );
  expect(probed).toEqual(['127.0.0.1:1']);
});

test('a malformed probe address stops the start, naming the variable', () => {
  expect(probeAddress(undefined)).toEqual({ host: '127.0.0.1', port: 5432 });
  for (const bad of ['5432', '127.0.0.1', 'host:0', 'host:70000', 'host:port'])
    expect(() => probeAddress(bad)).toThrow(/EMBEDDED_DB_PROBE/);
});
