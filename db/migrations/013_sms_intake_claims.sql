-- The work order number an inbound text opens, claimed (and committed) before its workflow starts. The webhook's
-- transaction starts the workflow before it commits; when the commit fails after that (Postgres restarting), the
-- workflow writes the record itself and Twilio delivers the text again: the claim gives the new delivery the same
-- number, so it finishes that order instead of opening a second one (found by the postgres-restart fault drill).
CREATE TABLE sms_intake_claims (
  message_sid        text PRIMARY KEY,
  work_order_number  bigint NOT NULL UNIQUE,
  claimed_at         timestamptz NOT NULL DEFAULT now()
);
