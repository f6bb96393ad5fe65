import { rename } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { writeWorkflowBundle } from '../../../workers/bundle';
import { PROJECT_ROOT } from '../../temporalCli';
import type { Log } from './log';

let bundled: Promise<string> | null = null;

/**
 * One bundle per process (the worker would otherwise bundle with webpack at every restart), built from the current
 * code into .data/faults/ (written aside, then renamed: drills running at once never read half a file).
 */
export function ensureWorkflowBundle(log: Log, given = process.env.WORKFLOW_BUNDLE_PATH): Promise<string> {
  if (given && existsSync(given)) return Promise.resolve(given);
  bundled ??= (async () => {
    const file = path.join(PROJECT_ROOT, '.data', 'faults', 'workflow-bundle.js');
    const aside = `${file}.${process.pid}.tmp`;
    const started = Date.now();
    await writeWorkflowBundle(aside);
    await rename(aside, file);
    log(
      `workflow bundle built in ${((Date.now() - started) / 1000).toFixed(1)} s: ${path.relative(PROJECT_ROOT, file)}`,
    );
    return file;
  })();
  return bundled;
}
