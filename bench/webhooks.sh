#!/usr/bin/env bash
# Partner webhook delivery benchmark: EVENTS shipment events (default 10,000) written to the
# stream trackguard:shipment-events as tracking-service's relay writes them, delivered by
# notification-service to PARTNERS endpoints of a local HTTPS receiver (self-signed, in the
# test JVM). Real parts: notification-service (in its test JVM), PostgreSQL, Redis, the HTTPS
# receiver. Stand-ins: partner-gateway's subscription read. Measures deliveries/s and the delay
# from the stream entry to the endpoint (p50/p99). tracking-service's outbox relay, woken by each
# commit, adds a transaction and an XADD per batch on top; it is not in this figure.
#
# usage: bench/webhooks.sh [EVENTS=10000] [PARTNERS=10]    (takes the notification lock itself)
# Writes bench/results/webhooks-<time>.txt; copy it into bench/RESULTS.md with the machine.
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
EVENTS=${1:-10000}
PARTNERS=${2:-10}
mkdir -p "$ROOT/bench/results"
OUT="$ROOT/bench/results/webhooks-$(date -u +%Y-%m-%dT%H%M).txt"
LOCK=/work/tools/tg-lock
[[ -x $LOCK ]] || LOCK=""
${LOCK:+$LOCK notification --} "$ROOT/mvnw" -o -B -q -f "$ROOT/pom.xml" verify -pl webhook-targets,notification-service \
  -Dbench.excluded=none -Dgroups=bench -Dtest=WebhookThroughputBench -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.events="$EVENTS" -Dbench.partners="$PARTNERS" -Dquarkus.log.level=WARN
{ echo "bench/webhooks.sh $EVENTS $PARTNERS, $(date -u +%FT%TZ), $(nproc) cores, $(java -version 2>&1 | head -1)"
  cat "$ROOT/notification-service/target/bench-webhooks.txt"; } | tee "$OUT"
