package io.trackguard.tracking.abuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.trackguard.tracking.client.Pseudonyms;
import io.trackguard.tracking.partner.PartnerRegistry;
import io.trackguard.tracking.support.AccessRecords;
import io.trackguard.tracking.support.Clients;
import io.trackguard.tracking.trackingnumber.TrackingNumberGenerator;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * November 2018, replayed: 4,500 shipments of a sensitive retailer among others, and one
 * client that looks up every valid tracking number in turn (here it even knows them all,
 * which the real attacker did not). It must be blocked within 20 lookups, see nothing
 * sensitive at any point, and cause exactly one security event.
 */
@QuarkusTest
class EnumerationReplayTest {

    static final int SENSITIVE = 4_500;
    static final int OTHERS = 500;

    @Inject
    AgroalDataSource dataSource;
    @Inject
    PartnerRegistry partners;
    @Inject
    RedisDataSource redis;
    @Inject
    AbuseConfig abuseConfig;
    @Inject
    Pseudonyms pseudonyms;
    @Inject
    AccessRecords records;

    @Test
    void theScraperIsBlockedWithin20LookupsSeesNothingSensitiveAndRaisesOneEvent() throws Exception {
        List<String> numbers = new ArrayList<>(insert("ocs", "Ontario Cannabis Retail", true, SENSITIVE));
        numbers.addAll(insert("acme", "Acme Outfitters", false, OTHERS));
        java.util.Collections.shuffle(numbers, new java.util.Random(2018));

        String address = Clients.freshAddress();
        String actor = pseudonyms.address(InetAddress.getByName(address));
        int answered = 0;
        int firstRefusal = -1;
        for (int i = 0; i < numbers.size(); i++) {
            Response r = Clients.from(address).get("/api/v1/track/" + numbers.get(i));
            String body = r.asString();
            for (String sensitive : List.of("Ontario Cannabis", "cannabis", "Recipient ", "K1A", "signer", "recipient", "orderReference")) {
                assertFalse(body.contains(sensitive), "lookup " + i + " disclosed " + sensitive + ": " + body);
            }
            if (r.statusCode() == 200) {
                answered++;
                assertEquals(-1, firstRefusal, "once refused, never answered again in the cool-off");
            } else {
                assertEquals(429, r.statusCode(), body);
                if (firstRefusal < 0) {
                    firstRefusal = i;
                }
            }
        }
        assertTrue(firstRefusal >= 0 && firstRefusal < 20, "blocked within 20 lookups, was at " + firstRefusal);
        assertTrue(answered < 20, "answered " + answered);

        List<StreamMessage<String, String, String>> events = redis.stream(String.class)
                .xrange(abuseConfig.stream(), io.quarkus.redis.datasource.stream.StreamRange.of("-", "+"));
        List<Map<String, String>> mine = events.stream().map(StreamMessage::payload).filter(e -> actor.equals(e.get("actor"))).toList();
        assertEquals(1, mine.size(), "exactly one security event for the episode");
        Map<String, String> event = mine.get(0);
        assertEquals("ENUMERATION_SUSPECTED", event.get("type"));
        assertEquals(String.valueOf(abuseConfig.distinctNumbers() + 1), event.get("distinctNumbers"));
        assertTrue(event.get("evidence").contains("distinct tracking numbers"), event.get("evidence"));
        assertTrue(Instant.parse(event.get("windowStart")).isBefore(Instant.parse(event.get("windowEnd"))));
        assertFalse(event.toString().contains(address), "the event names the pseudonym, never the address");

        List<Map<String, Object>> audited = records.where("actor_id", actor);
        assertEquals(numbers.size(), audited.size(), "every attempt is in the audit log");
        assertEquals(answered, audited.stream().filter(a -> "DISCLOSED".equals(a.get("outcome"))).count());
        assertTrue(audited.stream().filter(a -> "DISCLOSED".equals(a.get("outcome")))
                .allMatch(a -> "PUBLIC".equals(a.get("tier"))), "nothing beyond the public tier");
    }

    /** Shipments straight into the database: 5,000 through the API would test the API's speed, not this. */
    private List<String> insert(String partnerId, String name, boolean sensitive, int count) throws Exception {
        QuarkusTransaction.requiringNew().run(() -> partners.upsert(partnerId, name, sensitive));
        TrackingNumberGenerator generator = new TrackingNumberGenerator();
        List<String> numbers = new ArrayList<>(count);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO shipment (id, tracking_number, partner_id, order_reference, recipient_name, recipient_email,
                    destination_line1, destination_city, destination_province, destination_postal_code, destination_country,
                    product_category, status, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, '1 Main St', 'Ottawa', 'ON', 'K1A0B1', 'CA', 'cannabis', 'IN_TRANSIT', ?, ?)""")) {
            Timestamp now = Timestamp.from(Instant.now());
            for (int i = 0; i < count; i++) {
                String number = generator.next().value();
                numbers.add(number);
                ps.setObject(1, UUID.randomUUID());
                ps.setString(2, number);
                ps.setString(3, partnerId);
                ps.setString(4, "OCS-2018-" + UUID.randomUUID());
                ps.setString(5, "Recipient " + i);
                ps.setString(6, "r" + i + "@example.com");
                ps.setTimestamp(7, now);
                ps.setTimestamp(8, now);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return numbers;
    }
}
