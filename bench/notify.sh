#!/usr/bin/env bash
# notification-service benchmark: one security event whose scope is 4,500 people, timed from the
# event on the Redis Stream to the last notice accepted by the SMTP server.
#
# Real parts: Keycloak (the service's client-credentials token), tracking-service (exposures
# read page by page, one single-use link minted per parcel), PostgreSQL, Redis, and an SMTP
# server on loopback (bench/smtp_sink.py: it accepts every message and records when). Seeded
# (not timed): 4,500 shipments of a sensitive partner, each with its own recipient, spread over
# 20 mail domains, and one audit row per shipment disclosed at the recipient tier to one actor.
# partner-gateway is not started (its partner-attributes endpoint is another change), so the
# partner's notice waits in the outbox and is not counted.
#
# usage: bench/notify.sh [PEOPLE=4500]      (take the e2e lock: it uses ports 18080-18082, 18180)
# Writes bench/results/notify-<time>.txt; copy the table into bench/RESULTS.md with the machine.
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
PEOPLE=${1:-4500}
WORK="$ROOT/bench/target/notify"
KC_PORT=18180
TRACKING_PORT=18080
NOTIFY_PORT=18082
SMTP_PORT=18025
RUN="tg:bench:notify:$(date +%s):"
ACTOR="ip:bench-scraper-$(date +%s)"
mkdir -p "$WORK" "$ROOT/bench/results"
"$ROOT/scripts/infra.sh"
for s in tracking-service notification-service; do
  [[ -f "$ROOT/$s/target/quarkus-app/quarkus-run.jar" ]] || "$ROOT/mvnw" -B -q -f "$ROOT/pom.xml" package -DskipTests -pl "$s" -am
done

cleanup() {
  stop_pid "$WORK/notification.pid" notification-service
  stop_pid "$WORK/tracking.pid" tracking-service
  stop_pid "$WORK/sink.pid" smtp-sink
  "$ROOT/scripts/keycloak.sh" stop "$WORK/keycloak" || true
}
trap cleanup EXIT

"$ROOT/scripts/keycloak.sh" start "$WORK/keycloak" "$KC_PORT"
python3 "$ROOT/bench/smtp_sink.py" "$SMTP_PORT" "$WORK/sink.status" > "$WORK/sink.log" 2>&1 &
echo $! > "$WORK/sink.pid"

log "starting tracking-service (tracking_bench, emptied)"
set -a; source "$ROOT/scripts/demo-env/tracking-service.env"; set +a   # DEMO-ONLY keys: the jar refuses to start without them
QUARKUS_HTTP_PORT=$TRACKING_PORT QUARKUS_MANAGEMENT_PORT=19080 QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/tracking_bench \
QUARKUS_FLYWAY_CLEAN_DISABLED=false QUARKUS_FLYWAY_CLEAN_AT_START=true \
QUARKUS_OIDC_AUTH_SERVER_URL="http://127.0.0.1:$KC_PORT/realms/trackguard" \
TRACKGUARD_RATELIMIT_KEY_PREFIX="${RUN}rl:" TRACKGUARD_ABUSE_KEY_PREFIX="${RUN}abuse:" TRACKGUARD_ABUSE_STREAM="${RUN}events" \
TRACKGUARD_RECIPIENT_SPENT_LINK_PREFIX="${RUN}link:" QUARKUS_LOG_LEVEL=WARN \
  setsid java -Xmx512m -jar "$ROOT/tracking-service/target/quarkus-app/quarkus-run.jar" > "$WORK/tracking.log" 2>&1 < /dev/null &
echo $! > "$WORK/tracking.pid"
wait_http "http://127.0.0.1:19080/q/health/ready" 90 "$(cat "$WORK/tracking.pid")" || die "tracking-service did not start ($WORK/tracking.log)"

