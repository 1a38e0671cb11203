package io.trackguard.gateway.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.trackguard.gateway.shipment.Tokens;
import io.trackguard.testsupport.PhasedLoad;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * tracking-service (a stand-in the test controls) stopped, then hung, while partners read their
 * shipments. The gateway answers 503 tracking-unavailable with Retry-After, never a 500, each
 * within what its fault tolerance allows a read (every attempt's timeout, the retries and their
 * delays) plus a margin; its circuit breaker opens, so it stops waiting on a dependency that is
 * away; and once tracking-service is back the breaker closes by itself and every read is answered.
 */
@QuarkusTest
@TestProfile(TrackingServiceFaultTest.FaultyTracking.class)
class TrackingServiceFaultTest {

    /** The stand-in the test stops and freezes, instead of the module's usual one. */
    public static class FaultyTracking implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(FaultyTrackingService.class));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    /** Generous on purpose: the test JVM shares 2 cores with the service it loads and other builds. */
    private static final Duration MARGIN = Duration.ofSeconds(4);
    private static final Duration RECOVERY = Duration.ofSeconds(30);
    private static final String CLIENT = "io.trackguard.gateway.shipment.TrackingServiceClient";
    private static final String NUMBER = "TGFTRS23456789ABCD";

    @Inject
    MeterRegistry meters;
    @TestHTTPResource("/api/v1/shipments/")
    URL shipments;

    @Test
    void stoppedOrHungTrackingServiceAnswers503WithinTheFaultToleranceBoundsOpensTheBreakerAndRecovers() throws Exception {
        Duration bound = readBound().plus(MARGIN);
        String token = Tokens.partner("ocs");
        PhasedLoad load = new PhasedLoad("before", bound.multipliedBy(2));
        long openedWhileStopped;
        long openedWhileFrozen;
        int callsWhileOpen;
        try (load) {
            load.add("read", 3, () -> HttpRequest.newBuilder(URI.create(shipments + NUMBER)).header("Authorization", "Bearer " + token));
            load.awaitAnswers("read", 30, Duration.ofSeconds(30));

            long opened = opened();
            load.phase("stopped");
            FaultyTrackingService.crash();
            load.awaitAnswer("read", a -> a.status() == 503, bound.plusSeconds(10));
            openedWhileStopped = awaitOpened(opened, bound.plusSeconds(10));
            load.awaitAnswers("read", 30, Duration.ofSeconds(30));
            load.phase("stopped-recovering");
            FaultyTrackingService.restart();
            // the breaker lets a trial call through after its delay, and closes after enough successes
            load.awaitSteady("read", a -> a.status() == 200, 6, RECOVERY);
            load.phase("after-stop");
            load.awaitAnswers("read", 30, Duration.ofSeconds(30));

            opened = opened();
            load.phase("frozen");
            FaultyTrackingService.freeze();
            try {
                load.awaitAnswer("read", a -> a.status() == 503, bound.plusSeconds(10));
                openedWhileFrozen = awaitOpened(opened, bound.plusSeconds(10));
                // hung for longer than the bound: a read that waited for it would be counted as too slow
                long until = System.nanoTime() + bound.plusSeconds(2).toNanos();
                int callsAtOpen = FaultyTrackingService.calls.get();
                load.awaitAnswers("read", 30, Duration.ofSeconds(30));
                while (System.nanoTime() < until) {
                    Thread.sleep(100);
                }
                // an open breaker answers at once; only a trial call after each delay reaches the hung service
                callsWhileOpen = FaultyTrackingService.calls.get() - callsAtOpen;
            } finally {
                FaultyTrackingService.thaw();
            }
            load.phase("frozen-recovering");
            load.awaitSteady("read", a -> a.status() == 200, 6, RECOVERY);
            load.phase("after-freeze");
            load.awaitAnswers("read", 30, Duration.ofSeconds(30));
        }
        Map<String, Map<String, Map<Integer, Long>>> counts = load.counts();
        List<PhasedLoad.Answer> answers = load.answers();
        long slow = answers.stream().filter(a -> a.millis() > bound.toMillis()).count();
        System.out.printf("TrackingServiceFaultTest answers per phase %s; slower than %d ms: %d; slowest %d ms; "
                        + "breaker opened %d times while stopped, %d while frozen; calls reaching the hung service while open: %d%n",
                counts, bound.toMillis(), slow, load.slowest(), openedWhileStopped, openedWhileFrozen, callsWhileOpen);

        for (String p : List.of("before", "after-stop", "after-freeze")) {
            assertEquals(Set.of(200), load.counts(p, "read").keySet(), p + ": every read answered " + counts);
        }
        assertTrue(answers.stream().allMatch(a -> a.status() == 200 || a.status() == 503), "only 200 or 503: " + counts);
        assertTrue(answers.stream().filter(a -> a.status() == 503).allMatch(a -> "urn:trackguard:problem:tracking-unavailable".equals(a.type())
                && a.retryAfter() != null), "every 503 says tracking-unavailable, with Retry-After");
        assertEquals(0, slow, "answers slower than " + bound.toMillis() + " ms");
        assertTrue(callsWhileOpen <= 10, "the open breaker kept reads off the hung service: " + callsWhileOpen + " calls");
    }

    /** What one read may take by the gateway's own settings: every attempt's timeout, and the waits between them. */
    private static Duration readBound() {
        Config config = ConfigProvider.getConfig();
        long timeout = config.getValue("quarkus.fault-tolerance.\"" + CLIENT + "/get\".timeout.value", Long.class);
        int retries = config.getValue("quarkus.fault-tolerance.\"" + CLIENT + "\".retry.max-retries", Integer.class);
        long delay = config.getValue("quarkus.fault-tolerance.\"" + CLIENT + "\".retry.delay", Long.class);
        long jitter = config.getValue("quarkus.fault-tolerance.\"" + CLIENT + "\".retry.jitter", Long.class);
        return Duration.ofMillis((retries + 1) * timeout + retries * (delay + jitter));
    }

    /** How many times the tracking-service client's breakers opened (MicroProfile Fault Tolerance metrics). */
    private long opened() {
        List<Meter> all = meters.getMeters();
        List<Counter> opened = meters.find("ft.circuitbreaker.opened.total").counters().stream().toList();
        assertTrue(!opened.isEmpty(), "the breaker's metrics: " + all.stream().map(m -> m.getId().getName())
                .filter(n -> n.startsWith("ft")).collect(Collectors.toSet()));
        return opened.stream().mapToLong(c -> (long) c.count()).sum();
    }

    private long awaitOpened(long before, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (opened() == before) {
            assertTrue(System.nanoTime() < deadline, "the circuit breaker opened within " + within);
            Thread.sleep(50);
        }
        return opened() - before;
    }
}
