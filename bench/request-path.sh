#!/usr/bin/env bash
# The public lookup path against what it is compared with, in one run on this machine:
#   1. a bare JAX-RS endpoint of the same service answering a body of a lookup's size
#      (/bench/bare, only in a jar built with the "bench" profile: see BareResource), and the
#      public lookup (limiter, enumeration detection, disclosure policy, audit), same process
#   2. the public lookup with the limiter switched off (a second instance, same database)
#   3. the public lookup at a fixed 1,000 requests/s (bench/paced.lua): latency at a rate a
#      replica is sized for, instead of at saturation
# Ratios at the end: lookup/bare (target >= 0.6), limiter on/off (>= 0.9), p99 at the fixed
# rate (<= 10 ms).
# usage: bench/request-path.sh [DURATION=20s] [CONNECTIONS=32] [RATE=1000] [ROUNDS=1]
#        SKIP_BUILD=1 ...   reuse tracking-service/target/bench-app
#        BENCH_DB=tracking_bench PORT=18480 ...   database (created when missing) and first port
#                           (the instance without the limiter takes PORT+1, management ports +100)
#        WARM=30s ...       warm-up of the lookup per instance (the JIT: 10 s under load left round 1 at twice the CPU per request of round 3)
#        JFR=1 ...          record the limited instance with JFR during the runs and print its
#                           top frames (bench/target/lookup.jfr)
# Run it under `/work/tools/tg-lock tracking -- bench/request-path.sh` on a shared machine.
# Writes bench/results/request-path-<time>.txt; copy the table into bench/RESULTS.md with the machine.
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
DURATION=${1:-20s}
CONNECTIONS=${2:-32}
RATE=${3:-1000}
ROUNDS=${4:-1}
WORK="$ROOT/bench/target"
APP="$ROOT/tracking-service/target/bench-app"
mkdir -p "$WORK" "$ROOT/bench/results"
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
LOAD_AT_START=$(cut -d' ' -f1-3 /proc/loadavg)
"$ROOT/scripts/infra.sh"
BENCH_DB=${BENCH_DB:-tracking_bench}
P=${PORT:-18480}
psql -q -h "$PG_HOST" -p "$PG_PORT" -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$BENCH_DB'" | grep -q 1 \
  || psql -q -h "$PG_HOST" -p "$PG_PORT" -U postgres -d postgres -c "CREATE DATABASE $BENCH_DB OWNER tracking" >/dev/null
# The benchmark jar: the production build plus the "bench" profile, in its own directory so
# that target/quarkus-app (what the other scripts and a deployment use) never carries /bench/bare.
if [[ -z "${SKIP_BUILD:-}" || ! -f "$APP/quarkus-run.jar" ]]; then
  log "building tracking-service with the bench profile into $APP"
  "$ROOT/mvnw" -B -q -f "$ROOT/pom.xml" package -DskipTests -pl tracking-service -am \
    -Dquarkus.profile=prod,bench -Dquarkus.package.output-directory=bench-app
fi
RUN="tg:bench:$(date +%s):"
# As in bench/run.sh: the traffic is a distributed scrape by construction; measure the full view.
PARTNER_FLOOR=1000000000

start() { # name port clean limited [java options...] (management port: port + 100)
  local name=$1 port=$2 clean=$3 limited=$4; shift 4
  (set -a; source "$ROOT/scripts/demo-env/tracking-service.env"; set +a
  TRACKGUARD_TRACKING_TRUSTED_PROXIES=127.0.0.1/32 QUARKUS_HTTP_PORT=$port QUARKUS_MANAGEMENT_PORT=$((port + 100)) \
  QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/$BENCH_DB \
  QUARKUS_FLYWAY_CLEAN_DISABLED=false QUARKUS_FLYWAY_CLEAN_AT_START=$clean TRACKGUARD_LIMITS_PUBLIC_LOOKUPS_LIMITED=$limited \
  TRACKGUARD_RATELIMIT_KEY_PREFIX="${RUN}rl:" TRACKGUARD_ABUSE_KEY_PREFIX="${RUN}abuse:" TRACKGUARD_ABUSE_STREAM="${RUN}events" \
  TRACKGUARD_ABUSE_PARTNER_FLOOR=$PARTNER_FLOOR TRACKGUARD_BENCH_BODY_BYTES=${BODY_BYTES:-600} \
  QUARKUS_LOG_LEVEL=WARN \
    setsid java -Xmx512m "$@" -jar "$APP/quarkus-run.jar" > "$WORK/$name.log" 2>&1 < /dev/null &
  echo $! > "$WORK/$name.pid")
  wait_http "http://127.0.0.1:$((port + 100))/q/health/ready" 90 "$(cat "$WORK/$name.pid")" || die "$name did not start ($WORK/$name.log)"
}
trap 'stop_pid "$WORK/limited.pid" limited; stop_pid "$WORK/unlimited.pid" unlimited' EXIT

