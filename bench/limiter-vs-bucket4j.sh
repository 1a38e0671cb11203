#!/usr/bin/env bash
# Our limiter against Bucket4j's Redis back end (bucket4j_jdk17-lettuce, compare-and-swap), the
# same policy on the same Redis, in alternating rounds of one JVM: decisions/s and latency per
# decision. The harness is rate-limiter's test class io.trackguard.ratelimit.bench.LimiterVsBucket4j
# (Bucket4j and Lettuce are test-scope dependencies of rate-limiter only).
# usage: bench/limiter-vs-bucket4j.sh [SECONDS=10] [ROUNDS=4] [THREADS=32] [KEYS=10000]
#        policy: LIMIT=100 BURST=200 (per second); REDIS_URI=redis://127.0.0.1:6379
# Keys carry a prefix of their own (tg:bench:<ms>:) and expire by themselves.
# Writes bench/results/limiter-<time>.txt.
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
export ROUND_SECONDS=${1:-10} ROUNDS=${2:-4} THREADS=${3:-32} KEYS=${4:-10000}
WORK="$ROOT/bench/target"
mkdir -p "$WORK" "$ROOT/bench/results"
LOAD_AT_START=$(cut -d' ' -f1-3 /proc/loadavg)
"$ROOT/scripts/infra.sh"
# one reactor run: the sibling modules (test-support among them) resolve to their target/classes, not ~/.m2
# (each module writes the class path file in turn; rate-limiter, the last, leaves its own)
"$ROOT/mvnw" -B -q -f "$ROOT/pom.xml" test-compile dependency:build-classpath -pl rate-limiter -am \
  -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/limiter-classpath.txt" >/dev/null
CP="$ROOT/rate-limiter/target/test-classes:$ROOT/rate-limiter/target/classes:$(cat "$WORK/limiter-classpath.txt")"
OUT="$ROOT/bench/results/limiter-$(date -u +%Y-%m-%dT%H%M).txt"
{
  echo "machine: $(nproc) cores, $(free -g | awk '/Mem/{print $2}') GB, $(uname -r); java $(java -version 2>&1 | head -1 | cut -d'"' -f2); redis $(redis-server --version | sed 's/.*v=\([^ ]*\).*/\1/'); load average at start: $LOAD_AT_START"
  echo "command: bench/limiter-vs-bucket4j.sh $ROUND_SECONDS $ROUNDS $THREADS $KEYS  (one JVM, -Xmx512m, on the same cores as Redis)"
  echo
  java -Xmx512m -cp "$CP" io.trackguard.ratelimit.bench.LimiterVsBucket4j 2>&1 \
    | grep --line-buffered -v -e '^SLF4J' -e 'WARNING'
} | tee "$OUT"
log "written to $OUT"
