#!/usr/bin/env bash
# Fails when committed generated files (drizzle migrations, wrangler types) drift from their sources.
set -euo pipefail
cd "$(dirname "$0")/.."
npx drizzle-kit generate >/dev/null
if [ -n "$(git status --porcelain -- db/migrations)" ]; then
  echo "db/migrations is out of date with db/schema: run 'npm run db:generate' and commit the result." >&2
  git status --porcelain -- db/migrations >&2
  exit 1
fi
npx wrangler types --include-runtime=false --strict-vars=false --check worker/worker-configuration.d.ts >/dev/null || {
  echo "worker/worker-configuration.d.ts is out of date: run 'npm run types' and commit the result." >&2
  exit 1
}
echo "generated files are up to date"