# The instance without the limiter first: it cleans and migrates the database, and a real
# lookup's body size is measured on it before the other instance (which serves /bench/bare) starts.
start unlimited $((P + 1)) true false
log "seeding 100,000 shipments"
python3 "$ROOT/bench/numbers.py" 100000 > "$WORK/known.txt"
{
  echo "INSERT INTO partner VALUES ('bench', 'Bench Retail', false, now()) ON CONFLICT DO NOTHING;"
  echo "COPY shipment (id, tracking_number, partner_id, order_reference, recipient_name, destination_line1, destination_city, destination_province, destination_postal_code, destination_country, product_category, status, created_at, updated_at) FROM stdin;"
  python3 -c '
import sys, uuid
for i, n in enumerate(open(sys.argv[1]).read().split()):
    print(f"{uuid.uuid4()}\t{n}\tbench\tB-{i}\tBench Recipient\t1 Main St\tOttawa\tON\tK1A0B1\tCA\tbooks\tIN_TRANSIT\tnow\tnow")
' "$WORK/known.txt"
  echo '\.'
} | PGPASSWORD=demo-only-tracking psql -q -h 127.0.0.1 -U tracking -d "$BENCH_DB" >/dev/null
BODY_BYTES=$(curl -fsS -H 'X-Forwarded-For: 198.18.0.1' "http://127.0.0.1:$((P + 1))/api/v1/track/$(head -1 "$WORK/known.txt")" | wc -c)
log "a public lookup's body: $BODY_BYTES bytes"
JFR_OPTS=()
[[ -n "${JFR:-}" ]] && JFR_OPTS=("-XX:StartFlightRecording=filename=$WORK/lookup.jfr,settings=profile,dumponexit=true")
BODY_BYTES=$BODY_BYTES start limited "$P" false true "${JFR_OPTS[@]}"
BARE_BYTES=$(curl -fsS "http://127.0.0.1:$P/bench/bare" | wc -c)

cpu_ticks() { awk '{print $14 + $15}' "/proc/$(cat "$WORK/$1.pid")/stat"; }
bench() { # label url script connections [env...]
  local label=$1 url=$2 script=$3 connections=$4; shift 4
  local out="$WORK/${label//[^a-z0-9]/_}.out" instance=limited
  [[ "$url" == *":$((P + 1))" ]] && instance=unlimited
  local before; before=$(cpu_ticks "$instance")
  env BENCH_DIR="$ROOT/bench" THREADS=2 "$@" wrk -t2 -c"$connections" -d"$DURATION" --latency -s "$ROOT/bench/$script" "$url" > "$out" 2>&1
  local after; after=$(cpu_ticks "$instance")
  local result; result="$(grep RESULT "$out" | sed 's/RESULT //')"
  local requests; requests=$(sed 's/.*requests=\([0-9]*\).*/\1/' <<< "$result")
  result="$result cpu_us=$(( (after - before) * 1000000 / $(getconf CLK_TCK) / (requests > 0 ? requests : 1) ))"
  printf '| %-32s | %s |\n' "$label" "$result"
  eval "R_${label//[^a-z0-9]/_}=\"\$result\""
}
field() { sed "s/.*$2=\([0-9.]*\).*/\1/" <<< "$1"; }

log "warming up"
for port in "$P" "$((P + 1))"; do
  env NUMBERS_FILE="$WORK/known.txt" PATH_PREFIX=/api/v1/track/ wrk -t2 -c8 -d"${WARM:-30s}" -s "$ROOT/bench/lookup.lua" "http://127.0.0.1:$port" >/dev/null 2>&1
done
env NUMBERS_FILE="$WORK/known.txt" PATH_PREFIX=/bench/bare BARE=1 wrk -t2 -c8 -d5s -s "$ROOT/bench/lookup.lua" "http://127.0.0.1:$P" >/dev/null 2>&1

