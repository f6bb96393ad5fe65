-- The visit (issue 5): photos' metadata (the files live outside the database, content-addressed), parts waits, access
-- problems per tenant, and the tenant's survey. The work order row carries what a list needs to show a wait.

ALTER TABLE work_orders
  ADD COLUMN waiting_until     timestamptz,
  ADD COLUMN access_attempts   integer NOT NULL DEFAULT 0,
  ADD COLUMN access_escalation text CHECK (access_escalation IN ('case_worker', 'legal', 'eviction_notice'));

CREATE TABLE photos (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  work_order_number  bigint NOT NULL REFERENCES work_orders(number),
  technician_id      bigint REFERENCES technicians(id),
  kind               text NOT NULL CHECK (kind IN ('before', 'after', 'cleanup')),
  sha256             text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  content_type       text NOT NULL,
  size_bytes         integer NOT NULL CHECK (size_bytes > 0),
  latitude           double precision NOT NULL CHECK (latitude BETWEEN -90 AND 90),
  longitude          double precision NOT NULL CHECK (longitude BETWEEN -180 AND 180),
  distance_meters    double precision NOT NULL CHECK (distance_meters >= 0),
  taken_at           timestamptz NOT NULL,
  uploaded_by_type   text NOT NULL,
  uploaded_by_id     text NOT NULL,
  uploaded_at        timestamptz NOT NULL DEFAULT now(),
  -- The same file uploaded again for the same order and kind is the same photo.
  UNIQUE (work_order_number, kind, sha256)
);
CREATE INDEX photos_work_order_idx ON photos (work_order_number, uploaded_at);

CREATE TABLE parts_requests (
  id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  work_order_number  bigint NOT NULL REFERENCES work_orders(number),
  technician_id      bigint REFERENCES technicians(id),
  -- The job type (the classification's primary skill), so parts can be counted per kind of job.
  job_type           text NOT NULL,
  parts              jsonb NOT NULL,
  eta                timestamptz NOT NULL,
  requested_at       timestamptz NOT NULL DEFAULT now(),
  arrived_at         timestamptz,
  arrival_trigger    text CHECK (arrival_trigger IN ('signal', 'eta')),
  cancelled_at       timestamptz,
  idempotency_key    text NOT NULL UNIQUE
);
CREATE INDEX parts_requests_work_order_idx ON parts_requests (work_order_number);
CREATE INDEX parts_requests_job_type_idx ON parts_requests (job_type, requested_at);

CREATE TABLE access_problems (
  id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  work_order_number  bigint NOT NULL REFERENCES work_orders(number),
  tenant_id          bigint REFERENCES tenants(id),
  unit_id            bigint NOT NULL REFERENCES units(id),
  attempt            integer NOT NULL CHECK (attempt >= 1),
  technician_id      bigint REFERENCES technicians(id),
  note               text,
  at                 timestamptz NOT NULL DEFAULT now(),
  idempotency_key    text NOT NULL UNIQUE
);
CREATE INDEX access_problems_tenant_idx ON access_problems (tenant_id, at);

CREATE TABLE surveys (
  work_order_number  bigint PRIMARY KEY REFERENCES work_orders(number),
  tenant_id          bigint NOT NULL REFERENCES tenants(id),
  requested_at       timestamptz NOT NULL DEFAULT now(),
  rating             smallint CHECK (rating BETWEEN 1 AND 5),
  comment            text,
  message_sid        text UNIQUE,
  answered_at        timestamptz,
  CHECK ((rating IS NULL) = (answered_at IS NULL))
);
CREATE INDEX surveys_open_idx ON surveys (tenant_id, requested_at) WHERE answered_at IS NULL;
