#!/usr/bin/env bash
# The whole test suite, as CI runs it (.ci/run calls exactly this). It installs what the tests
# need when it is missing (Debian's Chromium and PostgreSQL 15, the npm packages), then runs:
# type checks, the architecture rules, unit + API tests on PGlite, the same on a throwaway
# PostgreSQL 15, and the browser journeys in headless Chromium. Prints one summary line.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
ART="$ROOT/.test-artifacts"
rm -rf "$ART" && mkdir -p "$ART"
status=0
step() { echo; echo "=== $* ==="; }

step "system packages"
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -x /usr/lib/postgresql/15/bin/initdb ] || need+=(postgresql-15)
fc-list 2>/dev/null | grep -qi 'Noto Sans CJK' || need+=(fonts-noto-cjk)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null || { echo "apt-get install failed"; exit 1; }
fi

step "npm packages"
npm ci --no-audit --no-fund --loglevel=error || exit 1

step "type check"
npx tsc -p apps/server && npx tsc -p apps/web && npx tsc -p packages/contracts || status=1

step "architecture rules (dependency-cruiser)"
npx depcruise --config .dependency-cruiser.cjs apps/server/src apps/web/src packages/contracts/src || status=1

step "unit and API tests on PGlite"
TEST_DB=pglite npx vitest run --reporter=default --reporter=json --outputFile="$ART/vitest-pglite.json" || status=1

step "API tests on PostgreSQL 15"
PGDIR=$(mktemp -d /tmp/zz-pg-XXXXXX)
PGPORT=${TEST_PG_PORT:-54329}
chown postgres "$PGDIR"
stop_pg() { runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D "$PGDIR/data" -m immediate stop >/dev/null 2>&1; rm -rf "$PGDIR"; }
trap stop_pg EXIT
runuser -u postgres -- /usr/lib/postgresql/15/bin/initdb -D "$PGDIR/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null \
  && runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D "$PGDIR/data" -w -l "$PGDIR/log" \
       -o "-p $PGPORT -k $PGDIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null \
  || { echo "could not start PostgreSQL"; cat "$PGDIR/log" 2>/dev/null; exit 1; }
TEST_DB=postgres TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$PGPORT/postgres" \
  npx vitest run --reporter=default --reporter=json --outputFile="$ART/vitest-postgres.json" || status=1

step "browser journeys (Chromium)"
npm run build >/dev/null || { echo "build failed"; status=1; }
npx vitest run --config vitest.e2e.config.ts --reporter=default --reporter=json --outputFile="$ART/vitest-e2e.json" || status=1

step "summary"
node scripts/test-summary.mjs "$ART"/vitest-*.json || status=1
exit $status
