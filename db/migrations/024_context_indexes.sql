-- Context assembly (activities/context.ts) at a large history.
--
-- Similar issues in the building: one GiST index holds the building, the creation time and the description's
-- trigrams (btree_gist and pg_trgm, both from 001), so the index itself applies the building, the window and the
-- trigram match (`%`), and only the matches are read from the table. Before, the building's whole window was read
-- and similarity() computed on every row: about 2,800 rows and 25-35 ms at 100,000 orders (scripts/bench/triage.ts).
CREATE INDEX work_orders_building_recent_trgm_idx ON work_orders USING gist (building_id, created_at, description gist_trgm_ops);

-- The tenant's requests in the window: counted from the tenant's own entries in it, not from every order of the
-- window (work_orders_created_idx) or every order of the tenant (work_orders_tenant_idx). `number` is included so
-- the count reads the index alone where the table's pages are all-visible.
CREATE INDEX work_orders_tenant_recent_idx ON work_orders (tenant_id, created_at) INCLUDE (number);

-- Nothing filters on the description across all buildings: the GIN trigram index (001) served only the similar-issues
-- query, which no longer starts from it. Dropped: one index less to write on every new order, and one plan less
-- for the planner to pick by mistake. (A search across every order would want it back.)
DROP INDEX work_orders_description_trgm_idx;
