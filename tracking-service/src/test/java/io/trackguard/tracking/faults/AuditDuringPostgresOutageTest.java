package io.trackguard.tracking.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.trackguard.testsupport.PhasedLoad;
import io.trackguard.testsupport.SparePostgres;
import io.trackguard.tracking.audit.AccessLog;
import io.trackguard.tracking.shipment.ShipmentFixtures;
import io.trackguard.tracking.support.Clients;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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

    /** How long PostgreSQL stays down under load: the length of the outage is what this test is about. */
    private static final Duration OUTAGE = Duration.ofSeconds(30);
    private static final Duration WITHIN = Duration.ofSeconds(60);

    @Inject
    ShipmentFixtures fixtures;
    @Inject
    AgroalDataSource dataSource;
    @Inject
    AccessLog log;
    @TestHTTPResource("/api/v1/track/")
    URL track;

    @Test
    void everyAnsweredLookupHasItsRowAfterAnOutageOfPostgres() throws Exception {
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            numbers.add(fixtures.create(ShipmentFixtures.OTHER_PARTNER));
        }
        AtomicInteger next = new AtomicInteger();
        PhasedLoad load = new PhasedLoad("before", Duration.ofSeconds(30));
        try (load) {
            load.add("lookup", 3, () -> HttpRequest.newBuilder(URI.create(track + numbers.get(Math.floorMod(next.getAndIncrement(), numbers.size()))))
                    .header("X-Forwarded-For", Clients.crowdAddress()));
            load.awaitAnswers("lookup", 30, WITHIN);
            load.phase("stopped");
            SparePostgres.stopServer();
            try {
                load.awaitAnswers("lookup", 30, WITHIN);
                Thread.sleep(OUTAGE.toMillis()); // the duration is the point: records pile up in the stream for 30 s
            } finally {
                SparePostgres.startServer();
            }
            load.phase("after");
            load.awaitSteady("lookup", a -> a.status() == 200, 30, WITHIN);
        }
        System.out.printf("AuditDuringPostgresOutageTest answers per phase %s%n", load.counts());
        assertTrue(load.counts("before", "lookup").getOrDefault(200, 0L) > 0 && load.counts("after", "lookup").getOrDefault(200, 0L) > 0,
                "lookups were answered before and after: " + load.counts());

        List<String> answered = AuditRows.answered(load, "lookup");
        Set<String> missing = new AuditRows(log, dataSource).missing(answered);
        assertEquals(0, missing.size(), "answered lookups without their audit record, of " + answered.size() + ", e.g. "
                + missing.stream().limit(5).toList());
    }
}
