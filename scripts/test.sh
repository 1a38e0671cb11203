#!/usr/bin/env bash
# Runs every test: each service's @QuarkusTests against the real PostgreSQL and Redis, the
# end-to-end suite (it starts Keycloak and the three packaged services itself, and drives
# Chromium for the page), Spectral's OWASP check of the OpenAPI documents (scripts/api-lint.sh),
# the offline checks of the Kubernetes manifests (scripts/k8s-check.sh), and the native-image
# analysis of the three services (scripts/native-check.sh, 10-12 minutes and 7.5 GB).
#
# The native analysis runs beside `mvn verify`, on a copy of the sources (target/native-tree, so
# that its build never rewrites the jars the end-to-end suite runs) and under the idle CPU
# scheduling class (chrt --idle): it only gets CPU time the tests leave unused, so it neither
# slows nor disturbs them (on 2 cores it would otherwise add 10-12 minutes after them).
#
#   test.sh [--fast] [MAVEN ARGS...]    --fast skips the native analysis (local runs only; CI runs it)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
fast=false
if [[ "${1:-}" == "--fast" ]]; then fast=true; shift; fi
start=$SECONDS
"$ROOT/scripts/infra.sh" --with-browser

native_pid=""
NATIVE_TREE="$ROOT/target/native-tree"
NATIVE_LOG="$ROOT/target/native-analysis.log"
if $fast; then
  log "--fast: native analysis skipped (CI runs it)"
else
  # the tool, found from the real checkout (the copy lives elsewhere)
  tool="${NATIVE_CHECK_TOOL:-}"
  for candidate in "$ROOT/../shared/tools/native-check/check.sh" /work/shared/tools/native-check/check.sh; do
    [[ -z "$tool" && -x "$candidate" ]] && tool="$candidate"
  done
  [[ -n "$tool" ]] || die "native-check not found (../shared/tools/native-check/check.sh); set NATIVE_CHECK_TOOL"
  rm -rf "$NATIVE_TREE"; mkdir -p "$NATIVE_TREE"
  tar -C "$ROOT" --exclude=./target --exclude='./*/target' --exclude=./.run --exclude=./.git -cf - . | tar -C "$NATIVE_TREE" -xf -
  log "native analysis started beside the tests, idle priority (log: $NATIVE_LOG)"
  # its own process group (setsid), so that it can be stopped whole
  NATIVE_CHECK_TOOL="$tool" setsid chrt --idle 0 "$NATIVE_TREE/scripts/native-check.sh" > "$NATIVE_LOG" 2>&1 &
  native_pid=$!
  # a failing test ends this script: the analysis goes with it
  trap 'if [[ -n "$native_pid" ]]; then kill -- "-$native_pid" 2>/dev/null || true; fi' EXIT
fi

timed "maven verify" "$ROOT/mvnw" -B -f "$ROOT/pom.xml" verify "$@"
timed "API lint" "$ROOT/scripts/api-lint.sh"
timed "Kubernetes checks" "$ROOT/scripts/k8s-check.sh"
if [[ -n "$native_pid" ]]; then
  waited=$SECONDS
  if ! wait "$native_pid"; then
    native_pid=""
    tail -40 "$NATIVE_LOG" >&2
    die "the native analysis failed (whole log: $NATIVE_LOG)"
  fi
  native_pid=""
  grep -E "done in|passed" "$NATIVE_LOG" | sed 's/^/  /' >&2 || true
  log "native analysis: waited $((SECONDS - waited)) s for it after the tests"
fi
log "all tests passed in $((SECONDS - start)) s"
