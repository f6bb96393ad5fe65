import type { PoolClient } from 'pg';
import type { PlanInputs } from '../../domain/preventive/dueItems';
import type { Equipment } from '../../domain/preventive/equipmentDue';
import type { PatternCandidate } from '../../domain/preventive/patternDue';
import type { PlanRules } from '../../domain/preventive/planRules';
import type { SeasonalTask } from '../../domain/preventive/seasonalDue';

/** Reads what a plan's run looks at: its equipment, seasonal tasks, recent orders and earlier investigations. */
export async function loadPlanInputs(
  client: PoolClient,
  planId: string,
  rules: PlanRules,
  asOf: Date,
): Promise<PlanInputs> {
  const buildings = rules.buildingIds ?? null;
  // One after the other: they share the caller's transaction, and a client runs one query at a time.
  const equipment = rules.equipment
    ? await client.query<Equipment>(
        `SELECT id::int AS id, building_id::int AS "buildingId", unit_id::int AS "unitId", kind, label,
                to_char(installed_on, 'YYYY-MM-DD') AS "installedOn", typical_life_years::float AS "typicalLifeYears"
           FROM equipment
          WHERE retired_on IS NULL AND ($1::bigint[] IS NULL OR building_id = ANY($1)) AND ($2::text[] IS NULL OR kind = ANY($2))
          ORDER BY id`,
        [buildings, rules.equipment.kinds ?? null],
      )
    : null;
  const seasonalTasks = rules.seasonal
    ? await client.query<SeasonalTask>(
        `SELECT id::int AS id, building_id::int AS "buildingId", name, description, due_month AS "dueMonth", due_day AS "dueDay",
                lead_days AS "leadDays", priority
           FROM seasonal_tasks WHERE active AND ($1::bigint[] IS NULL OR building_id = ANY($1)) ORDER BY id`,
        [buildings],
      )
    : null;
  const patternCandidates = rules.patterns
    ? await client.query<PatternCandidate>(
        // Preventive orders (investigations among them) never count towards a pattern; cancelled ones neither.
        `SELECT number::int AS number, building_id::int AS "buildingId", description, created_at AS "createdAt"
           FROM work_orders
          WHERE source <> 'preventive' AND status <> 'cancelled'
            AND created_at > $2::timestamptz - make_interval(days => $3) AND created_at <= $2::timestamptz
            AND ($1::bigint[] IS NULL OR building_id = ANY($1))`,
        [buildings, asOf, Math.max(...rules.patterns.map((p) => p.windowDays))],
      )
    : null;
  const covered = rules.patterns
    ? await client.query<{ pattern: string; number: string }>(
        `SELECT metadata->'preventive'->>'pattern' AS pattern, covered.number
           FROM work_orders, jsonb_array_elements_text(metadata->'preventive'->'orders') AS covered(number)
          WHERE source = 'preventive' AND metadata->'preventive'->>'rule' = 'pattern'
            AND (metadata->'preventive'->>'planId' = $1 OR status IN ('completed', 'cancelled'))`,
        [planId],
      )
    : null;

  const coveredByPattern = new Map<string, Set<number>>();
  for (const row of covered?.rows ?? []) {
    const set = coveredByPattern.get(row.pattern) ?? new Set<number>();
    set.add(Number(row.number));
    coveredByPattern.set(row.pattern, set);
  }
  return {
    equipment: equipment?.rows ?? [],
    seasonalTasks: seasonalTasks?.rows ?? [],
    patternCandidates: patternCandidates?.rows ?? [],
    coveredByPattern,
  };
}
