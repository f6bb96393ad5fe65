import { existsSync } from 'node:fs';
import path from 'node:path';

export const PROJECT_ROOT = path.resolve(__dirname, '..', '..');
export const TEST_DATA_DIR = path.join(PROJECT_ROOT, '.data', 'test');
export const TEST_BUNDLE_PATH = path.join(TEST_DATA_DIR, 'workflow-bundle.js');

/** The Go-built Temporal CLI: TEMPORAL_CLI, else the project's .tools/bin. Tests never download one. */
export function temporalCliPath(): string {
  const candidate = process.env.TEMPORAL_CLI ?? path.join(PROJECT_ROOT, '.tools', 'bin', 'temporal');
  if (!existsSync(candidate)) {
    throw new Error(`Temporal CLI not found at ${candidate}: run \`npx tsx scripts/temporalCli.ts\` (builds it with Go) or set TEMPORAL_CLI`);
  }
  return candidate;
}
