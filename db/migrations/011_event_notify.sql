-- Live events (GET /events/stream): every inserted event wakes the API processes listening on channel 'events'.
-- The payload is ids only (NOTIFY allows 8000 bytes); listeners read the rows by id, so the order and any resumption
-- come from the ids, never from the order notifications arrive in. Postgres sends them when the transaction commits.
CREATE FUNCTION notify_event_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('events', json_build_object('id', NEW.id, 'workOrderId', NEW.work_order_number)::text);
  RETURN NULL;
END $$;
CREATE TRIGGER events_notify AFTER INSERT ON events FOR EACH ROW EXECUTE FUNCTION notify_event_inserted();
