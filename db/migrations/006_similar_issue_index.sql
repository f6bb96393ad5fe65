-- "Similar recent issues in the building" reads one building's recent orders; with a large history the trigram
-- index alone matched thousands of rows in other buildings and years before this filter (scripts/bench/triage.ts).
CREATE INDEX work_orders_building_recent_idx ON work_orders (building_id, created_at DESC);
