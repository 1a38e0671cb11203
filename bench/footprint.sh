#!/usr/bin/env bash
# Start time and memory of each service in JVM mode (targets: started in <= 2 s, <= 250 MB RSS
# after the demo load). Keycloak first (the services discover it at start), then each service
# alone, one after the other, so that no start competes with another: Quarkus' own "started in"
# figure from its log, and the wall time from `java -jar` to /q/health/ready answering. Then the
# demo load: scripts/demo-data.sh (150 shipments per demo partner created through the gateway,
# scans on tracking-service), public lookups of those numbers on tracking-service and partner
# reads through the gateway (wrk, LOAD_DURATION each); then each process' RSS from /proc. The
# demo makes 300 numbers: the per-number lookup limit (burst 60) is raised so that the load is
# lookups answered, not 429s (the 403/429 answers are counted).
# The JVM options are the ones we ship (scripts/lib.sh SERVICE_JAVA_OPTS, as scripts/stack.sh and the Dockerfiles).
# usage: bench/footprint.sh [LOAD_DURATION=20s]   (BENCH_DB=tracking_bench: tracking-service's database)
# Run it under `/work/tools/tg-lock gateway notification tracking -- bench/footprint.sh`.
# Writes bench/results/footprint-<time>.txt.
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
LOAD_DURATION=${1:-20s}
WORK="$ROOT/bench/target/footprint"
mkdir -p "$WORK" "$ROOT/bench/results"
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
LOAD_AT_START=$(cut -d' ' -f1-3 /proc/loadavg)
# The options we ship (scripts/lib.sh SERVICE_JAVA_OPTS, SERVICE_ENV); FOOTPRINT_JAVA_OPTS and
# FOOTPRINT_ENV replace them for an experiment.
read -r -a JAVA_OPTS <<< "${FOOTPRINT_JAVA_OPTS:-${SERVICE_JAVA_OPTS[*]}}"
read -r -a ENVS <<< "${FOOTPRINT_ENV-${SERVICE_ENV[*]}}"
# FOOTPRINT_APPS=DIR: the packaged services under DIR/<service>/target/quarkus-app instead (a build
# kept for a before/after). A service's app-cds.jsa, when its build made one, is used (CDS=0: not).
# FOOTPRINT_SERVICES="tracking-service": only those (with START_ONLY).
# NMT=1: native memory tracking, `jcmd VM.native_memory summary` of each service after the load
# into bench/results (it costs a little memory of its own). JFR=1: a recording of each start.
[[ "${NMT:-0}" == 1 ]] && JAVA_OPTS+=(-XX:NativeMemoryTracking=summary)
"$ROOT/scripts/infra.sh"
for m in tracking-service partner-gateway notification-service; do
  [[ -f "$ROOT/$m/target/quarkus-app/quarkus-run.jar" ]] || "$ROOT/mvnw" -B -q -f "$ROOT/pom.xml" package -DskipTests -pl "$m" -am
done
# the benchmark's own databases, next to tracking_bench (scripts/databases.sql has no *_bench for these two)
for db in gateway notification; do
  psql -q -h "$PG_HOST" -p "$PG_PORT" -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '${db}_bench'" | grep -q 1 \
    || psql -q -h "$PG_HOST" -p "$PG_PORT" -U postgres -d postgres -c "CREATE DATABASE ${db}_bench OWNER $db" >/dev/null
done
RUN="tg:bench:$(date +%s):"
KC_PORT=17380
declare -A PORT=([tracking-service]=17080 [partner-gateway]=17081 [notification-service]=17082)
declare -A DB=([tracking-service]=${BENCH_DB:-tracking_bench} [partner-gateway]=gateway_bench [notification-service]=notification_bench)
read -r -a SERVICES <<< "${FOOTPRINT_SERVICES:-tracking-service partner-gateway notification-service}"
trap 'for s in "${SERVICES[@]}"; do stop_pid "$WORK/$s.pid" "$s"; done; "$ROOT/scripts/keycloak.sh" stop "$WORK/keycloak"' EXIT
"$ROOT/scripts/keycloak.sh" start "$WORK/keycloak" "$KC_PORT"

