package io.trackguard.tracking.abuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.trackguard.tracking.client.Pseudonyms;
import io.trackguard.tracking.support.AccessRecords;
import io.trackguard.tracking.support.BulkShipments;
import io.trackguard.tracking.support.Clients;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * November 2018, replayed: delivered shipments of a sensitive retailer among others (nine to
 * one, as in the real file), each with a signer, a delivery time, the recipient's city and
 * email, and one client that looks up every valid tracking number in turn (here it even knows
 * them all, which the real attacker did not). It must be answered exactly as many distinct
 * numbers as configured and refused from the next one on, see nothing of what the public may
 * not see at any point, and cause exactly one security event.
 *
 * <p>The real file held 4,500 of the retailer's shipments; the walk here is 1,000 lookups, 80
 * times the threshold of 12: every lookup after the 13th is refused alike, so the 4,000 more
 * refusals the full walk made proved nothing the first 987 do not (and took 20 s a run).
 */
@QuarkusTest
class EnumerationReplayTest {

    static final int SENSITIVE = 900;
    static final int OTHERS = 100;

    @Inject
    BulkShipments bulk;
    @Inject
    RedisDataSource redis;
    @Inject
    AbuseConfig abuseConfig;
    @Inject
    Pseudonyms pseudonyms;
    @Inject
    AccessRecords records;

    @Test
    void theScraperIsBlockedAtTheConfiguredThresholdSeesNothingItMayNotAndRaisesOneEvent() throws Exception {
        List<String> numbers = new ArrayList<>(bulk.delivered("ocs-replay", "Ontario Cannabis Retail", true, SENSITIVE));
        numbers.addAll(bulk.delivered("acme-replay", "Acme Outfitters", false, OTHERS));
        Collections.shuffle(numbers, new Random(2018));
        List<String> forbidden = new ArrayList<>(BulkShipments.NEVER_PUBLIC);
        forbidden.addAll(List.of("Ontario Cannabis", "Acme", "ocs-replay", "acme-replay"));

        String address = Clients.freshAddress();
        String actor = pseudonyms.address(InetAddress.getByName(address));
        int answered = 0;
        int firstRefusal = -1;
        Instant started = Instant.now();
        for (int i = 0; i < numbers.size(); i++) {
            Response r = Clients.from(address).get("/api/v1/track/" + numbers.get(i));
            String body = r.asString();
            for (String secret : forbidden) {
                assertFalse(body.contains(secret), "lookup " + i + " disclosed " + secret + ": " + body);
            }
            if (r.statusCode() == 200) {
                answered++;
                assertEquals(-1, firstRefusal, "once refused, never answered again in the cool-off");
                assertTrue(body.contains("\"deliveredOn\""), "the public view itself is served until then: " + body);
            } else {
                assertEquals(429, r.statusCode(), body);
                if (firstRefusal < 0) {
                    firstRefusal = i;
                }
            }
        }
        int threshold = abuseConfig.distinctNumbers();
        assertEquals(threshold, answered, "exactly the configured number of distinct numbers is answered");
        assertEquals(threshold, firstRefusal, "the first number past the threshold is refused");

        List<StreamMessage<String, String, String>> events = redis.stream(String.class).xrange(abuseConfig.stream(), StreamRange.of("-", "+"));
        List<Map<String, String>> mine = events.stream().map(StreamMessage::payload).filter(e -> actor.equals(e.get("actor"))).toList();
        assertEquals(1, mine.size(), "exactly one security event for the episode");
        Map<String, String> event = mine.get(0);
        assertEquals("ENUMERATION_SUSPECTED", event.get("type"));
        assertEquals(String.valueOf(threshold + 1), event.get("distinctNumbers"));
        assertEquals("0", event.get("misses"));
        assertEquals("0", event.get("failedVerifications"));
        assertEquals("tracking-service", event.get("source"));
        assertTrue(event.get("evidence").contains((threshold + 1) + " distinct tracking numbers"), event.get("evidence"));
        Instant windowStart = Instant.parse(event.get("windowStart"));
        Instant windowEnd = Instant.parse(event.get("windowEnd"));
        assertTrue(!windowStart.isAfter(windowEnd) && !windowStart.isBefore(started.minusSeconds(1)), event.toString());
        Duration blocked = Duration.between(windowEnd, Instant.parse(event.get("blockedUntil")));
        assertEquals(abuseConfig.coolOff().toSeconds(), blocked.toSeconds(), 2, "blocked for the cool-off");
        assertFalse(event.toString().contains(address), "the event names the pseudonym, never the address");

        List<Map<String, Object>> audited = records.where("actor_id", actor);
        assertEquals(numbers.size(), audited.size(), "every attempt is in the audit log");
        assertEquals(answered, audited.stream().filter(a -> "DISCLOSED".equals(a.get("outcome"))).count());
        assertEquals(numbers.size() - answered, audited.stream().filter(a -> "BLOCKED".equals(a.get("outcome"))).count());
        assertTrue(audited.stream().filter(a -> "DISCLOSED".equals(a.get("outcome")))
                .allMatch(a -> "PUBLIC".equals(a.get("tier"))), "nothing beyond the public tier");
    }
}