log "seeding $PEOPLE shipments of a sensitive partner, and what one actor saw of each"
python3 "$ROOT/bench/numbers.py" "$PEOPLE" > "$WORK/numbers.txt"
python3 - "$WORK/numbers.txt" "$ACTOR" > "$WORK/seed.sql" <<'PY'
import sys, uuid, datetime
numbers = open(sys.argv[1]).read().split()
actor = sys.argv[2]
now = datetime.datetime.now(datetime.timezone.utc)
print("INSERT INTO partner VALUES ('bench-ocs', 'Bench Cannabis Retail', true, now()) ON CONFLICT DO NOTHING;")
print("COPY shipment (id, tracking_number, partner_id, order_reference, recipient_name, recipient_email, recipient_language, "
      "destination_line1, destination_city, destination_province, destination_postal_code, destination_country, product_category, "
      "status, created_at, updated_at) FROM stdin;")
ids = []
for i, n in enumerate(numbers):
    sid = uuid.uuid4()
    ids.append(sid)
    lang = ["en", "fr", "\\N"][i % 3]
    print(f"{sid}\t{n}\tbench-ocs\tB-{i}\tRecipient {i}\tperson{i}@bench-{i % 20}.example\t{lang}\t1 Main St\tOttawa\tON\tK1A0B1\tCA\tcannabis\tDELIVERED\tnow\tnow")
print("\\.")
print("COPY access_record (occurred_at, actor_kind, actor_id, shipment_id, partner_id, tier, fields, outcome) FROM stdin;")
for i, sid in enumerate(ids):
    t = (now - datetime.timedelta(seconds=300) + datetime.timedelta(milliseconds=40 * i)).isoformat()
    print(f"{t}\tPUBLIC\t{actor}\t{sid}\tbench-ocs\tRECIPIENT\t{{trackingNumber,status,sender,recipient.name,destination.city,signerName,deliveredAt,events}}\tDISCLOSED")
print("\\.")
PY
PGPASSWORD=demo-only-tracking psql -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -U tracking -d tracking_bench -f "$WORK/seed.sql" >/dev/null

log "starting notification-service (notification_e2e, emptied)"
unset QUARKUS_FLYWAY_PASSWORD; set -a; source "$ROOT/scripts/demo-env/notification-service.env"; set +a
QUARKUS_HTTP_PORT=$NOTIFY_PORT QUARKUS_MANAGEMENT_PORT=19082 QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/notification_e2e \
QUARKUS_FLYWAY_CLEAN_DISABLED=false QUARKUS_FLYWAY_CLEAN_AT_START=true \
QUARKUS_OIDC_AUTH_SERVER_URL="http://127.0.0.1:$KC_PORT/realms/trackguard" \
QUARKUS_OIDC_CLIENT_CREDENTIALS_SECRET=demo-only-notification-service-secret \
QUARKUS_REST_CLIENT_TRACKING_SERVICE_URL="http://127.0.0.1:$TRACKING_PORT" QUARKUS_REST_CLIENT_PARTNER_GATEWAY_URL="http://127.0.0.1:1" \
QUARKUS_MAILER_HOST=127.0.0.1 QUARKUS_MAILER_PORT=$SMTP_PORT QUARKUS_MAILER_START_TLS=DISABLED \
TRACKGUARD_NOTIFY_EVENTS_STREAM="${RUN}events" TRACKGUARD_RATELIMIT_KEY_PREFIX="${RUN}nt-rl:" \
TRACKGUARD_NOTIFY_DELIVERY_FROM="Trackguard privacy <privacy@trackguard.example>" \
TRACKGUARD_NOTIFY_DELIVERY_PUBLIC_BASE_URL="http://127.0.0.1:$TRACKING_PORT" \
TRACKGUARD_NOTIFY_ORGANISATION_PRIVACY_EMAIL=privacy@trackguard.example \
TRACKGUARD_NOTIFY_ORGANISATION_CONTACT_NAME="Bench Officer" TRACKGUARD_NOTIFY_CLOCK_OFFICERS_EMAIL=officers@trackguard.example \
QUARKUS_LOG_LEVEL=WARN \
  setsid java -Xmx512m -jar "$ROOT/notification-service/target/quarkus-app/quarkus-run.jar" > "$WORK/notification.log" 2>&1 < /dev/null &
