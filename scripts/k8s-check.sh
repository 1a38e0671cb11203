#!/usr/bin/env bash
# Offline checks of deploy/k8s (no cluster needed): renders both overlays with `kubectl kustomize`,
# validates every object against the Kubernetes API schemas (npm kubernetes-models, pinned in
# tools/k8s-check) and checks the deployment policies (tools/k8s-check/check.mjs), then runs the
# policies' own tests (each policy broken once on the real render: tools/k8s-check/test/), and
# lints the services' Dockerfiles (dockerfile-utils; no image can be built on this machine).
# The renders are left in target/k8s/ to read.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
TOOLS="$ROOT/tools/k8s-check"
OUT="$ROOT/target/k8s"
command -v kubectl >/dev/null || die "kubectl (1.27 or newer, with kustomize) is needed to render deploy/k8s"
if [[ ! -d "$TOOLS/node_modules/kubernetes-models" ]]; then
  log "installing kubernetes-models, yaml and dockerfile-utils from npm (once)"
  (cd "$TOOLS" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi
mkdir -p "$OUT"
kubectl kustomize "$ROOT/deploy/k8s/overlays/dev" > "$OUT/dev.yaml"
kubectl kustomize "$ROOT/deploy/k8s/overlays/prod" > "$OUT/prod.yaml"
kubectl kustomize "$ROOT/deploy/k8s/overlays/prod/external-secrets" > "$OUT/prod-external-secrets.yaml"
log "schemas and policies of the rendered overlays (renders in $OUT)"
node "$TOOLS/check.mjs" dev "$OUT/dev.yaml"
node "$TOOLS/check.mjs" prod "$OUT/prod.yaml"
node "$TOOLS/check.mjs" schemas "$OUT/prod-external-secrets.yaml"
log "the policies' tests"
node --test "$TOOLS/test/"
log "lint of the Dockerfiles"
for f in "$ROOT"/*/src/main/docker/Dockerfile.{jvm,native,native-micro}; do
  "$TOOLS/node_modules/.bin/dockerfile-utils" lint "$f" || die "${f#"$ROOT"/}: see above"
  # base images by version, never :latest or no tag at all
  if grep -E '^FROM ' "$f" | awk '{print $2}' | grep -E ':latest$|^[^:@]+$' >/dev/null; then
    die "${f#"$ROOT"/}: a base image without a version (or :latest)"
  fi
done
