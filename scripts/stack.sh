#!/usr/bin/env bash
# The whole suite on this machine, with demo data.
#
#   ./scripts/stack.sh up       PostgreSQL + Redis (started if down), Keycloak on 8180,
#                               MailDev (SMTP 1025, web inbox 1080), tracking-service 8080,
#                               partner-gateway 8081, notification-service 8082, demo data
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
# The stack's mail server: MailDev from npm, a real SMTP server that keeps every message and shows
# them in a web inbox (http://127.0.0.1:1080). notification-service sends its notices there.
SMTP_PORT=${SMTP_PORT:-1025}
MAIL_WEB_PORT=${MAIL_WEB_PORT:-1080}
MAILDEV_VERSION="${MAILDEV_VERSION:-3.0.0}"
MAILDEV_DIR="$CACHE_DIR/maildev-$MAILDEV_VERSION"

running_parts() {
  local parts=()
  alive "$RUN/keycloak/keycloak.pid" && parts+=(keycloak)
  alive "$RUN/maildev.pid" && parts+=(maildev)
  for s in "${SERVICES[@]}"; do alive "$RUN/$s.pid" && parts+=("$s"); done
  echo "${parts[*]:-}"
}

start_service() {
  local name=$1
  log "starting $name on http://127.0.0.1:${PORT[$name]} (management ${MANAGEMENT_PORT[$name]})"
  (
    set -a; source "$ROOT/scripts/demo-env/$name.env"; set +a   # DEMO-ONLY secrets and local settings
    app="$ROOT/$name/target/quarkus-app"
    cds=(); [[ -f "$app/app-cds.jsa" ]] && cds=(-XX:SharedArchiveFile="$app/app-cds.jsa")   # AppCDS, when the build made one
    QUARKUS_HTTP_PORT="${PORT[$name]}" QUARKUS_MANAGEMENT_PORT="${MANAGEMENT_PORT[$name]}" \
    QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$PG_HOST:$PG_PORT/${DB[$name]}" \
    QUARKUS_OIDC_AUTH_SERVER_URL="http://127.0.0.1:$KEYCLOAK_PORT/realms/trackguard" \
    QUARKUS_OIDC_CLIENT_AUTH_SERVER_URL="http://127.0.0.1:$KEYCLOAK_PORT/realms/trackguard" \
    QUARKUS_REST_CLIENT_TRACKING_SERVICE_URL="http://127.0.0.1:${PORT[tracking-service]}" \
    QUARKUS_REST_CLIENT_PARTNER_GATEWAY_URL="http://127.0.0.1:${PORT[partner-gateway]}" \
    QUARKUS_MAILER_PORT="$SMTP_PORT" \
    QUARKUS_FLYWAY_CLEAN_DISABLED=false QUARKUS_FLYWAY_CLEAN_AT_START=true \
      env "${SERVICE_ENV[@]}" setsid java "${SERVICE_JAVA_OPTS[@]}" "${cds[@]}" -jar "$app/quarkus-run.jar" >"$RUN/$name.log" 2>&1 < /dev/null &
    echo $! > "$RUN/$name.pid"
  )
}

# MailDev, installed once into the cache at its pinned version; every start with an empty inbox.
# STARTTLS is hidden: it has no certificate anyone trusts, and the mail stays on loopback.
start_maildev() {
  if [[ ! -x "$MAILDEV_DIR/node_modules/.bin/maildev" ]]; then
    command -v npm >/dev/null || die "npm is needed for the stack's mail server (MailDev): apt-get install -y npm"
    log "installing MailDev $MAILDEV_VERSION from npm into $MAILDEV_DIR (once)"
    npm install --prefix "$MAILDEV_DIR" --no-audit --no-fund --loglevel=error "maildev@$MAILDEV_VERSION" >&2
  fi
  rm -rf "$RUN/maildev" && mkdir -p "$RUN/maildev/mail"
  log "starting MailDev: SMTP 127.0.0.1:$SMTP_PORT, inbox http://127.0.0.1:$MAIL_WEB_PORT"
  # run from its own folder: MailDev reads a config file from the working directory and its parents
  ( cd "$RUN/maildev"
    setsid "$MAILDEV_DIR/node_modules/.bin/maildev" --ip 127.0.0.1 --smtp "$SMTP_PORT" \
      --web-ip 127.0.0.1 --web "$MAIL_WEB_PORT" --hide-extensions STARTTLS --mail-directory "$RUN/maildev/mail" \
      >"$RUN/maildev.log" 2>&1 < /dev/null &
    echo $! > "$RUN/maildev.pid" )
  wait_http "http://127.0.0.1:$MAIL_WEB_PORT/api/healthz" 30 "$(cat "$RUN/maildev.pid")" \
    || { tail -n 20 "$RUN/maildev.log" >&2; die "MailDev did not start (log: $RUN/maildev.log)"; }
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
  timed "MailDev" start_maildev
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
  notification-service  http://127.0.0.1:${PORT[notification-service]}   officers' API: /api/v1/incidents
  mail (MailDev)        http://127.0.0.1:$MAIL_WEB_PORT   every notice sent (SMTP 127.0.0.1:$SMTP_PORT); REST: /api/email
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
  stop_pid "$RUN/maildev.pid" maildev
  "$ROOT/scripts/keycloak.sh" stop "$RUN/keycloak"
  log "stopped"
}

status() {
  local any=0
  if alive "$RUN/keycloak/keycloak.pid"; then echo "keycloak              running (pid $(cat "$RUN/keycloak/keycloak.pid")) http://127.0.0.1:$KEYCLOAK_PORT"; any=1
  else echo "keycloak              stopped"; fi
  if alive "$RUN/maildev.pid"; then echo "maildev               running (pid $(cat "$RUN/maildev.pid")) http://127.0.0.1:$MAIL_WEB_PORT (SMTP $SMTP_PORT)"; any=1
  else echo "maildev               stopped"; fi
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
