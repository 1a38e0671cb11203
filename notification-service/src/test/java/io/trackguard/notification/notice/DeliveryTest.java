package io.trackguard.notification.notice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trackguard.notification.clock.Escalation;
import io.trackguard.notification.retention.Retention;
import io.trackguard.notification.support.Db;
import io.trackguard.notification.support.Events;
import io.trackguard.notification.support.Mailbox;
import io.trackguard.notification.support.StandIns;
import io.trackguard.testsupport.Await;
import jakarta.inject.Inject;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Delivery from the outbox when things go wrong: the mail server away, a sender dying mid-delivery; the clock; retention. */
@QuarkusTest
@QuarkusTestResource(value = StandIns.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = Mailbox.class, restrictToAnnotatedClass = true)
class DeliveryTest {

    @Inject
    OutboxStore store;
    @Inject
    Escalation escalation;
    @Inject
    Retention retention;
    @Inject
    MeterRegistry metrics;

    @Test
    void whileTheMailServerIsDownNoticesWaitKeepingTheirTriesAndGoOnceWhenItIsBack() {
        String actor = "ip:" + UUID.randomUUID();
        String partner = "p-" + suffix();
        StandIns.partner(partner, "Partner", true, "privacy@" + partner + ".example");
        List<String> people = new ArrayList<>();
        List<com.fasterxml.jackson.databind.node.ObjectNode> exposures = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            people.add("p" + i + "." + suffix() + "@example.com");
            exposures.add(StandIns.exposure(number(), partner, true, "P" + i, people.get(i), "en", List.of("status", "signerName"),
                    List.of("RECIPIENT")));
        }
        StandIns.EXPOSURES.put(actor, exposures);
        Mailbox.down();
        try {
            Events.add(Events.enumeration(actor, 13));
            UUID id = Await.until("an incident", () -> (UUID) Db.value("SELECT id FROM incident WHERE actor_pseudonym = ?", actor), v -> v != null);
            Await.until("the senders found the server away", () -> Db.count("SELECT count(*) FROM notice WHERE incident_id = ? "
                    + "AND last_error = 'the mail server could not be reached'", id), n -> n >= 6);
            assertEquals(0, Db.count("SELECT count(*) FROM notice WHERE incident_id = ? AND status NOT IN ('QUEUED', 'SENDING')", id));
            assertEquals(0, Db.count("SELECT max(attempts) FROM notice WHERE incident_id = ? AND status = 'QUEUED'", id),
                    "a server that is away costs the notices no tries: " + Db.rows("SELECT channel, attempts, last_error FROM notice "
                            + "WHERE incident_id = ?", id));
        } finally {
            Mailbox.up();
        }
        for (String p : people) {
            Await.until("the notice to " + p, () -> Mailbox.to(p).size(), n -> n >= 1);
        }
        UUID id = (UUID) Db.value("SELECT id FROM incident WHERE actor_pseudonym = ?", actor);
        Await.until("notified", () -> Db.value("SELECT status FROM incident WHERE id = ?", id), "NOTIFIED"::equals);
        for (String p : people) {
            assertEquals(1, Mailbox.to(p).size(), "exactly once: " + p);
        }
    }

    @Test
    void aNoticeWhoseSenderDiedMidDeliveryIsTakenOverWhenItsLeaseRunsOutAndSentOnce() throws Exception {
        String person = "ivy." + suffix() + "@example.com";
        UUID incident = incident("ip:" + UUID.randomUUID(), Instant.now());
        UUID personId = UUID.randomUUID();
        Db.rows("INSERT INTO affected_person (id, incident_id, person_key, name, email) VALUES (?, ?, ?, 'Ivy', ?)", personId, incident,
                person, person);
        Db.rows("INSERT INTO incident_exposure (incident_id, tracking_number, partner_id, partner_sensitive, fields, tiers, first_seen, "
                + "last_seen, accesses, person_id) VALUES (?, ?, 'acme', false, '{status,signerName}', '{RECIPIENT}', now(), now(), 1, ?)",
                incident, number(), personId);
        UUID notice = UUID.randomUUID();
        UUID deadSendersLease = UUID.randomUUID();
        // a sender claimed it (attempt 1) and died before recording anything; its lease ran out a second ago
        Db.rows("INSERT INTO notice (id, incident_id, channel, person_id, address, destination, language, status, attempts, next_attempt_at, "
                + "lease_token, lease_until, leased_by, idempotency_key, created_at, updated_at) VALUES (?, ?, 'PERSON', ?, ?, 'example.com', "
                + "'en', 'SENDING', 1, now(), ?, now() - interval '1 second', 'dead-replica', ?, now(), now())",
                notice, incident, personId, person, deadSendersLease, "<" + notice + "@test>");

        Await.until("taken over and sent", () -> Db.value("SELECT status FROM notice WHERE id = ?", notice), "SENT"::equals);
        assertEquals(1, Mailbox.to(person).size());
        assertEquals(2, Db.count("SELECT attempts FROM notice WHERE id = ?", notice), "the dead sender's try counts");
        assertEquals("<" + notice + "@test>", Mailbox.to(person).get(0).getMessageID(), "the same Message-ID as the first try would have had");
        OutboxStore.Claimed stale = new OutboxStore.Claimed(notice, incident, "PERSON", personId, null, person, "example.com", "en", 1,
                "<" + notice + "@test>", deadSendersLease);
        assertFalse(store.dead(stale, "a late word from the dead sender"), "an outcome under a lost lease changes nothing");
        assertEquals("SENT", Db.value("SELECT status FROM notice WHERE id = ?", notice));
    }

    @Test
    void theSeventyTwoHourClockEscalatesOnceWhenItRunsLow() {
        UUID incident = incident("ip:" + UUID.randomUUID(), Instant.now().minus(Duration.ofHours(60)));
        double before = metrics.counter("trackguard.incidents.escalated").count();
        escalation.escalateDue();
        assertEquals(1, Db.count("SELECT count(*) FROM incident_history WHERE incident_id = ? AND what = 'ESCALATION'", incident));
        escalation.escalateDue();
        assertEquals(1, Db.count("SELECT count(*) FROM incident_history WHERE incident_id = ? AND what = 'ESCALATION'", incident), "once");
        assertTrue(metrics.counter("trackguard.incidents.escalated").count() >= before + 1);
        Await.until("the officers emailed", () -> Mailbox.to("privacy-officers@trackguard.example").stream().anyMatch(m -> {
            try {
                return m.getSubject().contains(incident.toString().substring(0, 8).toUpperCase());
            } catch (jakarta.mail.MessagingException e) {
                return false;
            }
        }), found -> found);

        UUID fresh = incident("ip:" + UUID.randomUUID(), Instant.now());
        escalation.escalateDue();
        assertEquals(0, Db.count("SELECT count(*) FROM incident_history WHERE incident_id = ? AND what = 'ESCALATION'", fresh),
                "71 hours left: no escalation yet");
    }

    @Test
    void closedIncidentsAreDeletedWithEverythingTheyHold24MonthsAfterClosingAndNotBefore() {
        Instant now = Instant.now();
        UUID old = incident("ip:" + UUID.randomUUID(), now.minus(Duration.ofDays(800)));
        UUID recent = incident("ip:" + UUID.randomUUID(), now.minus(Duration.ofDays(800)));
        UUID open = incident("ip:" + UUID.randomUUID(), now.minus(Duration.ofDays(900)));
        Db.rows("UPDATE incident SET status = 'CLOSED', closed_at = ? WHERE id = ?", Timestamp.from(now.minus(Duration.ofDays(731))), old);
        Db.rows("UPDATE incident SET status = 'CLOSED', closed_at = ? WHERE id = ?", Timestamp.from(now.minus(Duration.ofDays(729))), recent);
        Db.rows("INSERT INTO incident_history (incident_id, at, by_whom, what, reason) VALUES (?, now(), 'test', 'CLOSED', 'x')", old);
        Db.rows("INSERT INTO notice (id, incident_id, channel, partner_id, language, status, next_attempt_at, idempotency_key, created_at, "
                + "updated_at) VALUES (?, ?, 'PARTNER', 'acme', 'en', 'SENT', now(), ?, now(), now())", UUID.randomUUID(), old,
                "<" + UUID.randomUUID() + "@test>");

        assertTrue(retention.purge(now) >= 1);
        assertEquals(0, Db.count("SELECT count(*) FROM incident WHERE id = ?", old));
        assertEquals(0, Db.count("SELECT count(*) FROM incident_history WHERE incident_id = ?", old));
        assertEquals(0, Db.count("SELECT count(*) FROM notice WHERE incident_id = ?", old));
        assertEquals(1, Db.count("SELECT count(*) FROM incident WHERE id = ?", recent), "closed 729 days ago: kept");
        assertEquals(1, Db.count("SELECT count(*) FROM incident WHERE id = ?", open), "an open incident is never deleted");
    }

    /** An assessed incident with a scope of its own, opened at the given time. */
    static UUID incident(String actor, Instant openedAt) {
        UUID id = UUID.randomUUID();
        Timestamp at = Timestamp.from(openedAt);
        Db.rows("INSERT INTO incident (id, opened_at, updated_at, status, kind, origin, opened_by, actor_pseudonym, window_start, window_end, "
                + "revision, scoped_revision, aware_at, regulator_deadline, decision) VALUES (?, ?, ?, 'ASSESSED', 'ENUMERATION', 'STREAM', "
                + "'test', ?, ?, ?, 1, 1, ?, ?, 'PENDING')", id, at, at, actor, at, at, at, Timestamp.from(openedAt.plus(Duration.ofHours(72))));
        return id;
    }

    static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    static String number() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 18).toUpperCase();
    }
}
