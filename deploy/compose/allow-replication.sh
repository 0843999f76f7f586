#!/bin/bash
# Runs once, when the primary's data folder is made: lets the compose network replicate with
# the database user's password (the standby of profile `standby` uses it).
set -euo pipefail
echo "host replication ${POSTGRES_USER} all scram-sha-256" >> "$PGDATA/pg_hba.conf"