OUT="$ROOT/bench/results/request-path-$(date -u +%Y-%m-%dT%H%M).txt"
{
  echo "machine: $(nproc) cores, $(free -g | awk '/Mem/{print $2}') GB, $(uname -r); java $(java -version 2>&1 | head -1 | cut -d'"' -f2); load average at start: $LOAD_AT_START"
  echo "command: bench/request-path.sh $DURATION $CONNECTIONS $RATE $ROUNDS  (wrk -t2 -c$CONNECTIONS -d$DURATION, on the same cores as the service)${JFR:+, JFR recording on the limited instance}"
  echo "body: lookup $BODY_BYTES bytes, /bench/bare $BARE_BYTES bytes"
  echo
  echo "| run | result |"
  echo "|---|---|"
  # ROUNDS rounds of the three, each round in another order, so that drift in the machine's load
  # falls on all three alike; a ratio per round, then their mean. CPU per request (the service
  # process' own user + system time) is compared too: other load disturbs it far less than req/s.
  orders=("bare on off" "on off bare" "off bare on")
  ratios=()
  for round in $(seq 1 "$ROUNDS"); do
    for which in ${orders[$(( (round - 1) % 3 ))]}; do
      case $which in
        bare) bench "bare /bench/bare ($round)" "http://127.0.0.1:$P" lookup.lua "$CONNECTIONS" NUMBERS_FILE="$WORK/known.txt" PATH_PREFIX=/bench/bare BARE=1 ;;
        on) bench "lookup, limiter on ($round)" "http://127.0.0.1:$P" lookup.lua "$CONNECTIONS" NUMBERS_FILE="$WORK/known.txt" PATH_PREFIX=/api/v1/track/ ;;
        off) bench "lookup, limiter off ($round)" "http://127.0.0.1:$((P + 1))" lookup.lua "$CONNECTIONS" NUMBERS_FILE="$WORK/known.txt" PATH_PREFIX=/api/v1/track/ ;;
      esac
    done
    r_on="R_lookup__limiter_on__${round}_"; r_off="R_lookup__limiter_off__${round}_"; r_bare="R_bare__bench_bare__${round}_"
    ratios+=("$(field "${!r_on}" rps) $(field "${!r_off}" rps) $(field "${!r_bare}" rps) $(field "${!r_on}" cpu_us) $(field "${!r_off}" cpu_us) $(field "${!r_bare}" cpu_us)")
  done
  # 64 connections: at 1,000/s each may wait up to 64 ms for an answer before the rate sags
  bench "lookup at $RATE/s, limiter on" "http://127.0.0.1:$P" paced.lua 64 NUMBERS_FILE="$WORK/known.txt" PATH_PREFIX=/api/v1/track/ RATE="$RATE"
  echo
  printf '%s\n' "${ratios[@]}" | python3 -c '
import sys
rows = [list(map(float, line.split())) for line in sys.stdin if line.strip()]
mean = lambda xs: sum(xs) / len(xs)
for i, (on, off, bare, con, coff, cbare) in enumerate(rows, 1):
    print(f"round {i}: lookup/bare {on / bare:.3f} (CPU per request {cbare / con:.3f}), limiter on/off {on / off:.3f} (CPU per request {coff / con:.3f})")
print(f"ratio lookup/bare (target >= 0.6): {mean([r[0] / r[2] for r in rows]):.3f} req/s, {mean([r[5] / r[3] for r in rows]):.3f} by CPU per request")
print(f"ratio limiter on/off (target >= 0.9): {mean([r[0] / r[1] for r in rows]):.3f} req/s, {mean([r[4] / r[3] for r in rows]):.3f} by CPU per request")
'
  paced="R_lookup_at_${RATE}_s__limiter_on"; paced=${!paced}
  echo "at $RATE/s offered: $(field "$paced" rps) req/s served, p99 $(field "$paced" p99_ms) ms (target <= 10 ms), non-2xx $(field "$paced" non2xx)"
} | tee "$OUT"
if [[ -n "${JFR:-}" ]]; then
  stop_pid "$WORK/limited.pid" limited
  jfr print --stack-depth 64 --events jdk.ExecutionSample "$WORK/lookup.jfr" > "$WORK/lookup-samples.txt"
  # per sample: its top frame, and the innermost frame of our own code (io.trackguard) in its stack
  awk '/stackTrace = \[/{inside=1; top=""; ours=""; next}
       inside && /^[ \t]*\]/{inside=0; print "TOP\t" top; if (ours != "") print "OURS\t" ours; next}
       inside {f=$0; sub(/^[ \t]+/, "", f); sub(/[ \t]+line:.*/, "", f); if (top == "") top=f; if (ours == "" && f ~ /^io\.trackguard\./) ours=f}' \
    "$WORK/lookup-samples.txt" > "$WORK/lookup-frames.tsv"
  { echo; echo "JFR, limited instance (all runs above, bare included): $(grep -c '^TOP' "$WORK/lookup-frames.tsv") execution samples"
    echo "top frames:"; grep '^TOP' "$WORK/lookup-frames.tsv" | cut -f2 | sort | uniq -c | sort -rn | head -20
    echo "innermost io.trackguard frame of each sample that has one:"; grep '^OURS' "$WORK/lookup-frames.tsv" | cut -f2 | sort | uniq -c | sort -rn | head -20
  } | tee -a "$OUT"
fi
log "written to $OUT"
