#!/usr/bin/env bash
# Lints the OpenAPI documents of the three services (written by the build to
# <service>/target/openapi/) with Spectral and the OWASP API Security ruleset. Fails on any
# error; warnings are printed. Deliberate exceptions, each with its reason, are in
# tools/spectral/.spectral.yaml. Tools come from npm (tools/spectral, pinned).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
TOOLS="$ROOT/tools/spectral"
SERVICES=(tracking-service partner-gateway notification-service)
for s in "${SERVICES[@]}"; do
  [[ -f "$ROOT/$s/target/openapi/openapi.yaml" ]] || die "$s/target/openapi/openapi.yaml is missing: build it first (./mvnw package -pl $s -am)"
done
if [[ ! -x "$TOOLS/node_modules/.bin/spectral" ]]; then
  log "installing Spectral and the OWASP ruleset from npm (once)"
  (cd "$TOOLS" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi
for s in "${SERVICES[@]}"; do
  log "Spectral (OWASP ruleset) on $s's OpenAPI document"
  (cd "$TOOLS" && node_modules/.bin/spectral lint --ruleset .spectral.yaml --fail-severity=error "../../$s/target/openapi/openapi.yaml")
done
