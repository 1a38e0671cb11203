package io.trackguard.ratelimit;

import java.time.Duration;

/**
 * A named limit. {@link Kind#RATE}: {@code limit} requests per {@code period}, at most
 * {@code burst} at once (GCRA). {@link Kind#WINDOW}: at most {@code limit} counted events in a
 * window of {@code period} starting with the first one (lockouts after failures).
 */
public record RateLimitPolicy(String name, Kind kind, long limit, Duration period, long burst) {

    public enum Kind { RATE, WINDOW }

    public RateLimitPolicy {
        if (limit < 1 || burst < 1 || period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("limit, burst and period must be positive: " + name);
        }
        if (!name.matches("[a-z0-9-]{1,40}")) {
            throw new IllegalArgumentException("policy names are short lower-case tokens: " + name);
        }
    }

    public static RateLimitPolicy rate(String name, long limit, Duration period, long burst) {
        return new RateLimitPolicy(name, Kind.RATE, limit, period, burst);
    }

    public static RateLimitPolicy window(String name, long limit, Duration period) {
        return new RateLimitPolicy(name, Kind.WINDOW, limit, period, limit);
    }

    /** GCRA emission interval: one request's share of the period, in milliseconds. */
    long emissionIntervalMillis() {
        return Math.max(1, period.toMillis() / limit);
    }

    /** GCRA burst tolerance in milliseconds. */
    long burstToleranceMillis() {
        return emissionIntervalMillis() * (burst - 1);
    }

    /** The policy as an IETF RateLimit-Policy list member: {@code "lookups";q=60;w=60}. */
    public String policyField() {
        return "\"" + name + "\";q=" + limit + ";w=" + Math.max(1, period.toSeconds());
    }

    /** This policy with its limit and burst scaled down (never below one), for degraded operation. */
    public RateLimitPolicy scaled(double factor) {
        return new RateLimitPolicy(name, kind, Math.max(1, (long) (limit * factor)), period, Math.max(1, (long) (burst * factor)));
    }
}
