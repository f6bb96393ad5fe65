-- Work order numbers passed over because Temporal already has a workflow with their id (work-order-<number>): this
-- database was dropped, or restored from an older backup, while Temporal kept its workflows, and the sequence came
-- back below them. A new order never takes such a number (its workflow id would be the older order's): the sequence
-- moves past the highest work order workflow Temporal has, and each such move is kept here (and logged at error).
CREATE TABLE work_order_number_skips (
  id            bigserial PRIMARY KEY,
  -- The number a start found taken, and the workflow holding its id as Temporal describes it; null for the check
  -- made before anything starts (npm start).
  taken_number  bigint,
  holder        jsonb,
  -- The numbers the sequence passed over; null when it was past them already.
  skipped_from  bigint,
  skipped_to    bigint,
  reason        text NOT NULL,
  skipped_at    timestamptz NOT NULL DEFAULT now(),
  CHECK ((skipped_from IS NULL) = (skipped_to IS NULL) AND skipped_to >= skipped_from)
);
