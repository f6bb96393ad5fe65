-- Work order numbers passed over because Temporal already has a workflow with their id (work-order-<number>): this
-- database was dropped, or restored from an older backup, while Temporal kept its workflows, and the sequence came
-- back below them. A new order never takes such a number (its workflow id would be the older order's); the sequence
-- is moved past the highest work order workflow Temporal has, and the range is kept here (and logged at error).
CREATE TABLE work_order_number_skips (
  id           bigserial PRIMARY KEY,
  from_number  bigint NOT NULL,
  to_number    bigint NOT NULL CHECK (to_number >= from_number),
  -- The number whose workflow id was found taken, and by which workflow; null when the range was skipped at start.
  taken_number bigint,
  holder       jsonb,
  reason       text NOT NULL,
  skipped_at   timestamptz NOT NULL DEFAULT now()
);
