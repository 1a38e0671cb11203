package io.trackguard.ratelimit;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The combined answer for all keys of one request. {@code degraded} means Redis could not be
 * asked and a conservative in-process limit decided: callers fail closed where that matters.
 */
public record LimitDecision(List<LimitResult> results, boolean degraded) {

    public boolean allowed() {
        return results.stream().allMatch(LimitResult::allowed);
    }

    /** Seconds until every refusing key allows again. */
    public long retryAfterSeconds() {
        return results.stream().filter(r -> !r.allowed()).mapToLong(LimitResult::retryAfterSeconds).max().orElse(0);
    }

    /** The policy closest to refusing: the one the RateLimit field reports. */
    public LimitResult tightest() {
        return results.stream()
                .min(Comparator.comparing(LimitResult::allowed).thenComparingLong(LimitResult::remaining))
                .orElseThrow();
    }

    /** IETF RateLimit-Policy and RateLimit fields (draft-ietf-httpapi-ratelimit-headers), plus Retry-After when refused. */
    public Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        if (results.isEmpty()) {
            return headers;
        }
        headers.put("RateLimit-Policy", results.stream().map(r -> r.policy().policyField()).distinct().collect(Collectors.joining(", ")));
        LimitResult tightest = tightest();
        headers.put("RateLimit", "\"" + tightest.policy().name() + "\";r=" + tightest.remaining() + ";t=" + tightest.resetSeconds());
        if (!allowed()) {
            headers.put("Retry-After", String.valueOf(Math.max(1, retryAfterSeconds())));
        }
        return headers;
    }
}
