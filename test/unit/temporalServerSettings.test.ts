import { readFileSync } from 'node:fs';
import path from 'node:path';
import { dynamicConfigArgs, SERVER_DYNAMIC_CONFIG, sqliteFilePragmaArgs } from '../../scripts/temporalServerSettings';

const ROOT = path.resolve(__dirname, '..', '..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

/** `key:` then `  - value: JSON` per key, as temporal-config/dynamicconfig.yaml writes them (comments skipped). */
function dynamicConfigFileValues(text: string): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  let key: string | null = null;
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue;
    const keyLine = /^([\w.]+):\s*$/.exec(line);
    const valueLine = /^\s+- value: (.+)$/.exec(line);
    if (keyLine) key = keyLine[1]!;
    else if (valueLine && key) values[key] = JSON.parse(valueLine[1]!);
  }
  return values;
}

test("docker-compose's Temporal server reads the same dynamic config as the dev servers", () => {
  expect(dynamicConfigFileValues(read('temporal-config/dynamicconfig.yaml'))).toEqual(SERVER_DYNAMIC_CONFIG);
  const compose = read('docker-compose.yml');
  const mountedAt = /- \.\/temporal-config\/dynamicconfig\.yaml:([^:\s]+):ro/.exec(compose)?.[1];
  expect(mountedAt).toBeDefined();
  expect(compose).toContain(`DYNAMIC_CONFIG_FILE_PATH: ${mountedAt}`);
});

test('the dev server flags: eager activities on, no search-attribute re-read, WAL for its file', () => {
  expect(dynamicConfigArgs()).toEqual([
    '--dynamic-config-value',
    'system.enableActivityEagerExecution=true',
    '--dynamic-config-value',
    'system.forceSearchAttributesCacheRefreshOnRead=false',
  ]);
  expect(sqliteFilePragmaArgs()).toEqual([
    '--sqlite-pragma',
    'journal_mode=wal',
    '--sqlite-pragma',
    'synchronous=normal',
  ]);
});
