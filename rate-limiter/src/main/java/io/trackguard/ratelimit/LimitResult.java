package io.trackguard.ratelimit;

/** The answer for one key: allowed or not, what remains, and when it resets or may be retried. */
public record LimitResult(RateLimitPolicy policy, boolean allowed, long remaining, long resetSeconds, long retryAfterSeconds) {
}
