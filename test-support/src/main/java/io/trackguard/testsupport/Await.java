package io.trackguard.testsupport;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waits for something that happens in the background (a delivery, a drained stream, an incident
 * listed), asking again and again, and fails with what it last saw after a while: a wait on a
 * condition, never a fixed sleep.
 */
public final class Await {

    private static final Duration EVERY = Duration.ofMillis(100);

    private Await() {
    }

    /** Within 30 s. */
    public static <T> T until(String what, Supplier<T> value, Predicate<T> done) {
        return until(what, Duration.ofSeconds(30), value, done);
    }

    public static <T> T until(String what, Duration limit, Supplier<T> value, Predicate<T> done) {
        return until(what, limit, EVERY, value, done);
    }

    /** {@code every}: the pause between two looks, for a {@code value} that costs something to ask (a page load). */
    public static <T> T until(String what, Duration limit, Duration every, Supplier<T> value, Predicate<T> done) {
        return until(what, Instant.now().plus(limit), every, value, done);
    }

    /**
     * By a deadline that is itself the promise (an incident open within 10 s of the block): looks
     * at least once, however late it is called, and fails with what it last saw once the deadline
     * has passed.
     */
    public static <T> T until(String what, Instant deadline, Duration every, Supplier<T> value, Predicate<T> done) {
        while (true) {
            T last = value.get();
            if (done.test(last)) {
                return last;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not by " + deadline + ": " + what + "; last seen: " + last);
            }
            try {
                Thread.sleep(every.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what + "; last seen: " + last);
            }
        }
    }
}
