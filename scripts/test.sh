#!/usr/bin/env bash
# Runs every test: each service's @QuarkusTests against the real PostgreSQL and Redis, then
# the end-to-end suite, which starts Keycloak and the three packaged services itself.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
"$ROOT/scripts/infra.sh" --with-browser
exec "$ROOT/mvnw" -B -f "$ROOT/pom.xml" verify "$@"
