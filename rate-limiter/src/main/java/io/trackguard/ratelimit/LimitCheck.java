package io.trackguard.ratelimit;

/**
 * One key to check under one policy. {@code subject} is already a pseudonym (an HMAC of an
 * address, a client id, a keyed hash of a number): never a raw address or personal data.
 * {@code cost} 0 only reads the state (a peek), 1 counts one request or one failure.
 */
public record LimitCheck(RateLimitPolicy policy, String subject, int cost) {

    public LimitCheck {
        if (cost < 0) {
            throw new IllegalArgumentException("cost must not be negative");
        }
    }

    public static LimitCheck of(RateLimitPolicy policy, String subject) {
        return new LimitCheck(policy, subject, 1);
    }

    public static LimitCheck peek(RateLimitPolicy policy, String subject) {
        return new LimitCheck(policy, subject, 0);
    }

    /** The Redis key. The braces make it a hash tag, so the key's slot is fixed on a Redis Cluster. */
    public String key(String prefix) {
        return prefix + "{" + policy.name() + ":" + subject + "}";
    }
}
