#!/usr/bin/env bash
# partner-gateway against tracking-service called directly, side by side in one run: through the
# gateway with a real partner token from Keycloak, directly as the gateway itself calls (its own
# token, the partner named in a header): reads of one's own shipment, and creates.
# Quotas are raised for the run, both plans (acme has no plan row in gateway_bench, so it is on
# "standard"; they would cap it at the plan's rate and answer 429): this measures the
# cost of the extra hop, the token check, the tenant re-check and the idempotency record.
# usage: bench/gateway.sh [DURATION=15s] [CONNECTIONS=16]
#        BENCH_DB=tracking_bench GATEWAY_DB=gateway_bench PORT=18480 KC_PORT=18380 ...
#                           databases (created when missing) and ports, see below
#        SKIP_BUILD=1 ...   run the jars already in */target/quarkus-app (by default both services are
#                           built from this checkout first, so that a run measures the code beside it)
#        WARM=10s ...       warm-up per service and mode before the measured runs (the JIT)
#        JFR=1 ...          record the gateway with JFR during each measured run through it and print
#                           its top frames, the innermost io.trackguard frame of each sample, and the
#                           samples by what the gateway was doing (bench/target/{get,create}_gateway.jfr)
# Every run also prints each process' CPU time per request (user + system, from /proc): the
# gateway's and tracking-service's, which other load on the machine disturbs far less than req/s.
# Run it under `/work/tools/tg-lock gateway tracking -- bench/gateway.sh` on a shared machine.
# The ratios printed at the end: gateway/direct for reads (target >= 0.8) and creates (>= 0.7).
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
DURATION=${1:-15s}
CONNECTIONS=${2:-16}
WORK="$ROOT/bench/target"
mkdir -p "$WORK" "$ROOT/bench/results"
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
"$ROOT/scripts/infra.sh"
# the gateway's own benchmark database (the end-to-end suite owns gateway_e2e and may run meanwhile)
GATEWAY_DB=${GATEWAY_DB:-gateway_bench}
psql -q -h "$PG_HOST" -p "$PG_PORT" -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$GATEWAY_DB'" | grep -q 1 \
  || psql -q -h "$PG_HOST" -p "$PG_PORT" -U postgres -d postgres -c "CREATE DATABASE $GATEWAY_DB OWNER gateway" >/dev/null
psql -q -h "$PG_HOST" -p "$PG_PORT" -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '${BENCH_DB:-tracking_bench}'" | grep -q 1 \
  || psql -q -h "$PG_HOST" -p "$PG_PORT" -U postgres -d postgres -c "CREATE DATABASE ${BENCH_DB:-tracking_bench} OWNER tracking" >/dev/null
LOAD_AT_START=$(cut -d' ' -f1-3 /proc/loadavg)
if [[ -z "${SKIP_BUILD:-}" || ! -f "$ROOT/tracking-service/target/quarkus-app/quarkus-run.jar" \
      || ! -f "$ROOT/partner-gateway/target/quarkus-app/quarkus-run.jar" ]]; then
  log "building tracking-service and partner-gateway from $ROOT"
  "$ROOT/mvnw" -B -q -f "$ROOT/pom.xml" package -DskipTests -pl tracking-service,partner-gateway -am
fi
COMMIT=$(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD -- partner-gateway tracking-service tracking-api rate-limiter || echo "+changes")
RUN="tg:bench:$(date +%s):"
# BENCH_DB / PORT / KC_PORT: tracking-service's database and ports, so that a run can stand beside
# bench/run.sh (tracking_bench, ports 18480-18581); the gateway takes PORT+1, management ports +100
BENCH_DB=${BENCH_DB:-tracking_bench}
P=${PORT:-18480}
KC_PORT=${KC_PORT:-18380}
trap 'stop_pid "$WORK/tracking.pid" tracking; stop_pid "$WORK/gateway.pid" gateway; "$ROOT/scripts/keycloak.sh" stop "$WORK/keycloak"' EXIT
"$ROOT/scripts/keycloak.sh" start "$WORK/keycloak" "$KC_PORT"

common_env=(QUARKUS_OIDC_AUTH_SERVER_URL="http://127.0.0.1:$KC_PORT/realms/trackguard" QUARKUS_LOG_LEVEL=WARN
            QUARKUS_FLYWAY_CLEAN_DISABLED=false QUARKUS_FLYWAY_CLEAN_AT_START=true)
