package io.trackguard.notification.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamCommands;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.XReadGroupArgs;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trackguard.notification.support.Mailbox;
import io.trackguard.notification.support.Db;
import io.trackguard.notification.support.Events;
import io.trackguard.notification.support.StandIns;
import io.trackguard.testsupport.Await;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Reading the stream: exactly once in effect, whatever crashes, and never stuck on a bad entry. */
@QuarkusTest
@QuarkusTestResource(value = StandIns.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = Mailbox.class, restrictToAnnotatedClass = true)
class SecurityEventConsumerTest {

    @Inject
    EventHandler handler;
    @Inject
    Scheduler scheduler;
    @Inject
    RedisDataSource redis;
    @Inject
    MeterRegistry metrics;
    @Inject
    SecurityEventConsumer consumer;
    @ConfigProperty(name = "trackguard.notify.events.group")
    String group;

    @AfterEach
    void resume() {
        scheduler.resume(SecurityEventConsumer.JOB);
    }

    @Test
    void theSameEntryHandledTwiceOpensOneIncident() {
        String actor = "ip:" + UUID.randomUUID();
        Map<String, String> event = Events.enumeration(actor, 13);
        String entry = "1-" + System.nanoTime();
        assertEquals(EventHandler.Outcome.OPENED, handler.handle(Events.stream(), entry, event));
        assertEquals(EventHandler.Outcome.ALREADY_HANDLED, handler.handle(Events.stream(), entry, event));
        assertEquals(1, Db.count("SELECT count(*) FROM incident WHERE actor_pseudonym = ?", actor));
        assertEquals(1, Db.count("SELECT count(*) FROM incident_history h JOIN incident i ON i.id = h.incident_id "
                + "WHERE i.actor_pseudonym = ? AND h.what = 'OPENED'", actor));
    }

    @Test
    void aSecondEventAboutAnActorInAnOpenIncidentWidensItInsteadOfOpeningAnother() {
        String actor = "ip:" + UUID.randomUUID();
        Map<String, String> first = Events.enumeration(actor, 13);
        Map<String, String> later = Events.enumeration(actor, 25);
        later.put("windowStart", Instant.now().minusSeconds(60).toString());
        later.put("windowEnd", Instant.now().plusSeconds(600).toString());
        handler.handle(Events.stream(), "2-" + System.nanoTime(), first);
        assertEquals(EventHandler.Outcome.UPDATED, handler.handle(Events.stream(), "3-" + System.nanoTime(), later));
        Map<String, Object> row = Db.rows("SELECT count(*) OVER () AS n, revision, distinct_numbers, window_start, window_end "
                + "FROM incident WHERE actor_pseudonym = ?", actor).get(0);
        assertEquals(1L, row.get("n"));
        assertEquals(25, row.get("distinct_numbers"));
        assertSameTime(Instant.parse(first.get("windowStart")), row.get("window_start"), "the earliest start");
        assertSameTime(Instant.parse(later.get("windowEnd")), row.get("window_end"), "the latest end");
        assertTrue(Db.count("SELECT count(*) FROM incident_history h JOIN incident i ON i.id = h.incident_id "
                + "WHERE i.actor_pseudonym = ? AND h.what = 'EVIDENCE'", actor) == 1);
    }

    @Test
    void anEntryLeftPendingByACrashedReplicaIsClaimedAndHandledOnce() throws Exception {
        consumer.pollOnce(); // the group exists
        scheduler.pause(SecurityEventConsumer.JOB);
        Thread.sleep(400); // a poll already running ends
        String actor = "ip:" + UUID.randomUUID();
        String neverHandled = Events.add(Events.enumeration(actor, 13));
        String handledNotAcked = Events.add(Events.enumeration("ip:" + UUID.randomUUID(), 14));
        StreamCommands<String, String, String> streams = redis.stream(String.class);
        List<StreamMessage<String, String, String>> taken = streams.xreadgroup(group, "crashed-replica", Events.stream(), ">",
                new XReadGroupArgs().count(10));
        assertEquals(List.of(neverHandled, handledNotAcked), taken.stream().map(StreamMessage::id).toList(),
                "the crashed replica took both and acknowledged neither");
        // the crashed replica committed the second one's incident, then died before XACK
        handler.handle(Events.stream(), handledNotAcked, taken.get(1).payload());
        scheduler.resume(SecurityEventConsumer.JOB);

        Await.until("both entries acknowledged", () -> pending(), n -> n == 0);
        assertEquals(1, Db.count("SELECT count(*) FROM incident WHERE actor_pseudonym = ?", actor), "handled once, by another consumer");
        assertEquals(1, Db.count("SELECT count(*) FROM incident WHERE actor_pseudonym = ?", taken.get(1).payload().get("actor")),
                "the committed one is not handled again");
        assertEquals(2, Db.count("SELECT count(*) FROM processed_event WHERE entry_id IN (?, ?)", neverHandled, handledNotAcked));
    }

