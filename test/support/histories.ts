import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { PROJECT_ROOT, temporalCliPath } from './paths';

export const HISTORIES_DIR = path.join(PROJECT_ROOT, 'test', 'fixtures', 'histories');

/**
 * With RECORD_HISTORIES=1 a test saves a finished workflow's history as a replay fixture (only when none of that name exists), in the JSON form
 * `temporal workflow show --output json` prints (the CLI writes it: the SDK's converter does not survive jest's
 * module isolation). Commit new fixtures when a workflow path is added; never re-record an existing one to make a
 * replay failure go away.
 */
export async function recordHistoryIfAsked(serverAddress: string, workflowId: string, name: string): Promise<void> {
  if (process.env.RECORD_HISTORIES !== '1') return;
  const file = path.join(HISTORIES_DIR, `${name}.json`);
  if (existsSync(file)) return; // a committed history is the record of what shipped: never overwritten
  const { stdout } = await promisify(execFile)(
    temporalCliPath(),
    ['workflow', 'show', '--workflow-id', workflowId, '--address', serverAddress, '--output', 'json'],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  await mkdir(HISTORIES_DIR, { recursive: true });
  await writeFile(file, stdout);
}

/** The committed histories, as parsed JSON: the replay worker converts them itself. */
export async function loadHistories(): Promise<Array<{ workflowId: string; history: unknown }>> {
  const files = (await readdir(HISTORIES_DIR)).filter((f) => f.endsWith('.json')).sort();
  return Promise.all(
    files.map(async (f) => ({
      workflowId: f.replace(/\.json$/, ''),
      history: JSON.parse(await readFile(path.join(HISTORIES_DIR, f), 'utf8')) as unknown,
    })),
  );
}
