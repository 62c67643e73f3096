#!/usr/bin/env bash
# @reasonkit/ideation-graph: a real PostgreSQL for the store contract suite (src/postgres/postgres-store.test.ts).
# Installs Debian's postgresql if missing, initialises a cluster as the postgres OS user (the server refuses
# root), starts it on 127.0.0.1:${REASONKIT_PG_PORT:-54329} and creates the database reasonkit_test.
# Idempotent. The tests read REASONKIT_PG_URL and default to the URL printed below; under CI=true a
# database they cannot reach fails the run instead of skipping.
set -euo pipefail
PORT=${REASONKIT_PG_PORT:-54329}
DATA=${REASONKIT_PG_DATA:-/var/tmp/reasonkit-ideation-graph-pg}
DB=reasonkit_test
SUDO=""
[ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && SUDO="sudo"
if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null
fi
BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [ ! -f "$DATA/PG_VERSION" ]; then
  $SUDO mkdir -p "$DATA"
  [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$DATA"
  as_pg "$BIN/initdb" -D "$DATA" -U postgres -A trust >/dev/null
fi
if ! as_pg "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
  as_pg "$BIN/pg_ctl" -D "$DATA" -l "$DATA/server.log" -w -t 60 \
    -o "-p $PORT -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50" start >/dev/null
fi
if ! as_pg "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1; then
  as_pg "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres "$DB"
fi
as_pg "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -d "$DB" -tAc "SELECT version()"
echo "REASONKIT_PG_URL=postgres://postgres@127.0.0.1:$PORT/$DB"
