import { ApplicationFailure } from '@temporalio/activity';
import { FailureType } from '../domain/failures';
import { currentRules } from '../db/queries/rules';
import type { VersionedRules } from '../domain/rules';
import type { ActivityDeps } from './deps';

export function createRulesActivities({ pool }: ActivityDeps) {
  return {
    /** The newest rules; a work order pins the version it started with. */
    async loadCurrentRules(): Promise<VersionedRules> {
      const newest = await currentRules(pool);
      if (!newest)
        throw ApplicationFailure.create({
          type: FailureType.Misconfigured,
          message: 'no rules row: run the seed',
          nonRetryable: false,
        });
      return { version: newest.version, rules: newest.rules };
    },
  };
}
