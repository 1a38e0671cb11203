#!/usr/bin/env bash
# Checks, before Keycloak imports the realm, that every secret the realm file names as
# ${TRACKGUARD_KC_...} is set in the environment, 16+ characters, and no demo value. Keycloak
# itself keeps an unset placeholder as the literal text, a secret anyone can read in this
# repository: run this first (an init container in Kubernetes, scripts/keycloak.sh locally).
#
#   require-env.sh [--allow-demo] [REALM_FILE]     exit 1 and name each bad variable
set -euo pipefail
allow_demo=false
if [[ "${1:-}" == "--allow-demo" ]]; then allow_demo=true; shift; fi
realm="${1:-$(dirname "${BASH_SOURCE[0]}")/trackguard-realm.json}"
bad=0
for name in $(grep -o '\${TRACKGUARD_KC_[A-Z0-9_]*}' "$realm" | tr -d '${}' | sort -u); do
  value="${!name:-}"
  if [[ -z "$value" ]]; then
    echo "require-env: $name is not set" >&2; bad=1
  elif (( ${#value} < 16 )); then
    echo "require-env: $name is shorter than 16 characters" >&2; bad=1
  elif [[ "$allow_demo" != true && "${value,,}" == demo-only* ]]; then
    echo "require-env: $name is a demo value (it starts with demo-only)" >&2; bad=1
  fi
done
exit "$bad"
