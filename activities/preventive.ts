import { Context } from '@temporalio/activity';
import { inTransaction } from '../db/pool';
import { loadPlanInputs } from '../db/queries/preventiveInputs';
import { dueItems } from '../domain/preventive/dueItems';
import { localDateOf } from '../domain/preventive/periods';
import { planRulesSchema } from '../domain/preventive/planRules';
import type { SkippedItem } from '../domain/preventive/duplicates';
import type { WorkOrderInput } from '../domain/workOrderContract';
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
  /** Due items left alone: this plan opened them for the period already, or another open order has their target. */
  skipped: number;
  /** The first SKIPPED_LISTED of them with the order and the reason (the runs table keeps them all). */
  skippedItems: SkippedItem[];
  /** Work orders whose workflow the run must start (an already-started one is fine). */
  toStart: WorkOrderInput[];
}

/** Skipped items a run's result lists: a workflow's result stays small whatever the portfolio's size. */
const SKIPPED_LISTED = 50;

export function createPreventiveActivities({ pool }: ActivityDeps) {
  return {
    /**
     * Finds what a plan has due as of `asOf` and writes its work orders, once per preventive key and one open order
     * per target across plans. Runs of the same plan take a lock, so an overlapping run waits and then sees the first
     * one's orders (and what its investigations covered) instead of racing it; runs of different plans claim targets.
     */
    async openDuePreventiveWork(req: OpenDueRequest): Promise<OpenDueResult> {
      return inTransaction(pool, async (client) => {
        await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`preventive-plan/${req.planId}`]);
        const { rows } = await client.query<{ rules: unknown; timeZone: string }>(
          `SELECT rules, time_zone AS "timeZone" FROM preventive_plans WHERE id = $1 AND deleted_at IS NULL`,
          [req.planId],
        );
        const plan = rows[0];
        if (!plan) return { planFound: false, due: 0, opened: 0, skipped: 0, skippedItems: [], toStart: [] };
        const rules = planRulesSchema.parse(plan.rules);
        const asOf = new Date(req.asOf);
        const items = dueItems(
          req.planId,
          rules,
          await loadPlanInputs(client, req.planId, rules, asOf),
          asOf,
          localDateOf(asOf, plan.timeZone),
        );
        const { opened, skipped, toStart } = await openPreventiveOrders(client, Context.current().client, items, {
          type: 'scheduler',
          id: `plan:${req.planId}`,
        });
        // A retry after a commit whose answer was lost finds the run's row: what it opened and skipped stands.
        const run = await client.query<{ opened: number; skipped: SkippedItem[] }>(
          `INSERT INTO preventive_runs (run_id, workflow_id, plan_id, as_of, due, opened, skipped) VALUES ($1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT (run_id) DO UPDATE SET run_id = EXCLUDED.run_id RETURNING opened, skipped`,
          [req.runId, req.workflowId, req.planId, asOf, items.length, opened, JSON.stringify(skipped)],
        );
        const stored = run.rows[0]!;
        return {
          planFound: true,
          due: items.length,
          opened: stored.opened,
          skipped: stored.skipped.length,
          skippedItems: stored.skipped.slice(0, SKIPPED_LISTED),
          toStart,
        };
      });
    },

    async finishPreventiveRun(req: { runId: string; started: number; alreadyStarted: number }): Promise<void> {
      await pool.query(
        `UPDATE preventive_runs SET started = $2, already_started = $3, finished_at = now() WHERE run_id = $1`,
        [req.runId, req.started, req.alreadyStarted],
      );
    },
  };
}
