#!/usr/bin/env bash
# Runs the real Keycloak with the trackguard realm, in a clean state every start (unless --keep).
#
#   keycloak.sh start RUN_DIR PORT          copy the prepared template to RUN_DIR, start, wait until ready
#   keycloak.sh start RUN_DIR PORT --keep   start again from what RUN_DIR holds (its database: the same
#                                           keys, clients and sessions), as a production restart does;
#                                           from the template only when RUN_DIR has none (the fault test)
#   keycloak.sh stop RUN_DIR                TERM the process recorded in RUN_DIR/keycloak.pid
#
# The first start downloads the distribution from Maven Central into the cache and
# prepares a template (realm imported, server built) keyed by version and realm files,
# so later starts skip the 50-95 s import and take about 20 s.
#
# The realm imported here is the deployment's realm (deploy/keycloak/trackguard-realm.json, its
# secrets from scripts/demo-env/keycloak.env) plus the DEMO-ONLY partners and staff of
# deploy/keycloak/demo-realm-additions.json.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

REALM_FILE="$ROOT/deploy/keycloak/trackguard-realm.json"
DEMO_ADDITIONS="$ROOT/deploy/keycloak/demo-realm-additions.json"
DEMO_ENV="$ROOT/scripts/demo-env/keycloak.env"
DIST_ZIP="$CACHE_DIR/keycloak-quarkus-dist-$KEYCLOAK_VERSION.zip"

realm_hash() { cat "$REALM_FILE" "$DEMO_ADDITIONS" "$DEMO_ENV" | sha256sum | cut -c1-12; }

# The realm with the demo clients and users added.
demo_realm() {
  jq -s '.[0] + {clients: (.[0].clients + .[1].clients), users: (.[0].users + .[1].users)}' "$REALM_FILE" "$DEMO_ADDITIONS"
}

fetch_dist() {
  [[ -f "$DIST_ZIP" ]] && return
  log "downloading Keycloak $KEYCLOAK_VERSION from Maven Central (about 165 MB, once)"
  mkdir -p "$CACHE_DIR"
  "$ROOT/mvnw" -q -B dependency:copy -Dartifact="org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:zip" \
    -DoutputDirectory="$CACHE_DIR" -f "$ROOT/pom.xml" -N
}

# launch HOME_DIR PORT [extra kc.sh args]: start in the background, PID in HOME_DIR/keycloak.pid.
launch() {
  local home=$1 port=$2; shift 2
  mkdir -p "$home/tmp"
  set -a; source "$DEMO_ENV"; set +a   # the realm's ${TRACKGUARD_KC_*} secrets, demo values
  JAVA_HOME="$KEYCLOAK_JAVA_HOME" \
  JAVA_OPTS_APPEND="-XX:-UsePerfData -Djava.io.tmpdir=$home/tmp" \
  KC_BOOTSTRAP_ADMIN_USERNAME="${KC_BOOTSTRAP_ADMIN_USERNAME:-admin}" \
  KC_BOOTSTRAP_ADMIN_PASSWORD="${KC_BOOTSTRAP_ADMIN_PASSWORD:-demo-only-admin}" \
    setsid "$home/bin/kc.sh" start-dev --http-host=127.0.0.1 --http-port="$port" \
      --hostname="http://127.0.0.1:$port" --health-enabled=false --metrics-enabled=false "$@" \
      >>"$home/keycloak.log" 2>&1 < /dev/null &
  echo $! > "$home/keycloak.pid"
}

wait_ready() {
  local home=$1 port=$2 seconds=$3
  if ! wait_http "http://127.0.0.1:$port/realms/trackguard/.well-known/openid-configuration" "$seconds" "$(cat "$home/keycloak.pid")"; then
    tail -n 40 "$home/keycloak.log" >&2 || true
    die "Keycloak did not become ready on port $port (log: $home/keycloak.log)"
  fi
}

prepare_template() {
  local template=$1
  [[ -f "$template/.ready" ]] && return
  fetch_dist
  local work="$template.partial"
  rm -rf "$work" && mkdir -p "$work"
  log "preparing the Keycloak template (import of the realm: about 1-2 minutes, once per realm change)"
  unzip -q "$DIST_ZIP" -d "$work"
  mv "$work/keycloak-$KEYCLOAK_VERSION"/* "$work/" && rmdir "$work/keycloak-$KEYCLOAK_VERSION"
  mkdir -p "$work/data/import" && demo_realm > "$work/data/import/trackguard-realm.json"
  (set -a; source "$DEMO_ENV"; set +a; "$ROOT/deploy/keycloak/require-env.sh" --allow-demo "$REALM_FILE") \
    || die "a secret of the realm is missing from $DEMO_ENV"
  local port=${KEYCLOAK_TEMPLATE_PORT:-18999}
  launch "$work" "$port" --import-realm
  wait_ready "$work" "$port" 240
  stop_pid "$work/keycloak.pid" "Keycloak (template)"
  rm -rf "$work/data/import" "$work/tmp" "$work/keycloak.log"
  rm -rf "$template" && mv "$work" "$template" && touch "$template/.ready"
}

start() {
  local run_dir=$1 port=$2 keep=${3:-}
  if alive "$run_dir/keycloak.pid"; then log "Keycloak already runs from $run_dir (pid $(cat "$run_dir/keycloak.pid"))"; return; fi
  if [[ "$keep" == "--keep" && -f "$run_dir/.ready" ]]; then
    log "starting Keycloak again on http://127.0.0.1:$port with the database it had ($run_dir)"
  else
    local template="$CACHE_DIR/keycloak-$KEYCLOAK_VERSION-realm-$(realm_hash)"
    prepare_template "$template"
    rm -rf "$run_dir" && mkdir -p "$(dirname "$run_dir")"
    cp -r "$template" "$run_dir"
    log "starting Keycloak on http://127.0.0.1:$port"
  fi
  launch "$run_dir" "$port"
  wait_ready "$run_dir" "$port" 180
  log "Keycloak ready: issuer http://127.0.0.1:$port/realms/trackguard"
}

case "${1:-}" in
  start) [[ $# -eq 3 || ( $# -eq 4 && "$4" == "--keep" ) ]] || die "usage: keycloak.sh start RUN_DIR PORT [--keep]"; start "$2" "$3" "${4:-}" ;;
  stop)  [[ $# -eq 2 ]] || die "usage: keycloak.sh stop RUN_DIR"; stop_pid "$2/keycloak.pid" Keycloak ;;
  *) die "usage: keycloak.sh start RUN_DIR PORT [--keep] | stop RUN_DIR" ;;
esac
