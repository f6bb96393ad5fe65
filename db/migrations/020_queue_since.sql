-- Coordinator queues say since when an order waits (issue 17 item 1). Which queue an order is in is decided when it
-- is read (db/queries/queues.ts); these two times are what that rule reads "since" from, kept by the database itself
-- so that every writer of the row (the workflow's applyChange, imports, scripts) keeps them right:
--   status_since     when the order entered its current status;
--   attention_since  when it began to need a coordinator for its current reason: set when needs_coordinator becomes
--                    true or the pending decision's kind changes while it is true, cleared when it becomes false.
ALTER TABLE work_orders
  ADD COLUMN status_since    timestamptz,
  ADD COLUMN attention_since timestamptz;

-- Orders already waiting: their last change is the best time on record.
UPDATE work_orders SET status_since = updated_at, attention_since = CASE WHEN needs_coordinator THEN updated_at END;
ALTER TABLE work_orders ALTER COLUMN status_since SET DEFAULT now(), ALTER COLUMN status_since SET NOT NULL;

CREATE FUNCTION work_orders_queue_times() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    NEW.status_since := coalesce(NEW.created_at, now());
    NEW.attention_since := CASE WHEN NEW.needs_coordinator THEN coalesce(NEW.created_at, now()) END;
    RETURN NEW;
  END IF;
  IF NEW.status IS DISTINCT FROM OLD.status THEN
    NEW.status_since := now();
  END IF;
  IF NOT NEW.needs_coordinator THEN
    NEW.attention_since := NULL;
  ELSIF NOT OLD.needs_coordinator OR OLD.attention_since IS NULL
        OR (NEW.pending_decision->>'kind') IS DISTINCT FROM (OLD.pending_decision->>'kind') THEN
    NEW.attention_since := now();
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER work_orders_queue_times BEFORE INSERT OR UPDATE ON work_orders FOR EACH ROW EXECUTE FUNCTION work_orders_queue_times();
