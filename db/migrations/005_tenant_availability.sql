-- When a tenant can let a technician in: an array of {"days": [ISO weekdays, Mon=1..Sun=7], "startHour", "endHour"},
-- wall-clock hours in the rules' time zone. NULL: no preference. The shape is validated in domain/availability.ts;
-- the check only keeps out what can never be a list of windows.
ALTER TABLE tenants ADD COLUMN availability jsonb CHECK (availability IS NULL OR jsonb_typeof(availability) = 'array');
