package io.trackguard.notification.casefile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The stream contract, field by field: what is accepted and why anything else is refused. */
class SecurityEventTest {

    static Map<String, String> valid() {
        Map<String, String> e = new HashMap<>();
        e.put("type", "ENUMERATION_SUSPECTED");
        e.put("actor", "ip:3f2aB_9");
        e.put("windowStart", "2026-11-28T10:00:00Z");
        e.put("windowEnd", "2026-11-28T10:10:00Z");
        e.put("distinctNumbers", "13");
        e.put("misses", "0");
        e.put("failedVerifications", "1");
        e.put("evidence", "13 distinct tracking numbers in PT10M");
        e.put("blockedUntil", "2026-11-28T10:40:00Z");
        e.put("source", "tracking-service");
        return e;
    }

    @Test
    void theEventOfTodaysDetectorIsRead() throws Exception {
        SecurityEvent e = SecurityEvent.parse(valid());
        assertEquals(SecurityEvent.Type.ENUMERATION_SUSPECTED, e.type());
        assertEquals("ip:3f2aB_9", e.actor());
        assertEquals(13, e.distinctNumbers());
        assertEquals(Instant.parse("2026-11-28T10:40:00Z"), e.blockedUntil());
        assertEquals(List.of(), e.actors());
    }

    @Test
    void aBucketWithItsMembersAndADistributedScrapeAreRead() throws Exception {
        Map<String, String> bucket = valid();
        bucket.put("actor", "net56:abc");
        bucket.put("actors", "ip:a1, ip:b2,,ip:a1");
        SecurityEvent b = SecurityEvent.parse(bucket);
        assertTrue(b.bucket());
        assertEquals(List.of("ip:a1", "ip:b2"), b.actors(), "trimmed, de-duplicated, in order");

        Map<String, String> scrape = valid();
        scrape.remove("actor");
        scrape.remove("blockedUntil");
        scrape.put("type", "DISTRIBUTED_SCRAPING");
        scrape.put("partner", "ocs");
        SecurityEvent s = SecurityEvent.parse(scrape);
        assertEquals("ocs", s.partner());
        assertEquals(null, s.blockedUntil());
    }

    @Test
    void fieldsTheContractDoesNotKnowAreIgnored() throws Exception {
        Map<String, String> e = valid();
        e.put("severity", "high");
        assertEquals("ip:3f2aB_9", SecurityEvent.parse(e).actor());
    }

    @Test
    void everyBreachOfTheContractIsRefusedWithItsReason() {
        assertReason(Map.of(), "no fields");
        assertReason(with("type", "SOMETHING_ELSE"), "unknown type");
        assertReason(with("type", null), "type: required");
        assertReason(with("actor", null), "actor: required");
        assertReason(with("actor", "10.0.0.1"), "actor:");
        assertReason(with("actor", "ip:'; DROP TABLE incident; --"), "actor:");
        assertReason(with("actors", "ip:a,net56:b"), "actors:");
        assertReason(with("windowStart", "yesterday"), "windowStart: an ISO-8601");
        assertReason(with("windowEnd", "2026-11-28T09:00:00Z"), "windowEnd: before windowStart");
        assertReason(with("windowStart", "2020-01-01T00:00:00Z"), "window: longer than");
        assertReason(with("distinctNumbers", "many"), "distinctNumbers: an integer");
        assertReason(with("misses", "-1"), "misses: a count");
        assertReason(with("failedVerifications", null), "failedVerifications: required");
        assertReason(with("blockedUntil", "soon"), "blockedUntil:");
        assertReason(with("evidence", "x".repeat(5000)), "evidence: longer");
        assertReason(with("source", null), "source: required");
        Map<String, String> scrape = with("type", "DISTRIBUTED_SCRAPING");
        assertReason(scrape, "partner:");
        scrape.put("partner", "a partner with spaces");
        assertReason(scrape, "partner:");
    }

    static Map<String, String> with(String field, String value) {
        Map<String, String> e = valid();
        if (value == null) {
            e.remove(field);
        } else {
            e.put(field, value);
        }
        return e;
    }

    static void assertReason(Map<String, String> fields, String reason) {
        SecurityEvent.Malformed m = assertThrows(SecurityEvent.Malformed.class, () -> SecurityEvent.parse(fields));
        assertTrue(m.getMessage().contains(reason), m.getMessage() + " should say " + reason);
    }

    @Test
    void aSurgeOfMissesHasNeitherActorNorPartner() throws Exception {
        Map<String, String> surge = valid();
        surge.remove("actor");
        surge.remove("blockedUntil");
        surge.put("type", "MISSES_SURGE");
        SecurityEvent s = SecurityEvent.parse(surge);
        assertEquals(SecurityEvent.Type.MISSES_SURGE, s.type());
        assertEquals(null, s.actor());
        assertEquals(null, s.partner());

        surge.put("actor", "ip:3f2aB_9");
        SecurityEvent.Malformed withActor = assertThrows(SecurityEvent.Malformed.class, () -> SecurityEvent.parse(surge));
        assertTrue(withActor.getMessage().contains("none for MISSES_SURGE"), withActor.getMessage());
    }
}
