import { ApplicationFailure } from '@temporalio/activity';
import { rulesSchema, type VersionedRules } from '../domain/rules';
import type { ActivityDeps } from './deps';

export function createRulesActivities({ pool }: ActivityDeps) {
  return {
    /** The newest rules; a work order pins the version it started with. */
    async loadCurrentRules(): Promise<VersionedRules> {
      const { rows } = await pool.query<{ version: number; rules: unknown }>('SELECT version, rules FROM rules ORDER BY version DESC LIMIT 1');
      const row = rows[0];
      if (!row) throw ApplicationFailure.create({ type: 'NotFound', message: 'no rules row: run the seed', nonRetryable: false });
      return { version: row.version, rules: rulesSchema.parse(row.rules) };
    },
  };
}
