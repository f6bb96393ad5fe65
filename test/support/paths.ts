import { chmodSync, existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { findTemporalCli } from '../../scripts/temporalCli';

export const PROJECT_ROOT = path.resolve(__dirname, '..', '..');
export const TEST_DATA_DIR = path.join(PROJECT_ROOT, '.data', 'test');
export const TEST_BUNDLE_PATH = path.join(TEST_DATA_DIR, 'workflow-bundle.js');

/** A file under .data/test/logs/ (created if missing): where tests put what a green run should not print. */
export function testLogPath(fileName: string): string {
  const logs = path.join(TEST_DATA_DIR, 'logs');
  mkdirSync(logs, { recursive: true });
  return path.join(logs, fileName);
}

/** The Go-built Temporal CLI, found as the README says (TEMPORAL_CLI, .tools/bin, PATH). Tests never build or download one. */
export function temporalCliPath(): string {
  const found = findTemporalCli();
  if (!found)
    throw new Error(
      'Temporal CLI not found (TEMPORAL_CLI, .tools/bin/temporal, `temporal` on PATH): run `npx tsx scripts/temporalCli.ts` (builds it with Go) or set TEMPORAL_CLI',
    );
  return found;
}

/**
 * The dev server for tests, its banner and log in .data/test/logs/temporal-server.log instead of the test output (the
 * SDK starts it with the output inherited). A shell wrapper around the CLI, written once per run by globalSetup.
 */
export const QUIET_SERVER_PATH = path.join(TEST_DATA_DIR, 'temporal-quiet-server');

export function writeQuietServer(cli: string): void {
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const temporary = `${QUIET_SERVER_PATH}.${process.pid}`;
  writeFileSync(temporary, `#!/bin/sh\nexec ${quote(cli)} "$@" >> ${quote(testLogPath('temporal-server.log'))} 2>&1\n`);
  chmodSync(temporary, 0o755);
  renameSync(temporary, QUIET_SERVER_PATH);
}

/** The quiet server's path; globalSetup writes it, a test run some other way (an IDE) writes it here. */
export function quietServerPath(): string {
  if (!existsSync(QUIET_SERVER_PATH)) writeQuietServer(temporalCliPath());
  return QUIET_SERVER_PATH;
}
