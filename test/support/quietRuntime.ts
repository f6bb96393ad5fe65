/**
 * The Runtime's logger for the fast workflow layer: the worker's, core's and the workflows' warnings (a failed step is
 * logged on purpose) go to .data/test/logs/workflow-<pid>.log and to `loggedLines`, where a test asserts the ones it
 * causes, never to the test output.
 */
import { appendFileSync } from 'node:fs';
import { inspect } from 'node:util';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { testLogPath } from './paths';

/** Every line logged in this test file so far (jest gives each file its own module registry). */
export const loggedLines: string[] = [];

let installed = false;

/** Installs the Runtime once per file, before the first server or worker. */
export function installQuietRuntime(): void {
  if (installed) return;
  const file = testLogPath(`workflow-${process.pid}.log`);
  const logger = new DefaultLogger('WARN', ({ level, message, meta, timestampNanos }) => {
    const at = new Date(Number(timestampNanos / 1_000_000n)).toISOString();
    const line = `${at} [${level}] ${message} ${meta ? inspect(meta, { depth: 4, breakLength: Infinity }) : ''}`;
    loggedLines.push(line);
    appendFileSync(file, `${line}\n`);
  });
  // Core's own warnings (a failing workflow task) too, instead of straight to the console.
  Runtime.install({ logger, telemetryOptions: { logging: { filter: { core: 'WARN', other: 'ERROR' }, forward: {} } } });
  installed = true;
}
