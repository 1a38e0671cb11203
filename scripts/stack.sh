#!/usr/bin/env bash
# The whole suite on this machine, with demo data.
#
#   ./scripts/stack.sh up       PostgreSQL + Redis (started if down), Keycloak on 8180,
#                               tracking-service 8080, partner-gateway 8081,
#                               notification-service 8082, demo data
#   ./scripts/stack.sh down     stops only what `up` started (by recorded PIDs)
#   ./scripts/stack.sh status   what runs
#
# Every `up` starts clean: Keycloak from the realm file, the service databases emptied
# and migrated, then the demo data loaded. Logs and PIDs live in .run/.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

RUN="$ROOT/.run"
SERVICES=(tracking-service partner-gateway notification-service)
declare -A PORT=([tracking-service]=8080 [partner-gateway]=8081 [notification-service]=8082)
# health, metrics, OpenAPI: each service's management interface, never the public port
declare -A MANAGEMENT_PORT=([tracking-service]=9080 [partner-gateway]=9081 [notification-service]=9082)
declare -A DB=([tracking-service]=tracking [partner-gateway]=gateway [notification-service]=notification)
KEYCLOAK_PORT=8180
# Where notification-service sends mail; until the stack runs a mail catcher there, notices wait in its outbox.
SMTP_PORT=${SMTP_PORT:-1025}

running_parts() {
  local parts=()
  alive "$RUN/keycloak/keycloak.pid" && parts+=(keycloak)
  for s in "${SERVICES[@]}"; do alive "$RUN/$s.pid" && parts+=("$s"); done
  echo "${parts[*]:-}"
}

start_service() {
  local name=$1
  log "starting $name on http://127.0.0.1:${PORT[$name]} (management ${MANAGEMENT_PORT[$name]})"
  (
    set -a; source "$ROOT/scripts/demo-env/$name.env"; set +a   # DEMO-ONLY secrets and local settings
    QUARKUS_HTTP_PORT="${PORT[$name]}" QUARKUS_MANAGEMENT_PORT="${MANAGEMENT_PORT[$name]}" \
    QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$PG_HOST:$PG_PORT/${DB[$name]}" \
    QUARKUS_OIDC_AUTH_SERVER_URL="http://127.0.0.1:$KEYCLOAK_PORT/realms/trackguard" \
    QUARKUS_OIDC_CLIENT_AUTH_SERVER_URL="http://127.0.0.1:$KEYCLOAK_PORT/realms/trackguard" \
    QUARKUS_REST_CLIENT_TRACKING_SERVICE_URL="http://127.0.0.1:${PORT[tracking-service]}" \
    QUARKUS_REST_CLIENT_PARTNER_GATEWAY_URL="http://127.0.0.1:${PORT[partner-gateway]}" \
    QUARKUS_MAILER_PORT="$SMTP_PORT" \
    QUARKUS_FLYWAY_CLEAN_DISABLED=false QUARKUS_FLYWAY_CLEAN_AT_START=true \
      setsid java -Xmx256m -jar "$ROOT/$name/target/quarkus-app/quarkus-run.jar" >"$RUN/$name.log" 2>&1 < /dev/null &
    echo $! > "$RUN/$name.pid"
  )
}

# The jar build, with progress: each module as Maven starts it, a count of the downloads (a fresh
# machine fetches a few hundred MB first), errors; the whole log in .run/build.log.
build_services() {
  log "building the services (jar mode; log: $RUN/build.log)"
  "$ROOT/mvnw" -B -f "$ROOT/pom.xml" package -DskipTests -pl tracking-service,partner-gateway,notification-service -am 2>&1 \
    | tee "$RUN/build.log" | awk '
      /^\[INFO\] Building .*\[[0-9]+\/[0-9]+\]$/ { sub(/^\[INFO\] Building /, ""); gsub(/  +/, " "); print "[trackguard]   " $0; fflush() }
      /^\[INFO\] Downloaded from / { n++; if (n % 100 == 0) { print "[trackguard]   " n " files downloaded"; fflush() } }
      /^\[ERROR\]/ { print; fflush() }' >&2
}

wait_ready() {
  for s in "${SERVICES[@]}"; do
    wait_http "http://127.0.0.1:${MANAGEMENT_PORT[$s]}/q/health/ready" 90 "$(cat "$RUN/$s.pid")" \
      || { tail -n 30 "$RUN/$s.log" >&2; die "$s did not become ready (log: $RUN/$s.log)"; }
  done
}

