-- A coordinator resolves an unknown sender's held texts: attaches them to a unit (a work order opens with the sender's
-- words) or dismisses them with a reason. Either is theirs (resolved_by) and final: a resolved hold leaves the list.
ALTER TABLE sms_intake_holds DROP CONSTRAINT sms_intake_holds_status_check;
ALTER TABLE sms_intake_holds
  ADD CONSTRAINT sms_intake_holds_status_check CHECK (status IN ('awaiting_unit', 'held', 'matched', 'attached', 'dismissed')),
  -- The work order number an attach claimed (and committed) before its workflow starts, as an SMS's intake claim:
  -- an attach whose commit failed after the start is finished, on its retry, as that order instead of a second one.
  ADD COLUMN claimed_number bigint UNIQUE,
  ADD COLUMN resolved_by_type text,
  ADD COLUMN resolved_by_id text,
  ADD COLUMN resolved_at timestamptz,
  -- Why it was dismissed.
  ADD COLUMN resolution_note text,
  ADD CONSTRAINT sms_intake_holds_resolved_check
    CHECK ((status IN ('attached', 'dismissed')) = (resolved_at IS NOT NULL AND resolved_by_type IS NOT NULL AND resolved_by_id IS NOT NULL));
