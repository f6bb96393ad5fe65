#!/usr/bin/env bash
# `npm test`: type check, lint, then every jest suite (unit, and integration against a real Temporal
# dev server and a real Postgres). Arguments go to jest, e.g. `npm test -- test/unit`.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -d node_modules ]; then
  echo "[test] installing npm dependencies (npm ci)..."
  npm ci
fi

# Finds the Temporal CLI, or builds it with Go once (several minutes); the integration tests run it.
TEMPORAL_CLI="$(npx tsx scripts/temporalCli.ts)"
export TEMPORAL_CLI
echo "[test] Temporal CLI: $TEMPORAL_CLI"

postgres_answers() { (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; }
if ! postgres_answers && command -v pg_ctlcluster >/dev/null; then
  echo "[test] starting the local Postgres..."
  for dir in /etc/postgresql/*/; do
    pg_ctlcluster --skip-systemctl-redirect "$(basename "$dir")" main start || true
  done
  for _ in $(seq 1 30); do postgres_answers && break; sleep 0.5; done
fi

echo "[test] tsc --noEmit"
npx tsc --noEmit
echo "[test] eslint ."
npx eslint .
echo "[test] prettier --check (npm run format writes it)"
npx prettier --check --log-level warn "**/*.{ts,mjs,js}"
echo "[test] jest"
npx jest --ci "$@"