(set -a; source "$ROOT/scripts/demo-env/tracking-service.env"; set +a
env "${common_env[@]}" QUARKUS_HTTP_PORT=$P QUARKUS_MANAGEMENT_PORT=$((P + 100)) QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/$BENCH_DB \
  TRACKGUARD_LIMITS_PARTNER_REQUESTS_PER_CLIENT_LIMIT=1000000 TRACKGUARD_LIMITS_PARTNER_REQUESTS_PER_CLIENT_BURST=1000000 \
  TRACKGUARD_RATELIMIT_KEY_PREFIX="${RUN}rl:" \
  setsid java -Xmx512m -jar "$ROOT/tracking-service/target/quarkus-app/quarkus-run.jar" > "$WORK/tracking.log" 2>&1 < /dev/null &
echo $! > "$WORK/tracking.pid")
(set -a; source "$ROOT/scripts/demo-env/partner-gateway.env"; set +a
env "${common_env[@]}" QUARKUS_HTTP_PORT=$((P + 1)) QUARKUS_MANAGEMENT_PORT=$((P + 101)) QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/$GATEWAY_DB \
  QUARKUS_REST_CLIENT_TRACKING_SERVICE_URL=http://127.0.0.1:$P QUARKUS_OIDC_CLIENT_AUTH_SERVER_URL="http://127.0.0.1:$KC_PORT/realms/trackguard" \
  TRACKGUARD_GATEWAY_PLANS_PREMIUM_RATE=1000000 TRACKGUARD_GATEWAY_PLANS_PREMIUM_BURST=1000000 TRACKGUARD_GATEWAY_PLANS_PREMIUM_DAILY=100000000 \
  TRACKGUARD_GATEWAY_PLANS_STANDARD_RATE=1000000 TRACKGUARD_GATEWAY_PLANS_STANDARD_BURST=1000000 TRACKGUARD_GATEWAY_PLANS_STANDARD_DAILY=100000000 \
  TRACKGUARD_RATELIMIT_KEY_PREFIX="${RUN}gw:" \
  setsid java -Xmx512m -jar "$ROOT/partner-gateway/target/quarkus-app/quarkus-run.jar" > "$WORK/gateway.log" 2>&1 < /dev/null &
echo $! > "$WORK/gateway.pid")
wait_http http://127.0.0.1:$((P + 100))/q/health/ready 90 "$(cat "$WORK/tracking.pid")" || die "tracking-service did not start"
wait_http http://127.0.0.1:$((P + 101))/q/health/ready 90 "$(cat "$WORK/gateway.pid")" || die "partner-gateway did not start"

client_token() { # client secret: a fresh access token (they live 5 minutes: taken again before each wrk run)
  curl -fsS -u "$1:$2" -d grant_type=client_credentials \
    "http://127.0.0.1:$KC_PORT/realms/trackguard/protocol/openid-connect/token" | sed 's/.*"access_token":"\([^"]*\)".*/\1/'
}
# tracking-service called directly as the gateway calls it: the gateway's own token, acme named in a header
GATEWAY_TOKEN=$(client_token partner-gateway demo-only-partner-gateway-secret)
log "creating 500 shipments to read"
: > "$WORK/acme.txt"
for i in $(seq 1 500); do
  { curl -fsS -H "Authorization: Bearer $GATEWAY_TOKEN" -H 'Trackguard-Partner-Id: acme' -H 'Content-Type: application/json' http://127.0.0.1:$P/api/v1/shipments \
    -d "{\"orderReference\":\"SEED-$i\",\"recipient\":{\"name\":\"Bench\"},\"destination\":{\"line1\":\"1 Main St\",\"city\":\"Ottawa\",\"province\":\"ON\",\"postalCode\":\"K1A0B1\"},\"productCategory\":\"books\"}"; echo; } \
    | sed -n 's/.*"trackingNumber":"\([^"]*\)".*/\1/p' >> "$WORK/acme.txt"
done

