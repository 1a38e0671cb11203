#!/usr/bin/env bash
# tracking-service benchmarks, in one run on this machine (wrk from Debian):
#   1. a bare endpoint of the service (/q/health/live)
#   2. public lookups with the Redis limiter and enumeration detection (as deployed)
#   3. public lookups with the limiter switched off (a second instance, same database)
#   3b. public lookups of unknown numbers (404) with the limiter on: the misses path
#   4. the verify path with a wrong postal code, and with an unknown number: the two must
#      not differ in time by anything a benchmark can see
# usage: bench/run.sh [DURATION=20s] [CONNECTIONS=32]
# Writes bench/results/<date>.txt; copy the table into bench/RESULTS.md with the machine.
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
DURATION=${1:-20s}
CONNECTIONS=${2:-32}
WORK="$ROOT/bench/target"
mkdir -p "$WORK" "$ROOT/bench/results"
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
"$ROOT/scripts/infra.sh"
[[ -f "$ROOT/tracking-service/target/quarkus-app/quarkus-run.jar" ]] \
  || "$ROOT/mvnw" -B -q -f "$ROOT/pom.xml" package -DskipTests -pl tracking-service -am
RUN="tg:bench:$(date +%s):"
# The benchmark's traffic is a distributed scrape by construction (100,000 numbers of one
# partner, each request from another address): the partner would be guarded within seconds
# and its lookups answered with the status only, which is less work. Measure the full view.
PARTNER_FLOOR=1000000000

start() { # name port clean limited
  TRACKGUARD_TRACKING_TRUSTED_PROXIES=127.0.0.1/32 QUARKUS_HTTP_PORT=$2 \
  QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/tracking_bench \
  QUARKUS_FLYWAY_CLEAN_DISABLED=false QUARKUS_FLYWAY_CLEAN_AT_START=$3 TRACKGUARD_LIMITS_PUBLIC_LOOKUPS_LIMITED=$4 \
  TRACKGUARD_RATELIMIT_KEY_PREFIX="${RUN}rl:" TRACKGUARD_ABUSE_KEY_PREFIX="${RUN}abuse:" TRACKGUARD_ABUSE_STREAM="${RUN}events" \
  TRACKGUARD_ABUSE_PARTNER_FLOOR=$PARTNER_FLOOR \
  QUARKUS_LOG_LEVEL=WARN \
    setsid java -Xmx512m -jar "$ROOT/tracking-service/target/quarkus-app/quarkus-run.jar" > "$WORK/$1.log" 2>&1 < /dev/null &
  echo $! > "$WORK/$1.pid"
  wait_http "http://127.0.0.1:$2/q/health/ready" 90 "$(cat "$WORK/$1.pid")" || die "$1 did not start ($WORK/$1.log)"
}
trap 'stop_pid "$WORK/limited.pid" limited; stop_pid "$WORK/unlimited.pid" unlimited' EXIT

start limited 18480 true true
# Enough shipments that no number reaches its per-number limit, nor 5 failed verifications
# (which would lock it and turn the verify comparison into one of two 429s).
log "seeding 100,000 shipments"
python3 "$ROOT/bench/numbers.py" 100000 > "$WORK/known.txt"
python3 "$ROOT/bench/numbers.py" 100000 > "$WORK/unknown.txt"
{
  echo "INSERT INTO partner VALUES ('bench', 'Bench Retail', false, now()) ON CONFLICT DO NOTHING;"
  echo "COPY shipment (id, tracking_number, partner_id, order_reference, recipient_name, destination_line1, destination_city, destination_province, destination_postal_code, destination_country, product_category, status, created_at, updated_at) FROM stdin;"
  python3 -c '
import sys, uuid
for i, n in enumerate(open(sys.argv[1]).read().split()):
    print(f"{uuid.uuid4()}\t{n}\tbench\tB-{i}\tBench Recipient\t1 Main St\tOttawa\tON\tK1A0B1\tCA\tbooks\tIN_TRANSIT\tnow\tnow")
' "$WORK/known.txt"
  echo '\.'
} | PGPASSWORD=demo-only-tracking psql -q -h 127.0.0.1 -U tracking -d tracking_bench >/dev/null
start unlimited 18481 false false

bench() { # label url [env...]
  local label=$1 url=$2; shift 2
  local out="$WORK/${label//[^a-z]/_}.out"
  env "$@" wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s "$ROOT/bench/lookup.lua" "$url" > "$out" 2>&1
  printf '| %-26s | %s |\n' "$label" "$(grep RESULT "$out" | sed 's/RESULT //')"
}
warm() { env "$@" wrk -t2 -c8 -d5s -s "$ROOT/bench/lookup.lua" "http://127.0.0.1:18480" >/dev/null 2>&1; }

log "warming up"
warm NUMBERS_FILE="$WORK/known.txt" PATH_PREFIX=/api/v1/track/
env NUMBERS_FILE="$WORK/known.txt" PATH_PREFIX=/api/v1/track/ wrk -t2 -c8 -d5s -s "$ROOT/bench/lookup.lua" http://127.0.0.1:18481 >/dev/null 2>&1
warm NUMBERS_FILE="$WORK/unknown.txt" PATH_PREFIX=/api/v1/track/ PATH_SUFFIX=/verify BODY='{"postalCode":"M5H1A1"}'

OUT="$ROOT/bench/results/$(date -u +%Y-%m-%dT%H%M).txt"
{
  echo "machine: $(nproc) cores, $(free -g | awk '/Mem/{print $2}') GB, $(uname -r); java $(java -version 2>&1 | head -1 | cut -d'"' -f2)"
  echo "command: bench/run.sh $DURATION $CONNECTIONS  (wrk -t2 -c$CONNECTIONS -d$DURATION, on the same 2 cores as the service)"
  echo
  echo "| run | result |"
  echo "|---|---|"
  bench "bare /q/health/live" "http://127.0.0.1:18480/q/health/live" NUMBERS_FILE="$WORK/known.txt" PATH_PREFIX=/q/health/live BARE=1
  bench "lookup, limiter on" "http://127.0.0.1:18480" NUMBERS_FILE="$WORK/known.txt" PATH_PREFIX=/api/v1/track/
  bench "lookup, limiter off" "http://127.0.0.1:18481" NUMBERS_FILE="$WORK/known.txt" PATH_PREFIX=/api/v1/track/
  bench "unknown numbers, limiter on" "http://127.0.0.1:18480" NUMBERS_FILE="$WORK/unknown.txt" PATH_PREFIX=/api/v1/track/
  # alternated, so that warm-up and drift fall on both alike
  for round in 1 2; do
    bench "verify, wrong code ($round)" "http://127.0.0.1:18480" NUMBERS_FILE="$WORK/known.txt" PATH_PREFIX=/api/v1/track/ PATH_SUFFIX=/verify BODY='{"postalCode":"M5H1A1"}'
    bench "verify, unknown no. ($round)" "http://127.0.0.1:18480" NUMBERS_FILE="$WORK/unknown.txt" PATH_PREFIX=/api/v1/track/ PATH_SUFFIX=/verify BODY='{"postalCode":"M5H1A1"}'
  done
} | tee "$OUT"
log "written to $OUT"
