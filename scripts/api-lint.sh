#!/usr/bin/env bash
# Lints partner-gateway's OpenAPI document (written by the build to
# partner-gateway/target/openapi/) with Spectral and the OWASP API Security ruleset.
# Fails on any error; warnings are printed. Tools come from npm (tools/spectral, pinned).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
TOOLS="$ROOT/tools/spectral"
DOC="$ROOT/partner-gateway/target/openapi/openapi.yaml"
[[ -f "$DOC" ]] || die "$DOC is missing: build partner-gateway first (./mvnw package -pl partner-gateway -am)"
if [[ ! -x "$TOOLS/node_modules/.bin/spectral" ]]; then
  log "installing Spectral and the OWASP ruleset from npm (once)"
  (cd "$TOOLS" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi
log "Spectral (OWASP ruleset) on partner-gateway's OpenAPI document"
"$TOOLS/node_modules/.bin/spectral" lint --ruleset "$TOOLS/.spectral.yaml" --fail-severity=error "$DOC"