echo $! > "$WORK/notification.pid"
wait_http "http://127.0.0.1:19082/q/health/ready" 90 "$(cat "$WORK/notification.pid")" || die "notification-service did not start ($WORK/notification.log)"
sleep 3 # its consumer group exists and its pollers run

WINDOW_START=$(date -u -d '-10 min' +%Y-%m-%dT%H:%M:%SZ)
WINDOW_END=$(date -u +%Y-%m-%dT%H:%M:%SZ)
T0=$(date +%s.%N)
redis-cli -p "$REDIS_PORT" XADD "${RUN}events" '*' type ENUMERATION_SUSPECTED actor "$ACTOR" windowStart "$WINDOW_START" \
  windowEnd "$WINDOW_END" distinctNumbers "$PEOPLE" misses 0 failedVerifications 0 evidence "bench: $PEOPLE numbers walked" \
  blockedUntil "$(date -u -d '+30 min' +%Y-%m-%dT%H:%M:%SZ)" source bench > /dev/null
log "event written; waiting for $PEOPLE notices at the SMTP server"
DEADLINE=$((SECONDS + 300))
while (( SECONDS < DEADLINE )); do
  read -r COUNT FIRST LAST < "$WORK/sink.status"
  (( COUNT >= PEOPLE )) && break
  sleep 0.2
done
read -r COUNT FIRST LAST < "$WORK/sink.status"
(( COUNT >= PEOPLE )) || die "only $COUNT of $PEOPLE notices arrived in 300 s (logs in $WORK)"

q() { PGPASSWORD=demo-only-notification psql -At -h 127.0.0.1 -U notification -d notification_e2e -c "$1"; }
OPENED=$(q "SELECT extract(epoch FROM opened_at) FROM incident LIMIT 1")
SCOPED=$(q "SELECT extract(epoch FROM min(at)) FROM incident_history WHERE what = 'SCOPE'")
QUEUED=$(q "SELECT extract(epoch FROM min(created_at)) FROM notice WHERE channel = 'PERSON'")
PERSONS=$(q "SELECT count(*) FROM affected_person")
SENT=$(q "SELECT count(*) FROM notice WHERE channel = 'PERSON' AND status = 'SENT'")
OUT="$ROOT/bench/results/notify-$(date -u +%Y-%m-%dT%H%M).txt"
python3 - "$T0" "$OPENED" "$SCOPED" "$QUEUED" "$FIRST" "$LAST" "$PEOPLE" "$PERSONS" "$SENT" <<'PY' | tee "$OUT"
import sys, subprocess
t0, opened, scoped, queued, first, last = map(float, sys.argv[1:7])
people, persons, sent = sys.argv[7:10]
def fmt(t): return f"{t - t0:7.2f} s"
cores = subprocess.getoutput("nproc")
memory = subprocess.getoutput("free -g | awk '/Mem/{print $2}'")
java = subprocess.getoutput("java -version 2>&1 | head -1")
print(f"machine: {cores} cores, {memory} GB, {java}")
print(f"command: bench/notify.sh {people}")
print()
print("| step (from the event on the stream) | time |")
print("|---|---|")
print(f"| incident opened (committed) | {fmt(opened)} |")
print(f"| scope read and stored ({persons} people) | {fmt(scoped)} |")
print(f"| notices queued (decision committed) | {fmt(queued)} |")
print(f"| first notice accepted by SMTP | {fmt(first)} |")
print(f"| last notice accepted by SMTP | {fmt(last)} |")
print()
print(f"{people} notices in {last - t0:.2f} s from the event: {int(people) / (last - t0):.0f} notices/s overall, "
      f"{int(people) / (last - first):.0f} notices/s while sending; {sent} marked SENT in the outbox")
PY
log "written to $OUT"
