package io.trackguard.notification.notice;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    static final Duration BASE = Duration.ofSeconds(10);
    static final Duration MAX = Duration.ofMinutes(30);

    @Test
    void theWaitDoublesWithEachTryHalfFixedHalfRandom() {
        assertEquals(Duration.ofSeconds(5), Backoff.after(1, BASE, MAX, bound -> 0), "try 1: 10 s, of which 5 fixed");
        assertEquals(Duration.ofSeconds(10), Backoff.after(1, BASE, MAX, bound -> bound), "and at most 10 s");
        assertEquals(Duration.ofSeconds(20), Backoff.after(3, BASE, MAX, bound -> 0), "try 3: 40 s, of which 20 fixed");
        assertEquals(Duration.ofSeconds(40), Backoff.after(3, BASE, MAX, bound -> bound));
    }

    @Test
    void theWaitIsCappedWhateverTheNumberOfTries() {
        assertEquals(Duration.ofMinutes(15), Backoff.after(9, BASE, MAX, bound -> 0));
        assertEquals(Duration.ofMinutes(30), Backoff.after(60, BASE, MAX, bound -> bound), "no overflow after many tries");
    }
}