token_for() {
  if [[ $1 == *":$P" ]]; then client_token partner-gateway demo-only-partner-gateway-secret
  else client_token partner-acme demo-only-partner-acme-secret; fi
}
cpu_ticks() { awk '{print $14 + $15}' "/proc/$(cat "$WORK/$1.pid")/stat"; }
run() { # label url mode: wrk's result, then each service's CPU time per request in microseconds
  local out="$WORK/${1//[^a-z]/_}.out"
  local jfr="$WORK/${1//[^a-z]/_}.jfr"
  if [[ -n "${JFR:-}" && "$2" != *":$P" ]]; then
    rm -f "$jfr"; jcmd "$(cat "$WORK/gateway.pid")" JFR.start name=run settings=profile filename="$jfr" >/dev/null
  fi
  local gw0 ts0; gw0=$(cpu_ticks gateway); ts0=$(cpu_ticks tracking)
  env TOKEN="$(token_for "$2")" PARTNER=acme MODE="$3" NUMBERS_FILE="$WORK/acme.txt" wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s "$ROOT/bench/partner.lua" "$2" > "$out" 2>&1
  local gw1 ts1; gw1=$(cpu_ticks gateway); ts1=$(cpu_ticks tracking)
  [[ -n "${JFR:-}" && "$2" != *":$P" ]] && jcmd "$(cat "$WORK/gateway.pid")" JFR.stop name=run >/dev/null
  local result requests; result=$(grep RESULT "$out" | sed 's/RESULT //'); requests=$(sed 's/.*requests=\([0-9]*\).*/\1/' <<< "$result")
  (( requests > 0 )) || requests=1
  local hz; hz=$(getconf CLK_TCK)
  echo "$result gateway_cpu_us=$(( (gw1 - gw0) * 1000000 / hz / requests )) tracking_cpu_us=$(( (ts1 - ts0) * 1000000 / hz / requests ))"
}
log "warming up (${WARM:-10s} per service and mode)"
for url in http://127.0.0.1:$P http://127.0.0.1:$((P + 1)); do
  env TOKEN="$(token_for "$url")" PARTNER=acme MODE=get NUMBERS_FILE="$WORK/acme.txt" wrk -t2 -c4 -d"${WARM:-10s}" -s "$ROOT/bench/partner.lua" "$url" >/dev/null 2>&1
  env TOKEN="$(token_for "$url")" PARTNER=acme MODE=create wrk -t2 -c4 -d"${WARM:-10s}" -s "$ROOT/bench/partner.lua" "$url" >/dev/null 2>&1
done

