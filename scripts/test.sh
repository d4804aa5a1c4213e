#!/usr/bin/env bash
# npm test: everything CI checks, in order of speed. Integration tests run on SQLite and on PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."

mkdir -p test-results
rm -f test-results/vitest-*.json
# Each vitest run also writes a JSON report; the last line of this script adds them up. A run that
# fails does not stop the others: the summary then says everything that failed, and the exit is 1.
failed_runs=()
vitest() {
  local name=$1; shift
  npx vitest run --reporter=default --reporter=json --outputFile="test-results/vitest-$name.json" "$@" || failed_runs+=("$name")
}

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

# Each of these three keeps to one core: typecheck beside lint, then format.
step "typecheck and lint"
npx tsc --noEmit > test-results/typecheck.log 2>&1 &
typecheck=$!
lint_ok=0
npx eslint . --max-warnings=0 || lint_ok=$?
typecheck_ok=0
wait $typecheck || typecheck_ok=$?
cat test-results/typecheck.log
[ $typecheck_ok -eq 0 ] && [ $lint_ok -eq 0 ]
step "format"
npx prettier --check . --log-level warn
step "migrations cover the schema"
npx tsx scripts/prisma.ts check
step "unit"
vitest unit --project unit
# Two integration files at a time per database (Vitest runs one on a 2-core machine), and both databases
# at once: the tests mostly wait on emulators, databases and child processes, and each worker has its own
# database (292 s → 183 s on SQLite with two files; the two databases together take about what one
# took alone). Each run's output is printed when both have ended, one after the other.
step "integration on SQLite and on PostgreSQL (${TEST_POSTGRES_URL:-postgresql://postgres@127.0.0.1:5432/postgres}), at once"
integration() {
  local name=$1; shift
  npx vitest run --reporter=default --reporter=json --outputFile="test-results/vitest-$name.json" \
    --project integration --maxWorkers=2 --minWorkers=1 "$@" > "test-results/$name.log" 2>&1
}
TEST_DATABASE=sqlite integration integration-sqlite &
sqlite_run=$!
TEST_DATABASE=postgresql integration integration-postgresql &
postgresql_run=$!
for run in sqlite postgresql; do
  pid_var="${run}_run"
  if ! wait "${!pid_var}"; then failed_runs+=("integration-$run"); fi
  step "integration on $run"
  cat "test-results/integration-$run.log"
done
step "build"
npx remix vite:build --logLevel warn
# As `npm run build`: the assets' Brotli and gzip copies the web server sends (scripts/server.ts).
npx tsx scripts/precompress-assets.ts
npm run --silent build:server
npm run --silent build:worker
# Two files at a time: each starts its own stack (free ports, own database) and most of a walk is
# waiting on the browser and the app (623 s → 315 s for 34 files, all green both ways).
step "e2e in Chromium"
vitest e2e --project e2e --maxWorkers=2 --minWorkers=1

if [ ${#failed_runs[@]} -gt 0 ]; then echo "runs that failed: ${failed_runs[*]}"; fi
npx tsx scripts/test-summary.ts test-results/vitest-*.json
[ ${#failed_runs[@]} -eq 0 ]
