-- Analytics (GET /analytics/summary) select the orders created in a date range across all buildings, then read
-- their access problems; building-filtered ranges already use work_orders_building_recent_idx (006).
CREATE INDEX work_orders_created_idx ON work_orders (created_at);
CREATE INDEX access_problems_work_order_idx ON access_problems (work_order_number);