declare -A STARTED WALL
start_service() { # name [clean=true]
  local name=$1 clean=${2:-true} t0
  t0=$(date +%s%N)
  (set -a; source "$ROOT/scripts/demo-env/$name.env"; set +a
  app="${FOOTPRINT_APPS:-$ROOT}/$name/target/quarkus-app"
  cds=(); [[ "${CDS:-1}" == 1 && -f "$app/app-cds.jsa" ]] && cds=(-XX:SharedArchiveFile="$app/app-cds.jsa")
  jfr=(); [[ "${JFR:-0}" == 1 ]] && jfr=(-XX:StartFlightRecording=name=start,settings=profile,filename="$WORK/$name-start-$clean.jfr")
  # PROFILE=1: async-profiler (ASYNC_PROFILER=path of libasyncProfiler.so) samples the CPU of every
  # thread for the first PROFILE_SECONDS (default 8) of the start; bench/start-profile.py groups it
  [[ "${PROFILE:-0}" == 1 ]] && jfr+=(-agentpath:"${ASYNC_PROFILER:?}"=start,event=cpu,interval=1ms,threads,cstack=vm,timeout="${PROFILE_SECONDS:-8}",collapsed,file="$WORK/$name-start-$clean.collapsed")
  QUARKUS_HTTP_PORT="${PORT[$name]}" QUARKUS_MANAGEMENT_PORT="$((PORT[$name] + 100))" \
  QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$PG_HOST:$PG_PORT/${DB[$name]}" \
  QUARKUS_FLYWAY_CLEAN_DISABLED=false QUARKUS_FLYWAY_CLEAN_AT_START=$clean \
  QUARKUS_OIDC_AUTH_SERVER_URL="http://127.0.0.1:$KC_PORT/realms/trackguard" \
  QUARKUS_OIDC_CLIENT_AUTH_SERVER_URL="http://127.0.0.1:$KC_PORT/realms/trackguard" \
  QUARKUS_REST_CLIENT_TRACKING_SERVICE_URL="http://127.0.0.1:${PORT[tracking-service]}" \
  QUARKUS_REST_CLIENT_PARTNER_GATEWAY_URL="http://127.0.0.1:${PORT[partner-gateway]}" \
  QUARKUS_MAILER_PORT=17025 \
  TRACKGUARD_RATELIMIT_KEY_PREFIX="${RUN}rl:" TRACKGUARD_RATELIMIT_FLAG_PREFIX="${RUN}flag:" \
  TRACKGUARD_ABUSE_KEY_PREFIX="${RUN}abuse:" TRACKGUARD_ABUSE_STREAM="${RUN}security-events" \
  TRACKGUARD_NOTIFY_EVENTS_STREAM="${RUN}security-events" \
  TRACKGUARD_EVENTS_STREAM="${RUN}shipment-events" TRACKGUARD_WEBHOOKS_STREAM="${RUN}shipment-events" \
  TRACKGUARD_TRACKING_TRUSTED_PROXIES=127.0.0.1/32 TRACKGUARD_ABUSE_PARTNER_FLOOR=1000000000 \
  TRACKGUARD_GATEWAY_PLANS_PREMIUM_RATE=1000000 TRACKGUARD_GATEWAY_PLANS_PREMIUM_BURST=1000000 TRACKGUARD_GATEWAY_PLANS_PREMIUM_DAILY=100000000 \
  TRACKGUARD_LIMITS_LOOKUPS_PER_NUMBER_BURST=1000000 \
  TRACKGUARD_LIMITS_PARTNER_REQUESTS_PER_CLIENT_LIMIT=1000000 TRACKGUARD_LIMITS_PARTNER_REQUESTS_PER_CLIENT_BURST=1000000 \
    env "${ENVS[@]}" setsid java "${JAVA_OPTS[@]}" "${cds[@]}" "${jfr[@]}" -jar "$app/quarkus-run.jar" > "$WORK/$name.log" 2>&1 < /dev/null &
  echo $! > "$WORK/$name.pid")
  wait_http "http://127.0.0.1:$((PORT[$name] + 100))/q/health/ready" 120 "$(cat "$WORK/$name.pid")" || die "$name did not start ($WORK/$name.log)"
  WALL[$name]=$(python3 -c "print(round(($(date +%s%N) - $t0) / 1e9, 2))")
  # the process' CPU time (user + system, all threads: JIT and GC included) until it was ready
  CPU[$name]=$(awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / hz}' "/proc/$(cat "$WORK/$name.pid")/stat")
  # JFR=1: the recording holds the start only (stopped once ready)
  [[ "${JFR:-0}" == 1 ]] && jcmd "$(cat "$WORK/$name.pid")" JFR.stop name=start > /dev/null
  THREADS[$name]=$(python3 "$ROOT/bench/thread-cpu.py" "$(cat "$WORK/$name.pid")")
  STARTED[$name]=$(sed -n 's/.* started in \([0-9.]*\)s.*/\1/p' "$WORK/$name.log" | head -1)
  log "$name: started in ${STARTED[$name]} s (ready after ${WALL[$name]} s, ${CPU[$name]} s of CPU)"
}
declare -A CPU THREADS
for s in "${SERVICES[@]}"; do start_service "$s"; done

