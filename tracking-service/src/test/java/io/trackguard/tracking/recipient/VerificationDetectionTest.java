package io.trackguard.tracking.recipient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.trackguard.tracking.abuse.AbuseConfig;
import io.trackguard.tracking.client.Pseudonyms;
import io.trackguard.tracking.shipment.ShipmentFixtures;
import io.trackguard.tracking.support.AccessRecords;
import io.trackguard.tracking.support.Clients;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Failed verifications across many shipments from one client are enumeration, and the
 * detector must catch it by itself. In the default profile the per-client verification burst
 * (5) refuses first, which would hide a detector that does nothing; here that burst is far
 * above the detector's threshold, so only the detector can stop the client.
 */
@QuarkusTest
@TestProfile(VerificationDetectionTest.ClientBurstAboveDetection.class)
class VerificationDetectionTest {

    /** The per-client verification limit out of the detector's way. */
    public static class ClientBurstAboveDetection implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("trackguard.limits.verifications-per-client.limit", "1000",
                    "trackguard.limits.verifications-per-client.burst", "100");
        }
    }

    @Inject
    ShipmentFixtures fixtures;
    @Inject
    AbuseConfig abuse;
    @Inject
    RedisDataSource redis;
    @Inject
    Pseudonyms pseudonyms;
    @Inject
    AccessRecords records;

    @Test
    void failedVerificationsAcrossShipmentsBlockTheClientJustPastTheThresholdWithOneEvent() throws Exception {
        String address = Clients.freshAddress();
        String actor = pseudonyms.address(InetAddress.getByName(address));
        int threshold = abuse.failedVerifications();
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < threshold + 3; i++) {
            Response r = Clients.from(address).contentType(ContentType.JSON).body(Map.of("postalCode", "K1A0B1"))
                    .post("/api/v1/track/" + fixtures.create(ShipmentFixtures.OTHER_PARTNER) + "/verify");
            statuses.add(r.statusCode());
        }
        // more than `threshold` failures block: the failure that crosses it is still answered, the next is refused
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < threshold + 1; i++) {
            expected.add(403);
        }
        expected.addAll(List.of(429, 429));
        assertEquals(expected, statuses);

        List<Map<String, String>> events = redis.stream(String.class).xrange(abuse.stream(), StreamRange.of("-", "+")).stream()
                .map(StreamMessage::payload).filter(e -> actor.equals(e.get("actor"))).toList();
        assertEquals(1, events.size(), "one security event for the episode: " + events);
        assertEquals(String.valueOf(threshold + 1), events.get(0).get("failedVerifications"));
        assertTrue(events.get(0).get("evidence").contains("failed verifications"), events.get(0).get("evidence"));

        List<Map<String, Object>> audited = records.where("actor_id", actor);
        assertEquals(threshold + 1, audited.stream().filter(a -> "VERIFY_FAILED".equals(a.get("outcome"))).count());
        assertEquals(2, audited.stream().filter(a -> "BLOCKED".equals(a.get("outcome"))).count(), "refused by the block, not a limit");
        assertTrue(audited.stream().noneMatch(a -> "LIMITED".equals(a.get("outcome"))), "the per-client limit never refused");
    }
}
