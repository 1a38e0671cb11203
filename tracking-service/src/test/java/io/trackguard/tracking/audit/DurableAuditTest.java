package io.trackguard.tracking.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.XReadGroupArgs;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.trackguard.tracking.client.Actor;
import io.trackguard.tracking.client.ActorKind;
import io.trackguard.tracking.support.HourlyFlush;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The stream between a request and the table: a record PostgreSQL refuses holds up none after
 * it and is kept and counted; entries a replica read and died with are written by another. The
 * scheduled consumer is paused (and hourly in this profile): only what the test calls writes.
 */
@QuarkusTest
@TestProfile(HourlyFlush.class)
class DurableAuditTest {

    @Inject
    AccessLog log;
    @Inject
    AuditConsumer consumer;
    @Inject
    AuditWriter writer;
    @Inject
    AuditConfig config;
    @Inject
    RedisDataSource redis;
    @Inject
    AgroalDataSource dataSource;
    @Inject
    MeterRegistry metrics;
    @Inject
    Scheduler scheduler;

    @BeforeEach
    void pauseTheConsumer() {
        scheduler.pause(AuditConsumer.JOB);
        consumer.pollOnce(config.claimIdle()); // the group exists, the stream holds nothing of before
    }

    @AfterEach
    void resumeTheConsumer() {
        scheduler.resume(AuditConsumer.JOB);
    }

    @Test
    void aRecordPostgresRefusesIsKeptAndCountedAndTheNextOnesAreWritten() throws Exception {
        String actor = "user:refused-" + UUID.randomUUID();
        double before = rejected();

        log.append(record(actor, "before"));
        log.append(record(actor, "a reason with a NUL \u0000 byte"));
        log.append(record(actor, "after"));
        log.flush();
        log.append(record(actor, "later"));
        log.flush();

        assertEquals(List.of("before", "after", "later"), reasons(actor), "the refused record held up none of the others");
        List<String> states = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT sql_state, payload FROM access_record_rejected ORDER BY rejected_at DESC LIMIT 50");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                if (new String(rs.getBytes(2), StandardCharsets.UTF_8).contains(actor)) {
                    states.add(rs.getString(1));
                }
            }
        }
        assertEquals(1, states.size(), "the refused record is kept: " + states);
        assertTrue(states.get(0).startsWith("22"), "with PostgreSQL's SQLState, a data exception: " + states);
        assertEquals(before + 1, rejected(), "and counted for the alert");
        assertEquals(0, consumer.backlog(), "nothing is left in the stream");
    }

    @Test
    void entriesAReplicaReadAndDiedWithAreClaimedAndWrittenByAnother() throws Exception {
        String actor = "user:orphaned-" + UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            log.append(record(actor, "orphan " + i));
        }
        // another replica reads them, and is killed before it writes them
        List<StreamMessage<String, String, String>> taken = redis.stream(String.class)
                .xreadgroup(config.group(), "audit-killed", config.stream(), ">", new XReadGroupArgs().count(100));
        assertEquals(3, taken.stream().filter(m -> actor.equals(m.payload().get("actor"))).count());
        assertEquals(List.of(), reasons(actor));

        log.flush(); // this replica claims what the dead one left pending once it has been idle a while

        assertEquals(List.of("orphan 0", "orphan 1", "orphan 2"), reasons(actor));
        assertEquals(0, redis.stream(String.class).xpending(config.stream(), config.group()).getPendingCount(),
                "nothing pending with the dead consumer");
        assertEquals(0, consumer.backlog(), "nothing is left in the stream");
    }

    @Test
    void aRecordWrittenTwiceIsKeptOnce() throws Exception {
        String actor = "user:twice-" + UUID.randomUUID();
        double rejectedBefore = rejected();
        AuditWriter.Entry entry = new AuditWriter.Entry("1-" + System.nanoTime(), StreamedRecords.encode(record(actor, "once")));
        writer.write(List.of(entry));
        writer.write(List.of(entry)); // a consumer that died after its commit, before its acknowledgement
        assertEquals(List.of("once"), reasons(actor));
        assertEquals(rejectedBefore, rejected(), "the second write is no conflict to keep, just nothing to do");
    }

    private double rejected() {
        Counter c = metrics.find("trackguard.audit.rejected").counter();
        return c == null ? 0 : c.count();
    }

    private static AccessRecord record(String actor, String reason) {
        return new AccessRecord(Instant.now(), new Actor(ActorKind.STAFF, actor), null, null, null, null, List.of(), Outcome.QUERIED,
                "durable-audit-test", reason);
    }

    private List<String> reasons(String actor) throws Exception {
        List<String> reasons = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT reason FROM access_record WHERE actor_id = ? ORDER BY occurred_at, id")) {
            ps.setString(1, actor);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    reasons.add(rs.getString(1));
                }
            }
        }
        return reasons;
    }

}
