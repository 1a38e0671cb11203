package io.trackguard.notification.notice;

import java.time.Duration;
import java.util.function.LongUnaryOperator;

/**
 * Exponential backoff with "equal jitter": after try n the wait is min(max, base * 2^(n-1)),
 * half of it fixed and half random, so a batch that failed together does not retry together.
 */
public final class Backoff {

    private Backoff() {
    }

    /** {@code random} answers a value in [0, bound] for a bound. */
    public static Duration after(int attempts, Duration base, Duration max, LongUnaryOperator random) {
        long delay = Math.min(max.toMillis(), base.toMillis() * (1L << Math.min(20, Math.max(0, attempts - 1))));
        return Duration.ofMillis(delay / 2 + random.applyAsLong(delay / 2));
    }
}
