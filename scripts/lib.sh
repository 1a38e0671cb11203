# Shared helpers for the stack scripts. Sourced, never run.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE_DIR="${TRACKGUARD_CACHE:-$HOME/.cache/trackguard}"
KEYCLOAK_VERSION="${KEYCLOAK_VERSION:-26.5.6}"
# Keycloak needs a newer JDK than the services; only its own process gets this JAVA_HOME.
KEYCLOAK_JAVA_HOME="${KEYCLOAK_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
# JVM options of each service in JVM mode, for scripts/stack.sh and bench/footprint.sh (the
# Kubernetes deployments run native images). Measured in bench/RESULTS.md ("2026-11-30 09:35,
# footprint"): against -Xmx256m alone, RSS after the demo load 260/224/215 MB instead of 355/302/360,
# starts about 1.2 s shorter (no C2 compiling beside the start on 2 cores), and more answers in the
# 20-s demo loads. C1 only trades long-run peak speed for that; the throughput benchmarks
# (bench/request-path.sh, gateway.sh) start their services with their own options.
SERVICE_JAVA_OPTS=(-XX:+UseSerialGC -Xms16m -Xmx128m -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=32m
                   -XX:MaxMetaspaceSize=128m -Xss512k)
# Environment of each service's JVM, NAME=VALUE words (the same places): two malloc arenas, not
# one per thread, keep native memory that the JVM does not account for small.
SERVICE_ENV=(MALLOC_ARENA_MAX=2)
PG_HOST="${PG_HOST:-127.0.0.1}"
PG_PORT="${PG_PORT:-5432}"
REDIS_PORT="${REDIS_PORT:-6379}"

log() { printf '[trackguard] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

# timed LABEL COMMAND...: runs COMMAND, then says how long it took.
timed() {
  local label=$1 start=$SECONDS; shift
  "$@"
  log "$label: done in $((SECONDS - start)) s"
}

# wait_http URL SECONDS [PID]: until URL answers 2xx; fails early when PID dies.
wait_http() {
  local url=$1 seconds=$2 pid=${3:-}
  local deadline=$((SECONDS + seconds))
  while (( SECONDS < deadline )); do
    if curl -fs -o /dev/null --max-time 2 "$url"; then return 0; fi
    if [[ -n "$pid" ]] && ! kill -0 "$pid" 2>/dev/null; then return 1; fi
    sleep 1
  done
  return 1
}

# alive PIDFILE: the recorded process still runs.
alive() { [[ -f "$1" ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

# stop_pid PIDFILE NAME: TERM the recorded process only, wait for it, remove the file.
stop_pid() {
  local pidfile=$1 name=$2
  if alive "$pidfile"; then
    local pid; pid=$(cat "$pidfile")
    log "stopping $name (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    if kill -0 "$pid" 2>/dev/null; then log "$name did not stop in 30 s; sending KILL"; kill -KILL "$pid" 2>/dev/null || true; fi
  fi
  rm -f "$pidfile"
}
