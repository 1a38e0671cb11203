#!/usr/bin/env bash
# Makes sure PostgreSQL and Redis run on this machine and that the project's roles and
# databases exist. Idempotent: a second run changes nothing.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ensure_postgres() {
  if pg_isready -q -h "$PG_HOST" -p "$PG_PORT"; then return; fi
  log "PostgreSQL is down; starting it"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start
  for _ in $(seq 1 30); do pg_isready -q -h "$PG_HOST" -p "$PG_PORT" && return; sleep 1; done
  die "PostgreSQL did not start"
}

ensure_redis() {
  if redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping >/dev/null 2>&1; then return; fi
  log "Redis is down; starting it"
  mkdir -p /var/lib/redis /var/log/redis
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port "$REDIS_PORT" --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log
  for _ in $(seq 1 30); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && return; sleep 1; done
  die "Redis did not start"
}

ensure_databases() {
  psql -q -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$PG_PORT" -U postgres -d postgres -f "$ROOT/scripts/databases.sql" >/dev/null
}

# The page tests drive Debian's Chromium; test tools that download their own browser fail here.
ensure_browser() {
  if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then return; fi
  log "installing chromium and chromium-driver (Debian packages) for the page tests"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
}

ensure_postgres
ensure_redis
ensure_databases
[[ "${1:-}" == "--with-browser" ]] && ensure_browser
log "PostgreSQL and Redis are up; databases are in place"
