-- Every delivery receipt, kept even when it arrives before we have recorded the provider's id for the message
-- (a fast failure can beat the sending activity's own update); the activity applies such early receipts.
CREATE TABLE sms_delivery_receipts (
  message_sid  text NOT NULL,
  status       text NOT NULL,
  error_code   text,
  received_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (message_sid, status)
);
