package io.trackguard.tracking.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.trackguard.testsupport.SparePostgres;
import io.trackguard.tracking.audit.AccessLog;
import io.trackguard.tracking.shipment.ShipmentFixtures;
import io.trackguard.tracking.support.Clients;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL (the test's own) stopped for 30 s under a load of public lookups, then started
 * again: every lookup a client got a 200 for has its row in the audit log afterwards, those
 * answered just before the stop (in the stream, not yet written) included. The rows are found
 * by the X-Request-Id each answer carried. Shares PostgresDownTest's profile (one start).
 */
@QuarkusTest
@TestProfile(PostgresDownTest.OwnPostgres.class)
class AuditDuringPostgresOutageTest {

    private static final int WORKERS = 3;

    @Inject
    ShipmentFixtures fixtures;
    @Inject
    AgroalDataSource dataSource;
    @Inject
    AccessLog log;
    @TestHTTPResource("/api/v1/track/")
    URL track;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private volatile boolean loading = true;
    private volatile String phase = "before";
    private final ConcurrentLinkedQueue<String> answered = new ConcurrentLinkedQueue<>();
    private final Map<String, Map<Integer, AtomicInteger>> statuses = new ConcurrentHashMap<>();

    @Test
    void everyAnsweredLookupHasItsRowAfterAnOutageOfPostgres() throws Exception {
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            numbers.add(fixtures.create(ShipmentFixtures.OTHER_PARTNER));
        }
        ExecutorService load = Executors.newFixedThreadPool(WORKERS);
        AtomicInteger next = new AtomicInteger();
        for (int w = 0; w < WORKERS; w++) {
            load.submit(() -> {
                while (loading) {
                    lookup(numbers.get(Math.floorMod(next.getAndIncrement(), numbers.size())));
                }
                return null;
            });
        }
        try {
            Thread.sleep(3_000);
            phase = "stopped";
            SparePostgres.stopServer();
            Thread.sleep(30_000);
            SparePostgres.startServer();
            phase = "after";
            Thread.sleep(10_000);
        } finally {
            loading = false;
            load.shutdown();
            assertTrue(load.awaitTermination(60, TimeUnit.SECONDS), "the load stopped");
        }
        System.out.printf("AuditDuringPostgresOutageTest answers per phase %s%n", new TreeMap<>(statuses));
        assertTrue(statuses.get("before").get(200).get() > 0 && statuses.get("after").get(200).get() > 0,
                "lookups were answered before and after: " + statuses);

        flushOnceWritable();
        Set<String> missing = new HashSet<>(answered);
        missing.removeAll(disclosedRequestIds());
        assertEquals(0, missing.size(), "answered lookups without their audit record, of " + answered.size() + ", e.g. "
                + missing.stream().limit(5).toList());
    }

    private void lookup(String number) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(track + number))
                    .header("X-Forwarded-For", Clients.crowdAddress()).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            statuses.computeIfAbsent(phase, p -> new ConcurrentHashMap<>()).computeIfAbsent(r.statusCode(), s -> new AtomicInteger())
                    .incrementAndGet();
            if (r.statusCode() == 200) {
                answered.add(r.headers().firstValue("X-Request-Id").orElseThrow());
            }
        } catch (Exception e) {
            statuses.computeIfAbsent(phase, p -> new ConcurrentHashMap<>()).computeIfAbsent(0, s -> new AtomicInteger()).incrementAndGet();
        }
    }

    /** The pool may still hold a connection broken by the stop: the catch-up is asked again until it answers. */
    private void flushOnceWritable() throws InterruptedException {
        for (int attempt = 0; ; attempt++) {
            try {
                log.flush();
                return;
            } catch (RuntimeException e) {
                if (attempt >= 10) {
                    throw e;
                }
                Thread.sleep(1_000);
            }
        }
    }

    private Set<String> disclosedRequestIds() throws Exception {
        Set<String> ids = new HashSet<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT request_id FROM access_record WHERE outcome = 'DISCLOSED' AND actor_kind = 'PUBLIC'");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }
}
