-- Keys made by `npm run keys` carry a public id (wok_<public_id>_<secret>): the key is found by that id and its
-- hash compared in constant time. Keys chosen by an operator (API_ADMIN_KEY) have none and are found by hash.
ALTER TABLE api_keys ADD COLUMN public_id text UNIQUE CHECK (public_id ~ '^[0-9a-f]{12}$');
-- Updated at most once a minute per key, for `npm run keys -- list`.
ALTER TABLE api_keys ADD COLUMN last_used_at timestamptz;
