#!/usr/bin/env bash
# tracking-service benchmarks, in one run on this machine (wrk from Debian):
#   1. a bare endpoint of the service (/q/health/live, on its management port)
#   2. public lookups with the Redis limiter and enumeration detection (as deployed)
#   3. public lookups with the limiter switched off (a second instance, same database)
#   3b. public lookups of unknown numbers (404) with the limiter on: the misses path
#   4. the verify path with a wrong postal code, and with an unknown number, in ROUNDS
#      alternating rounds: the two must not differ in time by more than two rounds of the
#      same path differ from each other (the summary at the end puts the two side by side)
# usage: bench/run.sh [DURATION=20s] [CONNECTIONS=32] [ROUNDS=4]
#        VERIFY_ONLY=1 bench/run.sh ...   only the verify rounds
# Writes bench/results/<date>.txt; copy the table into bench/RESULTS.md with the machine.
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
DURATION=${1:-20s}
CONNECTIONS=${2:-32}
ROUNDS=${3:-4}
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

start() { # name port clean limited (management port: port + 100)
  (set -a; source "$ROOT/scripts/demo-env/tracking-service.env"; set +a
  TRACKGUARD_TRACKING_TRUSTED_PROXIES=127.0.0.1/32 QUARKUS_HTTP_PORT=$2 QUARKUS_MANAGEMENT_PORT=$(($2 + 100)) \
  QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/tracking_bench \
  QUARKUS_FLYWAY_CLEAN_DISABLED=false QUARKUS_FLYWAY_CLEAN_AT_START=$3 TRACKGUARD_LIMITS_PUBLIC_LOOKUPS_LIMITED=$4 \
  TRACKGUARD_RATELIMIT_KEY_PREFIX="${RUN}rl:" TRACKGUARD_ABUSE_KEY_PREFIX="${RUN}abuse:" TRACKGUARD_ABUSE_STREAM="${RUN}events" TRACKGUARD_AUDIT_STREAM="${RUN}access-records" \
  TRACKGUARD_LIMITS_VERIFICATION_FAILURES_PER_SHIPMENT_LIMIT=$FAILURE_LIMIT \
  TRACKGUARD_ABUSE_PARTNER_FLOOR=$PARTNER_FLOOR \
  QUARKUS_LOG_LEVEL=WARN \
    setsid java -Xmx512m -jar "$ROOT/tracking-service/target/quarkus-app/quarkus-run.jar" > "$WORK/$1.log" 2>&1 < /dev/null &
  echo $! > "$WORK/$1.pid")
  wait_http "http://127.0.0.1:$(($2 + 100))/q/health/ready" 90 "$(cat "$WORK/$1.pid")" || die "$1 did not start ($WORK/$1.log)"
}
trap 'stop_pid "$WORK/limited.pid" limited; stop_pid "$WORK/unlimited.pid" unlimited' EXIT

# Rounds of wrong codes would lock numbers after 5 failures and turn part of the comparison
# into cheaper 429s. The failure is still taken and counted in Redis exactly as deployed
# (same script, same round trips); only the limit is out of reach. The answers are counted:
# every verify answer must be a 403.
FAILURE_LIMIT=1000000000

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
[[ -n "${VERIFY_ONLY:-}" ]] || start unlimited 18481 false false

