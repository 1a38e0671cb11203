#!/usr/bin/env bash
# Runs every test: each service's @QuarkusTests against the real PostgreSQL and Redis, the
# end-to-end suite (it starts Keycloak and the three packaged services itself, and drives
# Chromium for the page), Spectral's OWASP check of the OpenAPI documents (scripts/api-lint.sh),
# the offline checks of the Kubernetes manifests (scripts/k8s-check.sh), then the native-image
# analysis of the three services (scripts/native-check.sh, 10-12 minutes and 7.5 GB).
#
#   test.sh [--fast] [MAVEN ARGS...]    --fast skips the native analysis (local runs only; CI runs it)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
fast=false
if [[ "${1:-}" == "--fast" ]]; then fast=true; shift; fi
start=$SECONDS
"$ROOT/scripts/infra.sh" --with-browser
timed "maven verify" "$ROOT/mvnw" -B -f "$ROOT/pom.xml" verify "$@"
timed "API lint" "$ROOT/scripts/api-lint.sh"
timed "Kubernetes checks" "$ROOT/scripts/k8s-check.sh"
if $fast; then
  log "--fast: native analysis skipped (CI runs it)"
else
  timed "native analysis" "$ROOT/scripts/native-check.sh"
fi
log "all tests passed in $((SECONDS - start)) s"
