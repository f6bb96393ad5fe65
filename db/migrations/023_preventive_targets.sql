-- One open preventive order per target across all plans (issue 17 item 5): two overlapping plans once opened the
-- same AC inspection and the same leak investigation twice, since `preventive_key` names the plan and the period.
-- `preventive_target` names what the order is about whatever plan opened it: `equipment-<id>`, `seasonal-<id>`,
-- `pattern-<name>/building-<id>`. A plan's run takes a lock per target before it looks (activities/preventiveOrders.ts);
-- this index is the backstop that refuses a second open order even from a writer that did not.
ALTER TABLE work_orders ADD COLUMN preventive_target text;

-- Orders written before: their target from the metadata each run kept. Where duplicates are open already, the
-- oldest keeps the target; the others stay untargeted (they finish as they are and block nothing).
WITH targeted AS (
  SELECT number,
         CASE WHEN metadata->'preventive'->>'rule' = 'pattern'
              THEN 'pattern-' || (metadata->'preventive'->>'pattern') || '/' || (metadata->'preventive'->>'target')
              ELSE metadata->'preventive'->>'target' END AS target,
         status NOT IN ('completed', 'cancelled') AS open
    FROM work_orders
   WHERE source = 'preventive' AND metadata->'preventive'->>'target' IS NOT NULL
), ranked AS (
  SELECT number, target, open, row_number() OVER (PARTITION BY target, open ORDER BY number) AS n FROM targeted
)
UPDATE work_orders w SET preventive_target = r.target FROM ranked r WHERE w.number = r.number AND (NOT r.open OR r.n = 1);

CREATE UNIQUE INDEX work_orders_one_open_preventive_target ON work_orders (preventive_target)
  WHERE preventive_target IS NOT NULL AND status NOT IN ('completed', 'cancelled');

-- What a run left alone and why (a target with an open order, a key this plan opened already), for the plan's view.
ALTER TABLE preventive_runs ADD COLUMN skipped jsonb NOT NULL DEFAULT '[]';
