import path from 'node:path';
import { findTemporalCli } from '../../scripts/temporalCli';

export const PROJECT_ROOT = path.resolve(__dirname, '..', '..');
export const TEST_DATA_DIR = path.join(PROJECT_ROOT, '.data', 'test');
export const TEST_BUNDLE_PATH = path.join(TEST_DATA_DIR, 'workflow-bundle.js');

/** The Go-built Temporal CLI, found as the README says (TEMPORAL_CLI, .tools/bin, PATH). Tests never build or download one. */
export function temporalCliPath(): string {
  const found = findTemporalCli();
  if (!found) throw new Error('Temporal CLI not found (TEMPORAL_CLI, .tools/bin/temporal, `temporal` on PATH): run `npx tsx scripts/temporalCli.ts` (builds it with Go) or set TEMPORAL_CLI');
  return found;
}
