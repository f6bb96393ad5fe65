#!/usr/bin/env bash
# `npm start`: installs npm dependencies on a fresh clone, then brings the whole system up (scripts/start.ts).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d node_modules ]; then
  echo "[start] installing npm dependencies (npm ci)..."
  npm ci
fi
# `node --import tsx` is what `npx tsx` runs, minus the npm and tsx processes in between that would
# each relay a Ctrl-C again.
exec node --import tsx scripts/start.ts "$@"