# CPU time (user + system, in clock ticks) the service process has used so far: the work a
# request costs the service itself, which other load on a shared machine disturbs far less
# than throughput or latency.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$(cat "$WORK/$1.pid")/stat"; }
bench() { # label url [env...]
  local label=$1 url=$2; shift 2
  local out="$WORK/${label//[^a-z0-9]/_}.out" instance=limited
  [[ "$url" == *18481* ]] && instance=unlimited
  local before; before=$(cpu_ticks "$instance")
  env "$@" wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s "$ROOT/bench/lookup.lua" "$url" > "$out" 2>&1
  local after; after=$(cpu_ticks "$instance")
  local result; result="$(grep RESULT "$out" | sed 's/RESULT //')"
  local requests; requests=$(sed 's/.*requests=\([0-9]*\).*/\1/' <<< "$result")
  result="$result cpu_us=$(( (after - before) * 1000000 / $(getconf CLK_TCK) / (requests > 0 ? requests : 1) ))"
  printf '| %-26s | %s |\n' "$label" "$result"
  printf '%s\t%s\n' "$label" "$result" >> "$WORK/results.tsv"
}
VERIFY=(PATH_PREFIX=/api/v1/track/ PATH_SUFFIX=/verify BODY='{"postalCode":"M5H1A1"}' WIDE_ADDRESSES=1 COUNT_STATUS=1)
wrong() { bench "verify, wrong code ($1)" "http://127.0.0.1:18480" NUMBERS_FILE="$WORK/known.txt" "${VERIFY[@]}"; }
unknown() { bench "verify, unknown no. ($1)" "http://127.0.0.1:18480" NUMBERS_FILE="$WORK/unknown.txt" "${VERIFY[@]}"; }
warm() { env "$@" wrk -t2 -c8 -d"${WARM:-5s}" -s "$ROOT/bench/lookup.lua" "http://127.0.0.1:18480" >/dev/null 2>&1; }

log "warming up"
warm NUMBERS_FILE="$WORK/known.txt" PATH_PREFIX=/api/v1/track/
[[ -n "${VERIFY_ONLY:-}" ]] || env NUMBERS_FILE="$WORK/known.txt" PATH_PREFIX=/api/v1/track/ wrk -t2 -c8 -d5s -s "$ROOT/bench/lookup.lua" http://127.0.0.1:18481 >/dev/null 2>&1
# the verify paths a little longer: a first measured round must not be their JIT warm-up
for _ in 1 2; do
  WARM=10s warm NUMBERS_FILE="$WORK/unknown.txt" PATH_PREFIX=/api/v1/track/ PATH_SUFFIX=/verify BODY='{"postalCode":"M5H1A1"}' WIDE_ADDRESSES=1
  WARM=10s warm NUMBERS_FILE="$WORK/known.txt" PATH_PREFIX=/api/v1/track/ PATH_SUFFIX=/verify BODY='{"postalCode":"M5H1A1"}' WIDE_ADDRESSES=1
done

OUT="$ROOT/bench/results/$(date -u +%Y-%m-%dT%H%M).txt"
rm -f "$WORK/results.tsv"
{
  echo "machine: $(nproc) cores, $(free -g | awk '/Mem/{print $2}') GB, $(uname -r); java $(java -version 2>&1 | head -1 | cut -d'"' -f2)"
  echo "command: ${VERIFY_ONLY:+VERIFY_ONLY=1 }bench/run.sh $DURATION $CONNECTIONS $ROUNDS  (wrk -t2 -c$CONNECTIONS -d$DURATION, on the same 2 cores as the service)"
  echo
  echo "| run | result |"
  echo "|---|---|"
  if [[ -z "${VERIFY_ONLY:-}" ]]; then
    bench "bare /q/health/live" "http://127.0.0.1:18580/q/health/live" NUMBERS_FILE="$WORK/known.txt" PATH_PREFIX=/q/health/live BARE=1
    bench "lookup, limiter on" "http://127.0.0.1:18480" NUMBERS_FILE="$WORK/known.txt" PATH_PREFIX=/api/v1/track/
    bench "lookup, limiter off" "http://127.0.0.1:18481" NUMBERS_FILE="$WORK/known.txt" PATH_PREFIX=/api/v1/track/
    bench "unknown numbers, limiter on" "http://127.0.0.1:18480" NUMBERS_FILE="$WORK/unknown.txt" PATH_PREFIX=/api/v1/track/
  fi
  # alternated, and each round in the other order, so that warm-up and drift fall on both alike
  for round in $(seq 1 "$ROUNDS"); do
    if (( round % 2 )); then wrong "$round"; unknown "$round"; else unknown "$round"; wrong "$round"; fi
  done
  echo
  python3 -I "$ROOT/bench/verify_summary.py" "$WORK/results.tsv"
} | tee "$OUT"
log "written to $OUT"
