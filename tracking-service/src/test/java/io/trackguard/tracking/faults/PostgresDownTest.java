package io.trackguard.tracking.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.trackguard.testsupport.SparePostgres;
import io.trackguard.tracking.shipment.ShipmentFixtures;
import io.trackguard.tracking.support.Clients;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
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
    private static final int WORKERS = 3;

    @Inject
    ShipmentFixtures fixtures;
    @ConfigProperty(name = "quarkus.datasource.jdbc.acquisition-timeout")
    Duration acquisitionTimeout;
    @ConfigProperty(name = "quarkus.datasource.jdbc.additional-jdbc-properties.socketTimeout")
    int socketTimeoutSeconds;
    @TestHTTPResource("/api/v1/track/")
    URL track;
    @TestHTTPResource(value = "/health/ready", management = true) // the management root is /q
    URL ready;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private volatile String phase = "before";
    private volatile boolean loading = true;
    private volatile boolean paused;
    private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();

    record Answer(String phase, int status, long millis, String type, String retryAfter) {
    }

    @Test
    void stoppedOrFrozenPostgresAnswers503NeverSlowerThanItsTimeoutsAndRecovers() throws Exception {
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            numbers.add(fixtures.create(ShipmentFixtures.OTHER_PARTNER));
        }
        Duration bound = acquisitionTimeout.plusSeconds(socketTimeoutSeconds).plus(MARGIN);
        ExecutorService load = Executors.newFixedThreadPool(WORKERS);
        AtomicInteger next = new AtomicInteger();
        for (int w = 0; w < WORKERS; w++) {
            load.submit(() -> {
                while (loading) {
                    if (paused) {
                        Thread.sleep(50);
                        continue;
                    }
                    lookup(numbers.get(Math.floorMod(next.getAndIncrement(), numbers.size())), bound);
                }
                return null;
            });
        }
        int readyWhileDown;
        int readyWhileFrozen;
        try {
            awaitReady(bound);
            Thread.sleep(3_000);

            // a restart while nobody asks: the pool keeps the connections of before, now broken
            paused = true;
            Thread.sleep(500);
            SparePostgres.stopServer();
            SparePostgres.startServer();
            // no readiness probe in between (each probe would weed out one broken connection):
            // the first lookups after the restart meet the pool as it is
            Thread.sleep(3_000);
            phase = "after-quiet-restart";
            paused = false;
            Thread.sleep(3_000);

            phase = "stopped";
            SparePostgres.stopServer();
            Thread.sleep(5_000);
            readyWhileDown = readiness(bound);
            SparePostgres.startServer();
            phase = "stopped-recovering";
            awaitReady(bound);
            phase = "after-stop";
            Thread.sleep(3_000);

            phase = "frozen";
            SparePostgres.freeze();
            try {
                // longer than the bound: a lookup that waited for the frozen server would be counted as too slow
                Thread.sleep(bound.toMillis() + 2_000);
                readyWhileFrozen = readiness(bound);
            } finally {
                SparePostgres.thaw();
            }
            phase = "frozen-recovering";
            awaitReady(bound);
            phase = "after-freeze";
            Thread.sleep(3_000);
        } finally {
            loading = false;
            load.shutdown();
            assertTrue(load.awaitTermination(bound.toSeconds() * 2, TimeUnit.SECONDS), "the load stopped");
        }

        Map<String, Map<Integer, Long>> byPhase = answers.stream().collect(Collectors.groupingBy(Answer::phase, TreeMap::new,
                Collectors.groupingBy(Answer::status, TreeMap::new, Collectors.counting())));
        long slow = answers.stream().filter(a -> a.millis() > bound.toMillis()).count();
        System.out.printf("PostgresDownTest answers per phase %s; slower than %d ms: %d; slowest %d ms%n", byPhase,
                bound.toMillis(), slow, answers.stream().mapToLong(Answer::millis).max().orElse(0));

        for (String p : List.of("before", "after-quiet-restart", "after-stop", "after-freeze")) {
            assertEquals(java.util.Set.of(200), byPhase.getOrDefault(p, Map.of()).keySet(), p + ": every lookup answered " + byPhase);
        }
        assertTrue(answers.stream().allMatch(a -> a.status() == 200 || a.status() == 503), "only 200 or 503: " + byPhase);
        assertTrue(byPhase.get("stopped").getOrDefault(503, 0L) > 0, "lookups PostgreSQL could not serve: " + byPhase);
        assertTrue(byPhase.get("frozen").getOrDefault(503, 0L) > 0, "lookups a frozen PostgreSQL could not serve: " + byPhase);
        assertTrue(answers.stream().filter(a -> a.status() == 503).allMatch(a -> "urn:trackguard:problem:temporarily-unavailable".equals(a.type())
                && a.retryAfter() != null), "every 503 says temporarily unavailable, with Retry-After");
        assertEquals(0, slow, "answers slower than " + bound.toMillis() + " ms");
        assertEquals(503, readyWhileDown, "readiness while PostgreSQL is stopped");
        assertEquals(503, readyWhileFrozen, "readiness while PostgreSQL is frozen");
    }

    /** An answer counts in the phase it ended in: one asked before the stop and answered after it is of the outage. */
    private void lookup(String number, Duration bound) {
        long start = System.nanoTime();
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(track + number))
                    .header("X-Forwarded-For", Clients.crowdAddress())
                    .timeout(bound.multipliedBy(2)).build(), HttpResponse.BodyHandlers.ofString());
            String type = r.body().replaceAll("(?s).*\"type\"\\s*:\\s*\"([^\"]*)\".*", "$1");
            answers.add(new Answer(phase, r.statusCode(), (System.nanoTime() - start) / 1_000_000,
                    r.statusCode() == 200 ? null : type, r.headers().firstValue("Retry-After").orElse(null)));
        } catch (Exception e) {
            // no answer at all (twice the bound): counted as the slowest kind of failure
            answers.add(new Answer(phase, 0, (System.nanoTime() - start) / 1_000_000, e.getClass().getSimpleName(), null));
        }
    }

    private volatile String lastReadiness;

    private int readiness(Duration bound) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(ready.toURI()).timeout(bound).build(), HttpResponse.BodyHandlers.ofString());
        lastReadiness = r.body();
        return r.statusCode();
    }

    /** What Kubernetes waits for before it routes to the replica again; recovery is "within seconds". */
    private void awaitReady(Duration bound) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (readiness(bound) != 200) {
            assertTrue(System.nanoTime() < deadline, "ready again within 20 s of PostgreSQL's return: " + lastReadiness);
            Thread.sleep(200);
        }
    }
}
