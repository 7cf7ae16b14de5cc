#!/usr/bin/env bash
# Fails when committed generated files (drizzle migrations, wrangler types, the common-password
# list) drift from their sources.
set -euo pipefail
cd "$(dirname "$0")/.."
fingerprint() { find db/migrations -type f -print0 | sort -z | xargs -0 sha256sum; }
before=$(fingerprint)
npx drizzle-kit generate >/dev/null
after=$(fingerprint)
if [ "$before" != "$after" ]; then
  echo "db/migrations was out of date with db/schema; 'drizzle-kit generate' just wrote:" >&2
  diff <(echo "$before") <(echo "$after") >&2 || true
  echo "Review and commit the new migration." >&2
  exit 1
fi
npx wrangler types --include-runtime=false --strict-vars=false --check worker/worker-configuration.d.ts >/dev/null || {
  echo "worker/worker-configuration.d.ts is out of date: run 'npm run types' and commit the result." >&2
  exit 1
}
npx tsx scripts/common-passwords.ts --check
echo "generated files are up to date"
