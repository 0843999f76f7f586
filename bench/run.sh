#!/usr/bin/env bash
# The query benchmark in one command: builds in Release, installs PostGraphile and the Node.js 22
# it needs (npm ci, pinned by package-lock.json), then runs bench/Queries, which starts its own
# throwaway PostgreSQL cluster, loads a generated OpenMetadata history through signed webhooks
# and measures HistoryGraph, PostGraphile and SQL side by side. Results go to bench/results/.
#   bench/run.sh                      100,000 events, 3 runs of 8 s per measure
#   bench/run.sh --events 1000000     the million-event scale (loading takes a while)
#   bench/run.sh --smoke              a quick pass, as the test suite runs it
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-postgres.sh
(cd bench/Queries/postgraphile && npm ci --no-audit --no-fund --loglevel=error)
dotnet build HistoryGraph.sln -c Release -nologo -clp:ErrorsOnly
exec dotnet bench/Queries/bin/Release/net10.0/HistoryGraph.Bench.Queries.dll "$@"
