import { appendFileSync } from 'node:fs';
import { createLogger, type Logger } from '../../observability/logger';
import { testLogPath } from './paths';

/**
 * The API's warnings and errors in .data/test/logs/api-<pid>.log, not the test output: tests answer 500s and 503s on
 * purpose (a refused row, a stalled worker) and the lines would bury the summary. A test that asserts them passes its
 * own logger.
 */
export function quietApiLogger(): Logger {
  const file = testLogPath(`api-${process.pid}.log`);
  return createLogger({
    level: 'warn',
    service: 'api',
    destination: { write: (line: string) => appendFileSync(file, line) },
  });
}