# START_ONLY=N: no load; each service stopped and started again N times with its schema in place,
# alone, and the starts written down (to compare JVM options: FOOTPRINT_JAVA_OPTS).
if [[ "${START_ONLY:-0}" -gt 0 ]]; then
  STAMP=$(date -u +%Y-%m-%dT%H%M)
  OUT="$ROOT/bench/results/start-$STAMP.txt"
  {
    echo "machine: $(nproc) cores, $(uname -r); java $(java -version 2>&1 | head -1 | cut -d'"' -f2); load average at start: $LOAD_AT_START"
    echo "command: START_ONLY=$START_ONLY bench/footprint.sh  (java ${JAVA_OPTS[*]} $([[ "${CDS:-1}" == 1 && -f "${FOOTPRINT_APPS:-$ROOT}/tracking-service/target/quarkus-app/app-cds.jsa" ]] && echo "-XX:SharedArchiveFile=app-cds.jsa ")-jar quarkus-run.jar)"
    echo "| service | started in s (Quarkus), each start | ready after s (wall) | CPU s until ready | CPU by thread kind, last start |"
    echo "|---|---|---|---|---|"
  } > "$OUT"
  for s in "${SERVICES[@]}"; do
    started=() walls=() cpus=()
    for _ in $(seq 1 "$START_ONLY"); do
      stop_pid "$WORK/$s.pid" "$s"; start_service "$s" false
      started+=("${STARTED[$s]}"); walls+=("${WALL[$s]}"); cpus+=("${CPU[$s]}")
    done
    echo "| $s | ${started[*]} | ${walls[*]} | ${cpus[*]} | ${THREADS[$s]} |" >> "$OUT"
  done
  cat "$OUT"; log "written to $OUT"
  exit 0
fi
rss_kb() { awk "/^$2:/{print \$2}" "/proc/$(cat "$WORK/$1.pid")/status"; }
declare -A RSS_IDLE
for s in "${SERVICES[@]}"; do RSS_IDLE[$s]=$(rss_kb "$s" VmRSS); done

log "the demo load"
PGPASSWORD=demo-only-gateway psql -q -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$PG_PORT" -U gateway -d gateway_bench \
  -f "$ROOT/partner-gateway/src/main/resources/db/demo/R__demo_partners.sql" >/dev/null
# On a loaded machine a call of the demo loader can meet a 503 (a dependency timing out, the
# first call through the gateway is a cold one) and the loader stops there: it is tried three
# times, and the load goes on with the shipments made (the count is written down).
for attempt in 1 2 3; do
  "$ROOT/scripts/demo-data.sh" "http://127.0.0.1:$KC_PORT" "http://127.0.0.1:${PORT[partner-gateway]}" "http://127.0.0.1:${PORT[tracking-service]}" 150 \
    && break
  log "the demo loader stopped early (attempt $attempt), after $(wc -l < "$ROOT/.run/demo-tracking-numbers.txt") shipments"
done
[[ -s "$ROOT/.run/demo-tracking-numbers.txt" ]] || die "the demo loader made no shipment"
NUMBERS="$ROOT/.run/demo-tracking-numbers.txt"
lookups=$(env COUNT_STATUS=1 NUMBERS_FILE="$NUMBERS" PATH_PREFIX=/api/v1/track/ wrk -t2 -c32 -d"$LOAD_DURATION" -s "$ROOT/bench/lookup.lua" \
  "http://127.0.0.1:${PORT[tracking-service]}" 2>&1 | grep RESULT | sed 's/RESULT //')
