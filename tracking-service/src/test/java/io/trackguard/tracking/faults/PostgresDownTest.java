package io.trackguard.tracking.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.trackguard.testsupport.PhasedLoad;
import io.trackguard.testsupport.Readiness;
import io.trackguard.testsupport.SparePostgres;
import io.trackguard.tracking.shipment.ShipmentFixtures;
import io.trackguard.tracking.support.Clients;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL (a server of the test's own) stopped, then frozen with SIGSTOP, under a load of public
 * lookups. The answers are counted per phase: before, while it is down, until readiness says the
 * service is ready again, and after. No answer is a 500: a lookup PostgreSQL cannot serve is a 503
 * with Retry-After; readiness reports the database down while it is; no answer takes longer than
 * the configured waits (a connection, a statement's reply) plus a margin for this shared machine;
 * and once readiness is up again, every lookup is answered (the connections of before the outage
 * are checked before they are lent, instead of failing the first requests; a restart while no one
 * asks, which leaves every pooled connection broken, shows it).
 */
@QuarkusTest
@TestProfile(PostgresDownTest.OwnPostgres.class)
class PostgresDownTest {

    /** Its own PostgreSQL; a short statement timeout so a freeze of a few seconds outlasts it; many lookups per number. */
    public static class OwnPostgres implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            // the roles and database of scripts/databases.sql, with the test profile's demo passwords
            return List.of(new TestResourceEntry(SparePostgres.class, Map.of("role.tracking", "demo-only-tracking",
                    "role.tracking_app", "demo-only-tracking-app", "database", "tracking_test", "owner", "tracking")));
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.jdbc.additional-jdbc-properties.socketTimeout", "3",
                    "trackguard.limits.lookups-per-number.burst", "1000000");
        }
    }

    /** Generous on purpose: the test JVM shares 2 cores with the service it loads and other builds. */
    private static final Duration MARGIN = Duration.ofSeconds(4);
    /** What Kubernetes waits for before it routes to the replica again; recovery is "within seconds". */
    private static final Duration RECOVERY = Duration.ofSeconds(20);
    private static final Duration WITHIN = Duration.ofSeconds(60);
    /** Lookups per phase: load for the phase, not a time. */
    private static final int PER_PHASE = 30;

    @Inject
    ShipmentFixtures fixtures;
    @ConfigProperty(name = "quarkus.datasource.jdbc.acquisition-timeout")
    Duration acquisitionTimeout;
    @ConfigProperty(name = "quarkus.datasource.jdbc.additional-jdbc-properties.socketTimeout")
    int socketTimeoutSeconds;
    /** A pooled connection idle for longer than this is validated before it is lent. */
    @ConfigProperty(name = "quarkus.datasource.jdbc.foreground-validation-interval")
    Duration foregroundValidation;
    @TestHTTPResource("/api/v1/track/")
    URL track;
    @TestHTTPResource(value = "/health/ready", management = true) // the management root is /q
    URL ready;

    @Test
    void stoppedOrFrozenPostgresAnswers503NeverSlowerThanItsTimeoutsAndRecovers() throws Exception {
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            numbers.add(fixtures.create(ShipmentFixtures.OTHER_PARTNER));
        }
        Duration bound = acquisitionTimeout.plusSeconds(socketTimeoutSeconds).plus(MARGIN);
        Readiness readiness = new Readiness(ready, bound);
        AtomicInteger next = new AtomicInteger();
        PhasedLoad load = new PhasedLoad("before", bound.multipliedBy(2));
        int readyWhileDown;
        int readyWhileFrozen;
        try (load) {
            load.add("lookup", 3, () -> HttpRequest.newBuilder(URI.create(track + numbers.get(Math.floorMod(next.getAndIncrement(), numbers.size()))))
                    .header("X-Forwarded-For", Clients.crowdAddress()));
            readiness.await(200, RECOVERY);
            load.awaitAnswers("lookup", PER_PHASE, WITHIN);

            // a restart while nobody asks: the pool keeps the connections of before, now broken
            load.pause(bound.multipliedBy(2));
            long quietUntil = System.nanoTime() + foregroundValidation.plusSeconds(1).toNanos();
            SparePostgres.stopServer();
            SparePostgres.startServer();
            // the duration is the point: quiet for longer than the foreground validation interval, as a
            // restart while nobody asks is (a connection used within it is lent unchecked, by design:
            // those are the outage's own 503s, in "stopped-recovering")
            long quiet = quietUntil - System.nanoTime();
            if (quiet > 0) {
                Thread.sleep(quiet / 1_000_000);
            }
            // no readiness probe in between (each probe would weed out one broken connection):
            // the first lookups after the restart meet the pool as it is
            load.phase("after-quiet-restart");
            load.resume();
            load.awaitAnswers("lookup", PER_PHASE, WITHIN);

            load.phase("stopped");
            SparePostgres.stopServer();
            try {
                load.awaitAnswer("lookup", a -> a.status() == 503, bound.plusSeconds(10));
                readyWhileDown = readiness.await(503, bound.plusSeconds(10));
            } finally {
                SparePostgres.startServer();
            }
            load.phase("stopped-recovering");
            readiness.await(200, RECOVERY);
            load.phase("after-stop");
            load.awaitAnswers("lookup", PER_PHASE, WITHIN);

            load.phase("frozen");
            SparePostgres.freeze();
            try {
                long until = System.nanoTime() + bound.plusSeconds(2).toNanos();
                load.awaitAnswer("lookup", a -> a.status() == 503, bound.plusSeconds(10));
                readyWhileFrozen = readiness.await(503, bound.plusSeconds(10));
                // the duration is the point: frozen for longer than the bound, so a lookup that waited
                // for the frozen server instead of giving up would be counted as too slow
                long left = until - System.nanoTime();
                if (left > 0) {
                    Thread.sleep(left / 1_000_000);
                }
            } finally {
                SparePostgres.thaw();
            }
            load.phase("frozen-recovering");
            readiness.await(200, RECOVERY);
            load.phase("after-freeze");
            load.awaitAnswers("lookup", PER_PHASE, WITHIN);
        }

        Map<String, Map<String, Map<Integer, Long>>> counts = load.counts();
        List<PhasedLoad.Answer> answers = load.answers();
        long slow = answers.stream().filter(a -> a.millis() > bound.toMillis()).count();
        System.out.printf("PostgresDownTest answers per phase %s; slower than %d ms: %d; slowest %d ms; slowest readiness %d ms%n", counts,
                bound.toMillis(), slow, load.slowest(), readiness.slowestMillis());

        for (String p : List.of("before", "after-quiet-restart", "after-stop", "after-freeze")) {
            assertEquals(Set.of(200), load.counts(p, "lookup").keySet(), p + ": every lookup answered " + counts);
        }
        assertTrue(answers.stream().allMatch(a -> a.status() == 200 || a.status() == 503), "only 200 or 503: " + counts);
        assertTrue(load.counts("stopped", "lookup").getOrDefault(503, 0L) > 0, "lookups PostgreSQL could not serve: " + counts);
        assertTrue(load.counts("frozen", "lookup").getOrDefault(503, 0L) > 0, "lookups a frozen PostgreSQL could not serve: " + counts);
        assertTrue(answers.stream().filter(a -> a.status() == 503).allMatch(a -> "urn:trackguard:problem:temporarily-unavailable".equals(a.type())
                && a.retryAfter() != null), "every 503 says temporarily unavailable, with Retry-After");
        assertEquals(0, slow, "answers slower than " + bound.toMillis() + " ms");
        assertEquals(503, readyWhileDown, "readiness while PostgreSQL is stopped: " + readiness.last());
        assertEquals(503, readyWhileFrozen, "readiness while PostgreSQL is frozen: " + readiness.last());
    }
}
