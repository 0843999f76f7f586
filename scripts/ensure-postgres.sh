#!/usr/bin/env bash
# Installs PostgreSQL 15's server binaries from Debian's packages when none are installed: the
# tests and benchmarks start throwaway clusters of their own with initdb and pg_ctl.
set -euo pipefail
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "Installing PostgreSQL server binaries (postgresql-15)..."
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 >/dev/null
fi
