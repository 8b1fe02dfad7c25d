#!/bin/sh
# Initialises $PGDATA on first start like the official postgres image (POSTGRES_USER, default
# postgres; POSTGRES_PASSWORD, required; POSTGRES_DB, default the user; PostGIS created in it;
# POSTGRES_HOST_AUTH_METHOD for TCP connections, default scram-sha-256),
# then runs the server in the foreground. `postgres -c name=value ...` passes settings through.
set -eu
user=${POSTGRES_USER:-postgres}
db=${POSTGRES_DB:-$user}
auth=${POSTGRES_HOST_AUTH_METHOD:-scram-sha-256}
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  if [ -z "${POSTGRES_PASSWORD:-}" ]; then
    echo "postgis-entrypoint: POSTGRES_PASSWORD is required" >&2
    exit 2
  fi
  pwfile=$(mktemp)
  printf '%s\n' "$POSTGRES_PASSWORD" > "$pwfile"
  initdb -D "$PGDATA" -U "$user" --pwfile="$pwfile" --auth-local=trust --auth-host="$auth" \
    --encoding=UTF8 --locale=C.UTF-8 -N >/dev/null
  rm -f "$pwfile"
  echo "host all all all $auth" >> "$PGDATA/pg_hba.conf"
  echo "listen_addresses = '*'" >> "$PGDATA/postgresql.conf"
  sql="CREATE EXTENSION IF NOT EXISTS postgis;"
  if [ "$db" != postgres ]; then
    echo "CREATE DATABASE \"$db\";" | postgres --single -D "$PGDATA" -c fsync=off -j postgres >/dev/null
  fi
  echo "$sql" | postgres --single -D "$PGDATA" -c fsync=off -j "$db" >/dev/null
fi
if [ "${1:-}" = postgres ]; then
  shift
  exec postgres -D "$PGDATA" "$@"
fi
exec "$@"
