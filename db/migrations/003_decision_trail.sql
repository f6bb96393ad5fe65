-- What each AI call cost and how it went, for "why was this assigned to him?" and for analytics.
ALTER TABLE decisions
  ADD COLUMN model text,
  ADD COLUMN input_hash text,
  ADD COLUMN confidence numeric(4,3),
  ADD COLUMN latency_ms integer,
  ADD COLUMN input_tokens integer,
  ADD COLUMN output_tokens integer,
  ADD COLUMN cost_usd numeric(12,6);
