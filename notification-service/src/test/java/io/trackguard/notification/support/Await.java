package io.trackguard.notification.support;

import java.time.Duration;
import java.util.function.Supplier;

/** Waits for something the service does in the background, failing with a message after a while. */
public final class Await {

    private Await() {
    }

    public static <T> T until(String what, Supplier<T> value, java.util.function.Predicate<T> done) {
        return until(what, Duration.ofSeconds(30), value, done);
    }

    public static <T> T until(String what, Duration limit, Supplier<T> value, java.util.function.Predicate<T> done) {
        long deadline = System.nanoTime() + limit.toNanos();
        T last = null;
        while (System.nanoTime() < deadline) {
            last = value.get();
            if (done.test(last)) {
                return last;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("waited " + limit.toSeconds() + " s for " + what + "; last seen: " + last);
    }
}