    @Test
    void malformedEntriesAreDeadLetteredCountedAndAcknowledgedAndTheNextOneIsHandled() {
        double before = metrics.counter("trackguard.security.events.dead").count();
        String unknownType = Events.add(Map.of("type", "SOMETHING_ELSE", "source", "x"));
        Map<String, String> injected = Events.enumeration("ip:'; DROP TABLE incident; --", 13);
        String badActor = Events.add(injected);
        String goodActor = "ip:" + UUID.randomUUID();
        String good = Events.add(Events.enumeration(goodActor, 13));

        Await.until("the good event's incident", () -> Db.count("SELECT count(*) FROM incident WHERE actor_pseudonym = ?", goodActor),
                n -> n == 1);
        Await.until("the dead letters", () -> Db.count("SELECT count(*) FROM dead_event WHERE entry_id IN (?, ?)", unknownType, badActor),
                n -> n == 2);
        assertTrue(((String) Db.value("SELECT reason FROM dead_event WHERE entry_id = ?", unknownType)).contains("unknown type"));
        assertTrue(((String) Db.value("SELECT reason FROM dead_event WHERE entry_id = ?", badActor)).startsWith("actor:"));
        assertTrue(((String) Db.value("SELECT fields::text FROM dead_event WHERE entry_id = ?", badActor)).contains("DROP TABLE"),
                "the entry is kept as it came, for an officer to read");
        assertEquals(before + 2, metrics.counter("trackguard.security.events.dead").count(), 0.001);
        Await.until("nothing pending", this::pending, n -> n == 0);
        assertTrue(Db.count("SELECT count(*) FROM processed_event WHERE entry_id = ? AND outcome = 'OPENED'", good) == 1);
    }

    @Test
    void aBucketIsScopedOverEachOfItsMembers() {
        String a = "ip:" + UUID.randomUUID();
        String b = "ip:" + UUID.randomUUID();
        Map<String, String> event = Events.enumeration("net56:" + UUID.randomUUID(), 30);
        event.put("actors", a + "," + b);
        StandIns.EXPOSURES.put(a, List.of());
        StandIns.EXPOSURES.put(b, List.of());
        Events.add(event);
        Await.until("both members asked about", () -> StandIns.EXPOSURE_QUERIES.contains(a) && StandIns.EXPOSURE_QUERIES.contains(b),
                done -> done);
        Await.until("closed: nothing was disclosed to them", () -> Db.value("SELECT status FROM incident WHERE actor_pseudonym = ?",
                event.get("actor")), "CLOSED"::equals);
    }

    @Test
    void aSurgeOfMissesOpensAnIncidentWithoutScopeThatWaitsForAnOfficerAndASecondOneUpdatesIt() {
        String first = Events.add(Events.missesSurge(1500));
        Await.until("the surge handled", () -> Db.value("SELECT outcome FROM processed_event WHERE entry_id = ?", first),
                o -> o != null && !"PENDING".equals(o));
        assertEquals("OPENED", Db.value("SELECT outcome FROM processed_event WHERE entry_id = ?", first), "not dead-lettered");
        Object incident = Db.value("SELECT incident_id FROM processed_event WHERE entry_id = ?", first);
        Await.until("assessed", () -> Db.value("SELECT status FROM incident WHERE id = ?", incident), "ASSESSED"::equals);
        Map<String, Object> row = Db.rows("SELECT kind, actor_pseudonym, partner_id, decision, risk, misses, shipments_exposed, "
                + "assessment_reasons FROM incident WHERE id = ?", incident).get(0);
        assertEquals("MISSES_SURGE", row.get("kind"));
        assertEquals(null, row.get("actor_pseudonym"));
        assertEquals(null, row.get("partner_id"));
        assertEquals("PENDING", row.get("decision"), "waits for an officer");
        assertEquals("UNKNOWN", row.get("risk"));
        assertEquals(1500, row.get("misses"));
        assertEquals(0, row.get("shipments_exposed"));
        assertTrue(row.get("assessment_reasons").toString().contains("matched no shipment, all clients together"), row.toString());
        assertTrue(StandIns.EXPOSURE_QUERIES.stream().noneMatch("partner:null"::equals), "nothing to ask tracking-service about");
        assertEquals(1, Db.count("SELECT count(*) FROM incident_history WHERE incident_id = ? AND what = 'ASSESSMENT' "
                + "AND by_whom = 'rule:scope-unreadable' AND reason LIKE '%all clients together%'", incident),
                "the reason is recorded in the history");

        String second = Events.add(Events.missesSurge(2400));
        Await.until("the second surge handled", () -> Db.value("SELECT outcome FROM processed_event WHERE entry_id = ?", second),
                o -> o != null && !"PENDING".equals(o));
        assertEquals("UPDATED", Db.value("SELECT outcome FROM processed_event WHERE entry_id = ?", second));
        assertEquals(incident, Db.value("SELECT incident_id FROM processed_event WHERE entry_id = ?", second), "the same incident");
        assertEquals(2400, ((Number) Db.value("SELECT misses FROM incident WHERE id = ?", incident)).intValue());
        assertEquals(1, Db.count("SELECT count(*) FROM incident WHERE kind = 'MISSES_SURGE' AND status <> 'CLOSED'"));
    }

    /** PostgreSQL keeps microseconds (rounded): the same instant to the millisecond. */
    static void assertSameTime(Instant expected, Object stored, String what) {
        Instant seen = ((java.sql.Timestamp) stored).toInstant();
        assertTrue(java.time.Duration.between(expected, seen).abs().toMillis() < 1, what + ": " + expected + " vs " + seen);
    }

    long pending() {
        return redis.stream(String.class).xpending(Events.stream(), group).getPendingCount();
    }
}
