import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findTemporalCli } from '../../scripts/temporalCli';

/** Where the tests and `npm start` find the Temporal CLI: the README's order, and nothing built or downloaded. */
const dir = mkdtempSync(path.join(tmpdir(), 'cli-lookup-'));
function executable(name: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, '#!/bin/sh\n');
  chmodSync(file, 0o755);
  return file;
}
const onPath = path.join(dir, 'bin');
const projectCli = path.join(dir, 'project-temporal');

beforeAll(() => {
  mkdirSync(onPath);
  executable('bin/temporal');
  executable('project-temporal');
  executable('chosen');
  writeFileSync(path.join(dir, 'not-executable'), '');
});

test('TEMPORAL_CLI first, then the project’s .tools/bin, then PATH; none: null', () => {
  expect(findTemporalCli({ TEMPORAL_CLI: path.join(dir, 'chosen'), PATH: onPath }, projectCli)).toBe(
    path.join(dir, 'chosen'),
  );
  expect(findTemporalCli({ PATH: onPath }, projectCli)).toBe(projectCli);
  expect(findTemporalCli({ PATH: `/nowhere${path.delimiter}${onPath}` }, path.join(dir, 'missing'))).toBe(
    path.join(onPath, 'temporal'),
  );
  expect(findTemporalCli({ PATH: '/nowhere' }, path.join(dir, 'missing'))).toBeNull();
});

test('a TEMPORAL_CLI that is not an executable is an error, not a silent fallback', () => {
  expect(() => findTemporalCli({ TEMPORAL_CLI: path.join(dir, 'not-executable'), PATH: onPath }, projectCli)).toThrow(
    /not an executable file/,
  );
});
