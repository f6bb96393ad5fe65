-- A proposal holds its best slot for a short while (activities/assignment.ts): orders proposed at the same moment then
-- spread over the technicians instead of all picking the same first free slot and losing it at booking. Before, a burst
-- of same-trade orders sent most of them to the coordinator after losing that race 3 times (the 10,000-order timers
-- benchmark: 6,030 of the first 9,000). A hold is advice to other proposals only; the booking's exclusion constraint
-- still decides who gets a slot.
CREATE TABLE technician_holds (
  work_order_number  bigint PRIMARY KEY REFERENCES work_orders(number),
  technician_id      bigint NOT NULL REFERENCES technicians(id),
  building_id        bigint NOT NULL REFERENCES buildings(id),
  during             tstzrange NOT NULL,
  expires_at         timestamptz NOT NULL
);
CREATE INDEX technician_holds_expires_idx ON technician_holds (expires_at);