OUT="$ROOT/bench/results/gateway-$(date -u +%Y-%m-%dT%H%M).txt"
{
  echo "machine: $(nproc) cores, $(free -g | awk '/Mem/{print $2}') GB, $(uname -r); java $(java -version 2>&1 | head -1 | cut -d'"' -f2); load average at start: $LOAD_AT_START"
  echo "command: bench/gateway.sh $DURATION $CONNECTIONS  (wrk -t2 -c$CONNECTIONS -d$DURATION, same 2 cores as both services), code $COMMIT${JFR:+, JFR recording on the gateway}"
  echo
  g_direct=$(run "get direct" http://127.0.0.1:$P get);  echo "| get, tracking-service direct | $g_direct |"
  g_gw=$(run "get gateway" http://127.0.0.1:$((P + 1)) get);     echo "| get, through partner-gateway | $g_gw |"
  c_direct=$(run "create direct" http://127.0.0.1:$P create); echo "| create, tracking-service direct | $c_direct |"
  c_gw=$(run "create gateway" http://127.0.0.1:$((P + 1)) create);    echo "| create, through partner-gateway | $c_gw |"
  rps() { sed 's/.*rps=\([0-9]*\).*/\1/' <<<"$1"; }
  echo
  echo "ratio get (gateway/direct, target >= 0.8): $(python3 -c "print(round($(rps "$g_gw")/$(rps "$g_direct"), 2))")"
  echo "ratio create (gateway/direct, target >= 0.7): $(python3 -c "print(round($(rps "$c_gw")/$(rps "$c_direct"), 2))")"
  # CPU per request: the gateway's own, and both services' on the gateway path against tracking-service's alone
  cpu() { sed "s/.*$2_cpu_us=\([0-9]*\).*/\1/" <<<"$1"; }
  for kind in get create; do
    d=c_direct; g=c_gw; [[ $kind == get ]] && { d=g_direct; g=g_gw; }
    echo "CPU per $kind (us): gateway $(cpu "${!g}" gateway) + tracking-service $(cpu "${!g}" tracking) through the gateway," \
      "tracking-service $(cpu "${!d}" tracking) direct: by CPU, gateway/direct $(python3 -c "print(round($(cpu "${!d}" tracking) / max(1, $(cpu "${!g}" gateway) + $(cpu "${!g}" tracking)), 2))")"
  done
  for run in "get direct:$g_direct" "get gateway:$g_gw" "create direct:$c_direct" "create gateway:$c_gw"; do
    non=$(sed 's/.*non2xx=\([0-9]*\).*/\1/' <<<"${run#*:}")
    [[ "$non" == 0 ]] || echo "WARNING: ${run%%:*} answered $non non-2xx ($(sed 's/.*statuses=//' <<<"${run#*:}")): that ratio does not measure the hop"
  done
} | tee "$OUT"
profile() { # label: what the gateway's JFR recording of that run says
  set +o pipefail # head ends the counts early
  local jfr="$WORK/${1//[^a-z]/_}.jfr" samples="$WORK/${1//[^a-z]/_}-samples.txt" frames="$WORK/${1//[^a-z]/_}-frames.tsv"
  jfr print --stack-depth 96 --events jdk.ExecutionSample "$jfr" > "$samples"
  # per sample: its top frame, the innermost frame of our own code (io.trackguard), and what the
  # gateway was doing: the innermost frame that names a known cost (first match from the top)
  awk 'function kind(f) {
         if (f ~ /^(org\.jose4j|io\.quarkus\.oidc\.runtime\.OidcProvider|io\.smallrye\.jwt|java\.security\.Signature|sun\.security\.rsa)/) return "token verification (OIDC, JWT)";
         if (f ~ /^io\.quarkus\.oidc\.client|^io\.quarkus\.oidc\.common/) return "service token (OIDC client)";
         if (f ~ /^io\.trackguard\.ratelimit|^io\.vertx\.redis|^io\.quarkus\.redis/) return "quota (rate limiter, Redis)";
         if (f ~ /^io\.trackguard\.gateway\.idempotency|^org\.postgresql|^io\.agroal|^org\.hibernate|^com\.arjuna|^io\.quarkus\.narayana/) return "database (idempotency, partner plan)";
         if (f ~ /^io\.smallrye\.faulttolerance/) return "fault tolerance";
         if (f ~ /^com\.fasterxml\.jackson/) return "JSON (Jackson)";
         if (f ~ /^org\.jboss\.resteasy\.reactive\.client|^io\.quarkus\.rest\.client|^io\.vertx\.core\.http\.impl\.(HttpClient|Http1xClient|ClientHttp|HttpClientRequest|HttpClientResponse|pool)/) return "REST client to tracking-service";
         if (f ~ /^io\.netty|^sun\.nio|^java\.nio|^io\.vertx/) return "network, event loops (Vert.x, Netty)";
         if (f ~ /^org\.jboss\.resteasy\.reactive|^io\.quarkus\.resteasy\.reactive|^io\.quarkus\.vertx\.http/) return "HTTP server (Quarkus REST)";
         if (f ~ /^io\.quarkus\.arc|^io\.quarkus\.security|^io\.smallrye\.context/) return "CDI, security, context";
         if (f ~ /^org\.jboss\.logging|^org\.jboss\.logmanager/) return "logging";
         return "";
       }
       /stackTrace = \[/{inside=1; top=""; ours=""; what=""; next}
       inside && /^[ \t]*\]/{inside=0; print "TOP\t" top; if (ours != "") print "OURS\t" ours; print "WHAT\t" (what == "" ? "other (JDK, GC helpers, ...)" : what); next}
       inside {f=$0; sub(/^[ \t]+/, "", f); sub(/[ \t]+line:.*/, "", f); if (top == "") top=f; if (ours == "" && f ~ /^io\.trackguard\./) ours=f; if (what == "") what=kind(f)}' \
    "$samples" > "$frames"
  local total; total=$(grep -c '^TOP' "$frames")
  { echo; echo "JFR, partner-gateway during \"$1\": $total execution samples ($jfr)"
    echo "by what the gateway was doing (innermost frame that names a known cost):"
    grep '^WHAT' "$frames" | cut -f2 | sort | uniq -c | sort -rn | awk -v t="$total" '{n=$1; $1=""; printf "  %5.1f %%  %6d %s\n", 100 * n / t, n, $0}'
    echo "top frames:"; grep '^TOP' "$frames" | cut -f2 | sort | uniq -c | sort -rn | head -20
    echo "innermost io.trackguard frame of each sample that has one:"; grep '^OURS' "$frames" | cut -f2 | sort | uniq -c | sort -rn | head -20
  } | tee -a "$OUT"
}
if [[ -n "${JFR:-}" ]]; then
  profile "get gateway"
  profile "create gateway"
fi
log "written to $OUT"
