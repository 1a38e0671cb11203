package io.trackguard.testsupport;

import java.time.Duration;
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
        long deadline = System.nanoTime() + limit.toNanos();
        T last = null;
        while (System.nanoTime() < deadline) {
            last = value.get();
            if (done.test(last)) {
                return last;
            }
            try {
                Thread.sleep(every.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("waited " + limit.toSeconds() + " s for " + what + "; last seen: " + last);
    }
}
