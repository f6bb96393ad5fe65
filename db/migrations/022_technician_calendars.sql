-- Technicians' calendars (issue 17 item 3): weekly working hours and dated time off. The daily capacity is
-- max_orders_per_day (001, default 6), now editable per technician. NULL working hours: the rules' workday, Monday
-- to Saturday (domain/technicianCalendar.ts defaultWorkingHours), which is what every technician had before.
ALTER TABLE technicians ADD COLUMN working_hours jsonb CHECK (working_hours IS NULL OR jsonb_typeof(working_hours) = 'array');

-- Time off: [start, end). Entered as local dates (whole days in the rules' time zone) or instants; stored resolved.
CREATE TABLE technician_time_off (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  technician_id  bigint NOT NULL REFERENCES technicians(id),
  during         tstzrange NOT NULL CHECK (NOT isempty(during) AND NOT lower_inf(during) AND NOT upper_inf(during)),
  reason         text,
  created_by     text NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX technician_time_off_during_idx ON technician_time_off USING gist (technician_id, during);

-- First-time-fix rates from completed work (issue 17 item 6). When an order completes, its technician's rate moves a
-- tenth of the way toward 1 (fixed on the first visit: no parts wait, no rejected review) or toward 0 (a return
-- visit), rounded to three decimals; an admin's PATCH of firstTimeFixRate sets a new starting point. One outcome per
-- order (the primary key), so nothing counts twice.
-- Imported history counts only where it says so: an order that did not complete through our workflow (no
-- review_approved event: a record imported closed) counts only when its metadata has a boolean `firstTimeFix`.
-- AppFolio's work order export has no such column, so its closed orders leave the rates as they are.
CREATE TABLE first_time_fix_outcomes (
  work_order_number  bigint PRIMARY KEY REFERENCES work_orders(number),
  technician_id      bigint NOT NULL REFERENCES technicians(id),
  first_time_fix     boolean NOT NULL,
  -- 'visit': from our own visit's events; 'import': the record's metadata said so.
  evidence           text NOT NULL CHECK (evidence IN ('visit', 'import')),
  rate_before        numeric(4,3) NOT NULL,
  rate_after         numeric(4,3) NOT NULL,
  at                 timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX first_time_fix_outcomes_technician_idx ON first_time_fix_outcomes (technician_id, at);

CREATE FUNCTION record_first_time_fix() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  fixed boolean;
  evidence text;
  before numeric(4,3);
  after numeric(4,3);
BEGIN
  IF NEW.assigned_technician_id IS NULL OR EXISTS (SELECT 1 FROM first_time_fix_outcomes WHERE work_order_number = NEW.number) THEN
    RETURN NULL;
  END IF;
  IF EXISTS (SELECT 1 FROM events WHERE work_order_number = NEW.number AND type = 'review_approved') THEN
    fixed := NOT EXISTS (SELECT 1 FROM events WHERE work_order_number = NEW.number AND type IN ('parts_needed', 'review_rejected'));
    evidence := 'visit';
  ELSIF jsonb_typeof(NEW.metadata -> 'firstTimeFix') = 'boolean' THEN
    fixed := (NEW.metadata ->> 'firstTimeFix')::boolean;
    evidence := 'import';
  ELSE
    RETURN NULL;
  END IF;
  SELECT first_time_fix_rate INTO before FROM technicians WHERE id = NEW.assigned_technician_id FOR UPDATE;
  after := round(before + 0.1 * ((CASE WHEN fixed THEN 1 ELSE 0 END) - before), 3);
  UPDATE technicians SET first_time_fix_rate = after WHERE id = NEW.assigned_technician_id;
  INSERT INTO first_time_fix_outcomes (work_order_number, technician_id, first_time_fix, evidence, rate_before, rate_after)
  VALUES (NEW.number, NEW.assigned_technician_id, fixed, evidence, before, after);
  RETURN NULL;
END $$;

CREATE TRIGGER work_orders_first_time_fix_on_update AFTER UPDATE OF status ON work_orders FOR EACH ROW
  WHEN (NEW.status = 'completed' AND OLD.status IS DISTINCT FROM 'completed') EXECUTE FUNCTION record_first_time_fix();
CREATE TRIGGER work_orders_first_time_fix_on_insert AFTER INSERT ON work_orders FOR EACH ROW
  WHEN (NEW.status = 'completed') EXECUTE FUNCTION record_first_time_fix();
