import { DefaultLogger } from '@temporalio/worker';
import { MockActivityEnvironment } from '@temporalio/testing';
import { inspect } from 'node:util';

/**
 * A MockActivityEnvironment whose log lines (an activity that fails on purpose logs its failure with a stack) are
 * kept in `logged`, for the tests that assert them, instead of burying the test output.
 */
export function quietActivityEnvironment(): { env: MockActivityEnvironment; logged: string[] } {
  const logged: string[] = [];
  const logger = new DefaultLogger('WARN', ({ level, message, meta }) => {
    logged.push(`[${level}] ${message} ${meta ? inspect(meta, { depth: 2, breakLength: Infinity }) : ''}`);
  });
  return { env: new MockActivityEnvironment(undefined, { logger }), logged };
}
