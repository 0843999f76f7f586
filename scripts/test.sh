#!/usr/bin/env bash
# Runs every test of HistoryGraph on a fresh machine: installs what the suite needs
# (PostgreSQL server binaries and Chromium from Debian's packages, the npm test clients),
# builds (which installs the Banana Cake Pop IDE from npm), runs all test projects and
# ends with one summary line. The tests start throwaway PostgreSQL clusters of their own on
# free ports of 127.0.0.1 and remove them afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

bash scripts/ensure-postgres.sh

# Debian's Chromium, which the browser test drives headless (Playwright never downloads one).
if [ ! -x /usr/bin/chromium ]; then
  echo "Installing Chromium..."
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

# The real clients the tests run (graphql-http's audit suite), pinned by package-lock.json.
if ! command -v node >/dev/null 2>&1; then
  echo "Installing Node.js and npm..."
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
fi
(cd tests/clients && npm ci --no-audit --no-fund --loglevel=error)
# PostGraphile and the Node.js 22 it needs, for the query benchmark's smoke run.
(cd bench/Queries/postgraphile && npm ci --no-audit --no-fund --loglevel=error)

# Clusters left behind by a test process that was killed.
cleanup() {
  pkill -f 'historygraph-test-pg-' >/dev/null 2>&1 || true
  rm -rf "${TMPDIR:-/tmp}"/historygraph-test-pg-* "${TMPDIR:-/tmp}"/historygraph-test-*.db* 2>/dev/null || true
}
trap cleanup EXIT

dotnet build HistoryGraph.sln -c Release -nologo -clp:ErrorsOnly

log=$(mktemp)
set +e
dotnet test HistoryGraph.sln -c Release --no-build -nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
rm -f "$log"
echo "tests: ${passed} passed, ${failed} failed"
if [ "$passed" -eq 0 ] && [ "$status" -eq 0 ]; then
  echo "No test ran." >&2
  exit 1
fi
exit "$status"