TOKEN=$(curl -fsS -u partner-acme:demo-only-partner-acme-secret -d grant_type=client_credentials \
  "http://127.0.0.1:$KC_PORT/realms/trackguard/protocol/openid-connect/token" | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
reads=$(env TOKEN="$TOKEN" PARTNER=acme MODE=get NUMBERS_FILE="$NUMBERS" wrk -t2 -c16 -d"$LOAD_DURATION" -s "$ROOT/bench/partner.lua" \
  "http://127.0.0.1:${PORT[partner-gateway]}" 2>&1 | grep RESULT | sed 's/RESULT //')
creates=$(env TOKEN="$TOKEN" PARTNER=acme MODE=create wrk -t2 -c16 -d"$LOAD_DURATION" -s "$ROOT/bench/partner.lua" \
  "http://127.0.0.1:${PORT[partner-gateway]}" 2>&1 | grep RESULT | sed 's/RESULT //')

# The start that counts for a replica: the schema already in place (the first starts above clean
# and migrate their database). Each service stopped and started again, alone.
declare -A RSS_AFTER PEAK STARTED_CLEAN WALL_CLEAN
for s in "${SERVICES[@]}"; do RSS_AFTER[$s]=$(rss_kb "$s" VmRSS); PEAK[$s]=$(rss_kb "$s" VmHWM); STARTED_CLEAN[$s]=${STARTED[$s]}; WALL_CLEAN[$s]=${WALL[$s]}; done
# What the heap bound costs under the load: collections and their time (jstat), and any OutOfMemoryError in the log.
STAMP=$(date -u +%Y-%m-%dT%H%M)
declare -A GC OOM
for s in "${SERVICES[@]}"; do
  GC[$s]=$(jstat -gcutil "$(cat "$WORK/$s.pid")" | awk 'NR==1{for(i=1;i<=NF;i++)c[$i]=i} NR==2{printf "%s young (%.2f s), %s full (%.2f s)", $c["YGC"], $c["YGCT"], $c["FGC"], $c["FGCT"]}')
  OOM[$s]=$(grep -c OutOfMemoryError "$WORK/$s.log" || true)
  [[ "${NMT:-0}" == 1 ]] && jcmd "$(cat "$WORK/$s.pid")" VM.native_memory summary > "$ROOT/bench/results/footprint-$STAMP-$s-nmt.txt"
done
for s in "${SERVICES[@]}"; do stop_pid "$WORK/$s.pid" "$s"; start_service "$s" false; done

OUT="$ROOT/bench/results/footprint-$STAMP.txt"
{
  echo "machine: $(nproc) cores, $(free -g | awk '/Mem/{print $2}') GB, $(uname -r); java $(java -version 2>&1 | head -1 | cut -d'"' -f2); load average at start: $LOAD_AT_START"
  echo "command: bench/footprint.sh $LOAD_DURATION  (${ENVS[*]:+${ENVS[*]} }java ${JAVA_OPTS[*]} $([[ -f "${FOOTPRINT_APPS:-$ROOT}/tracking-service/target/quarkus-app/app-cds.jsa" ]] && echo "-XX:SharedArchiveFile=app-cds.jsa ")-jar target/quarkus-app/quarkus-run.jar, each service started alone)"
  echo "load: scripts/demo-data.sh (150 per partner asked, $(wc -l < "$NUMBERS") made); lookups on tracking-service: $lookups"
  echo "      partner reads through the gateway (acme, numbers of every partner, so part are 404): $reads"
  echo "      partner creates through the gateway: $creates"
  echo
  echo "| service | started in (Quarkus) s, schema in place | ready after (wall) s | first start, clean + migrate: started in s (wall) | RSS idle MB | RSS after load MB | peak RSS MB |"
  echo "|---|---|---|---|---|---|---|"
  for s in "${SERVICES[@]}"; do
    printf '| %s | %s | %s | %s (%s) | %d | %d | %d |\n' "$s" "${STARTED[$s]}" "${WALL[$s]}" "${STARTED_CLEAN[$s]}" "${WALL_CLEAN[$s]}" \
      $((RSS_IDLE[$s] / 1024)) $((RSS_AFTER[$s] / 1024)) $((PEAK[$s] / 1024))
  done
  echo
  for s in "${SERVICES[@]}"; do echo "$s under the load: GC ${GC[$s]}; OutOfMemoryError in the log: ${OOM[$s]}"; done
} | tee "$OUT"
log "written to $OUT"
