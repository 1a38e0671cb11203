#!/usr/bin/env bash
# Runs every test: each service's @QuarkusTests against the real PostgreSQL and Redis, the
# end-to-end suite (it starts Keycloak and the three packaged services itself, and drives
# Chromium for the page), then Spectral's OWASP check of the partner and officer APIs' OpenAPI documents.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
"$ROOT/scripts/infra.sh" --with-browser
"$ROOT/mvnw" -B -f "$ROOT/pom.xml" verify "$@"
"$ROOT/scripts/api-lint.sh"
