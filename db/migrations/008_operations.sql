-- Operations (issue 6): vendors as dispatchable crews, costs per work order, external ids for imports, and the
-- idempotency key of preventive work. Tables of each feature come in their own migrations after this one.

-- A vendor's crew is booked, visits and is reviewed like an internal technician: it is a technicians row pointing
-- at its vendor. Proposals for internal assignment never consider these rows.
ALTER TABLE technicians
  ADD COLUMN vendor_id bigint REFERENCES vendors(id),
  -- Labor is costed from time on site (check-in to photos accepted) at this rate.
  ADD COLUMN hourly_rate_cents integer NOT NULL DEFAULT 6500 CHECK (hourly_rate_cents >= 0);
CREATE UNIQUE INDEX technicians_one_crew_per_vendor ON technicians (vendor_id) WHERE vendor_id IS NOT NULL;

-- The most a building's owner lets us spend on one vendor job without an explicit approval.
ALTER TABLE buildings ADD COLUMN vendor_budget_cap_cents integer NOT NULL DEFAULT 50000 CHECK (vendor_budget_cap_cents >= 0);

ALTER TABLE work_orders
  ADD COLUMN vendor_id          bigint REFERENCES vendors(id),
  ADD COLUMN labor_cost_cents   integer CHECK (labor_cost_cents >= 0),
  ADD COLUMN parts_cost_cents   integer CHECK (parts_cost_cents >= 0),
  ADD COLUMN vendor_cost_cents  integer CHECK (vendor_cost_cents >= 0),
  -- Imports: the system the order came from and its id there (AppFolio's work order id).
  ADD COLUMN external_source    text,
  ADD COLUMN external_id        text,
  -- Preventive maintenance: plan + period + target, so a repeated or overlapping run never opens the same order.
  ADD COLUMN preventive_key     text UNIQUE,
  ADD CONSTRAINT work_orders_external_pair CHECK ((external_source IS NULL) = (external_id IS NULL));
CREATE UNIQUE INDEX work_orders_external_idx ON work_orders (external_source, external_id) WHERE external_id IS NOT NULL;
CREATE INDEX work_orders_vendor_idx ON work_orders (vendor_id, number DESC) WHERE vendor_id IS NOT NULL;

-- Offers of a job to vendors and what they answered: response time, quote and ETA are kept for analytics.
CREATE TABLE vendor_offers (
  id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  work_order_number  bigint NOT NULL REFERENCES work_orders(number),
  vendor_id          bigint NOT NULL REFERENCES vendors(id),
  offered_at         timestamptz NOT NULL DEFAULT now(),
  respond_by         timestamptz NOT NULL,
  status             text NOT NULL DEFAULT 'offered' CHECK (status IN ('offered', 'quoted', 'declined', 'expired', 'picked', 'not_picked', 'withdrawn')),
  replied_at         timestamptz,
  quote_cents        integer CHECK (quote_cents >= 0),
  eta                timestamptz,
  reply_text         text,
  message_sid        text UNIQUE,
  idempotency_key    text NOT NULL UNIQUE
);
CREATE INDEX vendor_offers_work_order_idx ON vendor_offers (work_order_number, id);
CREATE INDEX vendor_offers_open_idx ON vendor_offers (vendor_id, offered_at) WHERE status = 'offered';
