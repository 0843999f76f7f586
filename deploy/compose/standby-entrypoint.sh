#!/bin/bash
# A hot standby of $PRIMARY_HOST: on first start its data folder is copied with pg_basebackup -R
# (which writes standby.signal and primary_conninfo); then PostgreSQL starts as usual.
set -euo pipefail
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  until pg_isready -h "$PRIMARY_HOST" -U "$REPLICATION_USER"; do sleep 1; done
  mkdir -p "$PGDATA"
  chown postgres:postgres "$PGDATA"
  chmod 700 "$PGDATA"
  gosu postgres pg_basebackup -h "$PRIMARY_HOST" -U "$REPLICATION_USER" -D "$PGDATA" -R -X stream --checkpoint=fast
fi
exec docker-entrypoint.sh postgres
