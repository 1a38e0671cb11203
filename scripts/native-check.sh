#!/usr/bin/env bash
# The native-image analysis of the three services, so that a change that breaks the native build
# fails the test command. No GraalVM can be installed here: the team's tool native-check
# (../shared/tools/native-check, its README) runs the GraalVM builder's analysis on each service's
# target/native-sources and stops before linking. One service at a time: about 2-3.5 minutes and
# 7.5 GB each. On the shared machine, run it under the `native` lock (/work/tools/tg-lock native --).
#
#   native-check.sh [SERVICE...]     default: all three
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
SERVICES=("$@")
[[ ${#SERVICES[@]} -gt 0 ]] || SERVICES=(tracking-service partner-gateway notification-service)
TOOL="${NATIVE_CHECK_TOOL:-}"
for candidate in "$ROOT/../shared/tools/native-check/check.sh" /work/shared/tools/native-check/check.sh; do
  [[ -z "$TOOL" && -x "$candidate" ]] && TOOL="$candidate"
done
[[ -n "$TOOL" ]] || die "native-check not found (../shared/tools/native-check/check.sh); set NATIVE_CHECK_TOOL"

log "native sources of ${SERVICES[*]} (the standard native profile, sources only)"
modules=$(IFS=,; echo "${SERVICES[*]}")
timed "native sources" "$ROOT/mvnw" -B -q -f "$ROOT/pom.xml" package -DskipTests -Dnative -Dquarkus.native.sources-only=true -pl "$modules" -am
failed=()
for s in "${SERVICES[@]}"; do
  log "native-image analysis of $s"
  if ! (cd "$ROOT" && "$TOOL" "$s/target/native-sources" analysis); then failed+=("$s"); fi
done
[[ ${#failed[@]} -eq 0 ]] || die "the native analysis failed for: ${failed[*]} (logs: <service>/target/native-check/build.log)"
log "native analysis passed: ${SERVICES[*]}"
