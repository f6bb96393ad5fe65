import { Context } from '@temporalio/activity';
import { inTransaction } from '../db/pool';
import { loadPlanInputs } from '../db/queries/preventiveInputs';
import { dueItems } from '../domain/preventive/dueItems';
import { localDateOf } from '../domain/preventive/periods';
import { planRulesSchema } from '../domain/preventive/planRules';
import type { WorkOrderInput } from '../workflows/definitions';
import type { ActivityDeps } from './deps';
import { openPreventiveOrders } from './preventiveOrders';

export interface OpenDueRequest {
  planId: string;
  /** The run's Temporal run id: one preventive_runs row per run. */
  runId: string;
  workflowId: string;
  asOf: string;
}

export interface OpenDueResult {
  /** false when the plan was deleted (or never existed): nothing is due. */
  planFound: boolean;
  due: number;
  opened: number;
  /** Work orders whose workflow the run must start (an already-started one is fine). */
  toStart: WorkOrderInput[];
}

export function createPreventiveActivities({ pool }: ActivityDeps) {
  return {
    /**
     * Finds what a plan has due as of `asOf` and writes its work orders, once per preventive key. Runs of the same
     * plan take a lock, so an overlapping run waits and then sees the first one's orders (and what its
     * investigations covered) instead of racing it.
     */
    async openDuePreventiveWork(req: OpenDueRequest): Promise<OpenDueResult> {
      return inTransaction(pool, async (client) => {
        await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`preventive-plan/${req.planId}`]);
        const { rows } = await client.query<{ rules: unknown; timeZone: string }>(
          `SELECT rules, time_zone AS "timeZone" FROM preventive_plans WHERE id = $1 AND deleted_at IS NULL`,
          [req.planId],
        );
        const plan = rows[0];
        if (!plan) return { planFound: false, due: 0, opened: 0, toStart: [] };
        const rules = planRulesSchema.parse(plan.rules);
        const asOf = new Date(req.asOf);
        const items = dueItems(req.planId, rules, await loadPlanInputs(client, req.planId, rules, asOf), asOf, localDateOf(asOf, plan.timeZone));
        const { opened, toStart } = await openPreventiveOrders(client, Context.current().client, items, { type: 'scheduler', id: `plan:${req.planId}` });
        // A retry after a commit whose answer was lost finds the run's row: its count of opened orders stands.
        const run = await client.query<{ opened: number }>(
          `INSERT INTO preventive_runs (run_id, workflow_id, plan_id, as_of, due, opened) VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (run_id) DO UPDATE SET run_id = EXCLUDED.run_id RETURNING opened`,
          [req.runId, req.workflowId, req.planId, asOf, items.length, opened],
        );
        return { planFound: true, due: items.length, opened: run.rows[0]!.opened, toStart };
      });
    },

    async finishPreventiveRun(req: { runId: string; started: number; alreadyStarted: number }): Promise<void> {
      await pool.query(`UPDATE preventive_runs SET started = $2, already_started = $3, finished_at = now() WHERE run_id = $1`, [req.runId, req.started, req.alreadyStarted]);
    },
  };
}
