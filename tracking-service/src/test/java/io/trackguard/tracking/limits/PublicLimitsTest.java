package io.trackguard.tracking.limits;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quarkus.test.junit.QuarkusTest;
import io.trackguard.tracking.client.Pseudonyms;
import io.trackguard.tracking.shipment.ShipmentFixtures;
import io.trackguard.tracking.support.AccessRecords;
import io.trackguard.tracking.support.Clients;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The public lookup's limits as a client sees them, a burst of 20 lookups (refilled over 10
 * minutes in tests) and 5 misses, and as the audit log records them: every answer and every
 * refusal, under the real client's pseudonym.
 */
@QuarkusTest
class PublicLimitsTest {

    @Inject
    ShipmentFixtures fixtures;
    @Inject
    AccessRecords records;
    @Inject
    Pseudonyms pseudonyms;

    @Test
    void successfulAnswersCarryTheRateLimitFields() {
        String number = fixtures.create(ShipmentFixtures.OTHER_PARTNER);
        Clients.fresh().get("/api/v1/track/" + number).then().statusCode(200)
                .header("RateLimit-Policy", matchesPattern(".*\"lookups\";q=60;w=600, \"misses\";q=10;w=600, \"number\";q=300;w=3600.*"))
                .header("RateLimit", matchesPattern("\"\\w+\";r=\\d+;t=\\d+"));
    }

    @Test
    void aClientPastItsBurstGets429WithRetryAfterAndLaterTriesAreAuditedAsLimited() throws Exception {
        String address = Clients.freshAddress();
        String number = fixtures.create(ShipmentFixtures.OTHER_PARTNER);
        int ok = 0;
        int status = 200;
        while (status == 200 && ok < 100) {
            status = Clients.from(address).get("/api/v1/track/" + number).statusCode();
            ok += status == 200 ? 1 : 0;
        }
        assertEquals(20, ok, "the burst of one client is 20 lookups");
        Clients.from(address).get("/api/v1/track/" + number).then().statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .header("RateLimit", matchesPattern("\"lookups\";r=0;t=\\d+"))
                .body("type", equalTo("urn:trackguard:problem:rate-limited"));
        // another client is not affected
        Clients.fresh().get("/api/v1/track/" + number).then().statusCode(200);

        List<Map<String, Object>> rows = records.where("actor_id", actor(address));
        List<String> expected = new ArrayList<>(Collections.nCopies(20, "DISCLOSED"));
        expected.addAll(List.of("LIMITED", "LIMITED"));
        assertEquals(expected, outcomes(rows), "each answer and each refusal, in order");
        Map<String, Object> limited = rows.get(20);
        assertEquals(pseudonyms.trackingNumber(number), limited.get("number_hash"));
        assertNull(limited.get("shipment_id"), "a refusal discloses no shipment");
        assertEquals(List.of(), limited.get("fields"));
        assertNull(limited.get("tier"));
    }

    @Test
    void missesAreLimitedSoonerAndAudited() throws Exception {
        String address = Clients.freshAddress();
        for (int i = 0; i < 5; i++) {
            Clients.from(address).get("/api/v1/track/" + ShipmentFixtures.unknownNumber()).then().statusCode(404);
        }
        Clients.from(address).get("/api/v1/track/" + ShipmentFixtures.unknownNumber()).then().statusCode(429)
                .header("RateLimit", matchesPattern("\"misses\";r=0;t=\\d+"));
        // even a real number is refused to this client now: misses gate every lookup
        String real = fixtures.create(ShipmentFixtures.OTHER_PARTNER);
        Clients.from(address).get("/api/v1/track/" + real).then().statusCode(429);

        List<Map<String, Object>> rows = records.where("actor_id", actor(address));
        assertEquals(List.of("NOT_FOUND", "NOT_FOUND", "NOT_FOUND", "NOT_FOUND", "NOT_FOUND", "LIMITED", "LIMITED"), outcomes(rows));
        assertEquals(pseudonyms.trackingNumber(real), rows.get(6).get("number_hash"));
        assertNull(rows.get(6).get("shipment_id"), "the real number was refused before anything was disclosed");
    }

    @Test
    void theLeftMostForwardedAddressIsTheClientsClaimAndChangesNothing() throws Exception {
        String address = Clients.freshAddress();
        String number = fixtures.create(ShipmentFixtures.OTHER_PARTNER);
        for (int i = 0; i < 20; i++) {
            // a client rotating a forged first hop is still the same client: the proxy's hop is the right-most
            Clients.from("203.0.113." + i + ", " + address).get("/api/v1/track/" + number).then().statusCode(200);
        }
        Clients.from("203.0.113.99, " + address).get("/api/v1/track/" + number).then().statusCode(429);

        List<String> expected = new ArrayList<>(Collections.nCopies(20, "DISCLOSED"));
        expected.add("LIMITED");
        assertEquals(expected, outcomes(records.where("actor_id", actor(address))), "all of it is the real client's");
        assertEquals(List.of(), records.where("actor_id", actor("203.0.113.0")), "nothing under a forged first hop");
        assertEquals(List.of(), records.where("actor_id", actor("203.0.113.99")));
    }

    private String actor(String address) throws Exception {
        return pseudonyms.address(InetAddress.getByName(address));
    }

    private static List<Object> outcomes(List<Map<String, Object>> rows) {
        return rows.stream().map(r -> r.get("outcome")).toList();
    }
}