up() {
  local parts; parts=$(running_parts)
  if [[ -n "$parts" ]]; then
    log "already running: $parts. Nothing changed. ('$0 down' first for a fresh start.)"
    exit 0
  fi
  mkdir -p "$RUN"
  local start=$SECONDS
  timed "PostgreSQL and Redis" "$ROOT/scripts/infra.sh"
  timed "Keycloak" "$ROOT/scripts/keycloak.sh" start "$RUN/keycloak" "$KEYCLOAK_PORT"
  timed "build" build_services
  for s in "${SERVICES[@]}"; do start_service "$s"; done
  timed "services ready" wait_ready
  log "recording the demo partners in partner-gateway (DEMO-ONLY, with their privacy contacts)"
  PGPASSWORD=demo-only-gateway psql -q -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$PG_PORT" -U gateway -d "${DB[partner-gateway]}" \
    -f "$ROOT/partner-gateway/src/main/resources/db/demo/R__demo_partners.sql" >/dev/null
  timed "demo data" "$ROOT/scripts/demo-data.sh" "http://127.0.0.1:$KEYCLOAK_PORT" "http://127.0.0.1:${PORT[partner-gateway]}" \
    "http://127.0.0.1:${PORT[tracking-service]}"
  log "up in $((SECONDS - start)) s"
  cat <<EOT

Trackguard is running:
  Keycloak              http://127.0.0.1:$KEYCLOAK_PORT  (admin console: admin / demo-only-admin)
  tracking-service      http://127.0.0.1:${PORT[tracking-service]}   public API: /api/v1/track/{number}
  partner-gateway       http://127.0.0.1:${PORT[partner-gateway]}   partner API: /api/v1/shipments, its document: /api/v1/openapi.json
  notification-service  http://127.0.0.1:${PORT[notification-service]}
  management            http://127.0.0.1:${MANAGEMENT_PORT[tracking-service]}, :${MANAGEMENT_PORT[partner-gateway]}, :${MANAGEMENT_PORT[notification-service]}   /q/health, /q/metrics, /q/openapi, /q/swagger-ui
  logs and PIDs         $RUN

Get a partner token and create a shipment:
  TOKEN=\$(curl -s -u partner-acme:demo-only-partner-acme-secret -d grant_type=client_credentials \\
    http://127.0.0.1:$KEYCLOAK_PORT/realms/trackguard/protocol/openid-connect/token | sed 's/.*"access_token":"\\([^"]*\\)".*/\\1/')
  curl -s -H "Authorization: Bearer \$TOKEN" -H 'Content-Type: application/json' -H "Idempotency-Key: \$(cat /proc/sys/kernel/random/uuid)" \\
    http://127.0.0.1:${PORT[partner-gateway]}/api/v1/shipments \\
    -d '{"orderReference":"ORD-1","recipient":{"name":"Jane Roe"},"destination":{"line1":"1 King St W","city":"Toronto","province":"ON","postalCode":"M5H 1A1"},"productCategory":"apparel"}'

A demo tracking number to look up publicly: $(head -n1 "$RUN/demo-tracking-numbers.txt" 2>/dev/null)
  curl -s http://127.0.0.1:${PORT[tracking-service]}/api/v1/track/$(head -n1 "$RUN/demo-tracking-numbers.txt" 2>/dev/null)
EOT
}

down() {
  for s in "${SERVICES[@]}"; do stop_pid "$RUN/$s.pid" "$s"; done
  "$ROOT/scripts/keycloak.sh" stop "$RUN/keycloak"
  log "stopped"
}

status() {
  local any=0
  if alive "$RUN/keycloak/keycloak.pid"; then echo "keycloak              running (pid $(cat "$RUN/keycloak/keycloak.pid")) http://127.0.0.1:$KEYCLOAK_PORT"; any=1
  else echo "keycloak              stopped"; fi
  for s in "${SERVICES[@]}"; do
    if alive "$RUN/$s.pid"; then
      local health; health=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:${MANAGEMENT_PORT[$s]}/q/health/ready" || true)
      printf '%-21s running (pid %s) http://127.0.0.1:%s ready=%s\n' "$s" "$(cat "$RUN/$s.pid")" "${PORT[$s]}" "$([[ $health == 200 ]] && echo yes || echo no)"
      any=1
    else
      printf '%-21s stopped\n' "$s"
    fi
  done
  return 0
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  *) die "usage: $0 up | down | status" ;;
esac
