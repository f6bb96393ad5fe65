-- A question we asked a tenant by text and wait for their YES or NO to (issue 16: "cancel 1045" is confirmed before
-- anything is cancelled). One open question per tenant: a new one replaces it. It lapses at expires_at; a visit
-- confirmation texted after it is newer and takes the tenant's next YES instead (api/sms/tenantCancel.ts).
CREATE TABLE sms_pending_questions (
  id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant_id          bigint NOT NULL REFERENCES tenants(id),
  phone              text NOT NULL,
  kind               text NOT NULL CHECK (kind IN ('cancel_order')),
  work_order_number  bigint NOT NULL REFERENCES work_orders(number),
  -- The inbound text that asked (the tenant's "cancel 1045") and the one that answered.
  asked_by_sid       text NOT NULL,
  answered_by_sid    text,
  status             text NOT NULL CHECK (status IN ('pending', 'confirmed', 'declined', 'replaced', 'superseded', 'expired')),
  asked_at           timestamptz NOT NULL DEFAULT now(),
  expires_at         timestamptz NOT NULL,
  answered_at        timestamptz
);
CREATE UNIQUE INDEX sms_pending_questions_one_per_tenant ON sms_pending_questions (tenant_id) WHERE status = 'pending';
CREATE INDEX sms_pending_questions_order_idx ON sms_pending_questions (work_order_number);
