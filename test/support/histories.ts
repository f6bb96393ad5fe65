import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { PROJECT_ROOT } from './paths';

export const HISTORIES_DIR = path.join(PROJECT_ROOT, 'test', 'fixtures', 'histories');

/**
 * With RECORD_HISTORIES=1 a test saves a finished workflow's history as a replay fixture. Commit new fixtures
 * when a workflow path is added; never re-record an existing one to make a replay failure go away.
 */
export async function recordHistoryIfAsked(client: Client, workflowId: string, name: string): Promise<void> {
  if (process.env.RECORD_HISTORIES !== '1') return;
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  await mkdir(HISTORIES_DIR, { recursive: true });
  await writeFile(path.join(HISTORIES_DIR, `${name}.json`), JSON.stringify(history, null, 1));
}

export async function loadHistories(): Promise<Array<{ workflowId: string; history: unknown }>> {
  const files = (await readdir(HISTORIES_DIR)).filter((f) => f.endsWith('.json')).sort();
  return Promise.all(files.map(async (f) => ({ workflowId: f.replace(/\.json$/, ''), history: JSON.parse(await readFile(path.join(HISTORIES_DIR, f), 'utf8')) })));
}
