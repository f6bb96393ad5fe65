-- A work order whose workflow is started after the transaction that wrote it commits (issue 18 item 4): the SMS
-- webhook commits the message, the order and this request together and answers at once; the API process then starts
-- the workflow (api/intake/workflowStarter.ts), and its sweep starts whatever a crash or a failed start left here.
CREATE TABLE workflow_start_requests (
  work_order_number  bigint PRIMARY KEY REFERENCES work_orders(number),
  -- The workflow's argument (WorkOrderInput), exactly as it is started.
  input              jsonb NOT NULL,
  -- The memo the workflow is started with (numberClaim): a start that finds the id taken tells this order's own
  -- earlier start (same key: done) from another order's workflow.
  start_key          text NOT NULL,
  created_at         timestamptz NOT NULL DEFAULT now(),
  -- When the sweep may try it: a while after the commit at first (the request's own start is under way), then
  -- backing off after each failure; a sweep holding it pushes it on by its lease. NULL: never again (its number is
  -- another order's workflow; last_error says which).
  next_attempt_at    timestamptz DEFAULT now() + interval '10 seconds',
  failed_attempts    int NOT NULL DEFAULT 0,
  last_error         text,
  last_attempt_at    timestamptz,
  started_at         timestamptz
);
CREATE INDEX workflow_start_requests_due_idx ON workflow_start_requests (next_attempt_at) WHERE started_at IS NULL;

-- The number claims of the webhook's earlier two-pass intake (013): the order and its start request now commit in the
-- message's own transaction, before anything starts, so nothing is claimed ahead any more.
DROP TABLE sms_intake_claims;
