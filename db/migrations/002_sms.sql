-- The SMS channel: opt-outs, conversations with unknown numbers, and the answer given to each inbound message.

-- A number that texted STOP is never texted again until it texts START.
CREATE TABLE sms_opt_outs (
  phone          text PRIMARY KEY,
  opted_out_at   timestamptz NOT NULL DEFAULT now(),
  message_sid    text
);

ALTER TABLE sms_messages
  ADD COLUMN kind text,
  ADD COLUMN recipient_type text CHECK (recipient_type IN ('tenant', 'technician', 'vendor', 'unknown')),
  ADD COLUMN recipient_id bigint,
  -- For inbound messages: the TwiML answer given, so a retried delivery gets the same answer and nothing else.
  ADD COLUMN reply text,
  ADD COLUMN attempts integer NOT NULL DEFAULT 0,
  ADD CONSTRAINT sms_messages_status_check CHECK (status IN ('received', 'sending', 'queued', 'accepted', 'sent', 'delivered', 'undelivered', 'failed', 'suppressed'));
CREATE INDEX sms_messages_created_idx ON sms_messages (id DESC);
CREATE INDEX sms_messages_to_idx ON sms_messages (to_phone, id);

-- An unknown number's problem, kept until a follow-up names the unit (then matched) or a coordinator takes it (held).
CREATE TABLE sms_intake_holds (
  id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  phone              text NOT NULL,
  texts              text[] NOT NULL,
  status             text NOT NULL CHECK (status IN ('awaiting_unit', 'held', 'matched')),
  reason             text,
  unit_id            bigint REFERENCES units(id),
  work_order_number  bigint REFERENCES work_orders(number),
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX sms_intake_holds_one_open_per_phone ON sms_intake_holds (phone) WHERE status = 'awaiting_unit';
CREATE INDEX sms_intake_holds_held_idx ON sms_intake_holds (status, id) WHERE status = 'held';
