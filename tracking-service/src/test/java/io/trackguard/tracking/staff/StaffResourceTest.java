package io.trackguard.tracking.staff;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.trackguard.tracking.abuse.AbuseConfig;
import io.trackguard.tracking.client.Pseudonyms;
import io.trackguard.tracking.limits.Policies;
import io.trackguard.tracking.shipment.ShipmentFixtures;
import io.trackguard.tracking.support.AccessRecords;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The staff view: a reason that is checked once trimmed, a limit per agent, and the same
 * enumeration detection as the public path, with the agent as the actor.
 */
@QuarkusTest
class StaffResourceTest {

    @Inject
    ShipmentFixtures fixtures;
    @Inject
    AccessRecords records;
    @Inject
    Pseudonyms pseudonyms;
    @Inject
    Policies limits;
    @Inject
    AbuseConfig abuse;
    @Inject
    RedisDataSource redis;

    static final String REASON = "Customer called about a missing parcel, ticket 4711";

    @Test
    @TestSecurity(user = "sam.support", roles = "support")
    @OidcSecurity(claims = @Claim(key = "sub", value = "sam-subject"))
    void supportSeesTheStaffViewWithAReasonThatIsAudited() {
        String number = fixtures.create(ShipmentFixtures.SENSITIVE_PARTNER);
        given().queryParam("reason", "Customer called about a missing parcel, ticket 4711")
                .get("/api/v1/staff/shipments/" + number).then().statusCode(200)
                .body("productCategory", equalTo("cannabis"))
                .body("recipient.name", equalTo("Jane Roe"));
        List<Map<String, Object>> rows = records.where("number_hash", pseudonyms.trackingNumber(number));
        Map<String, Object> access = rows.get(rows.size() - 1);
        assertEquals("STAFF", access.get("actor_kind"));
        assertEquals("user:sam-subject", access.get("actor_id"));
        assertEquals("Customer called about a missing parcel, ticket 4711", access.get("reason"));
    }

    @Test
    @TestSecurity(user = "sam.support", roles = "support")
    void noReasonNoView() {
        String number = fixtures.create(ShipmentFixtures.OTHER_PARTNER);
        given().get("/api/v1/staff/shipments/" + number).then().statusCode(400).contentType("application/problem+json");
        given().queryParam("reason", "because").get("/api/v1/staff/shipments/" + number).then().statusCode(400);
    }

    @Test
    @TestSecurity(user = "rita.support", roles = "support")
    @OidcSecurity(claims = @Claim(key = "sub", value = "rita-subject"))
    void theReasonIsCheckedOnceTrimmedAndRefusesControlCharacters() {
        String number = fixtures.create(ShipmentFixtures.OTHER_PARTNER);
        for (String bad : List.of(
                "      short      ",                            // 17 characters, 5 once trimmed
                "\t\t\t\t\t\tabc\n\n\n\n",                   // padding of control characters around too little
                "Ticket 4711\nApproved by: the privacy officer",  // a forged second line
                "Ticket 4711 \u001b[2J cleared screen",           // a terminal escape
                "Ticket 4711 \u202Eeton lanretni",                // a right-to-left override
                "x".repeat(501))) {
            given().queryParam("reason", bad).get("/api/v1/staff/shipments/" + number).then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:trackguard:problem:invalid-request"))
                    .body("errors[0].message", containsString("once trimmed"));
        }
        List<Map<String, Object>> before = records.where("actor_id", "user:rita-subject");
        assertEquals(List.of(), before, "a refused reason discloses nothing and is not stored");

        given().queryParam("reason", "   Parcel stuck in Mississauga, ticket 4712   ").get("/api/v1/staff/shipments/" + number)
                .then().statusCode(200);
        given().queryParam("reason", "x".repeat(500)).get("/api/v1/staff/shipments/" + number).then().statusCode(200);
        List<Map<String, Object>> rows = records.where("actor_id", "user:rita-subject");
        assertEquals("Parcel stuck in Mississauga, ticket 4712", rows.get(0).get("reason"), "kept trimmed");
        assertEquals("x".repeat(500), rows.get(1).get("reason"));
    }

    @Test
    @TestSecurity(user = "lena.support", roles = "support")
    @OidcSecurity(claims = @Claim(key = "sub", value = "lena-subject"))
    void eachAgentIsLimited() {
        String number = fixtures.create(ShipmentFixtures.OTHER_PARTNER);
        long burst = limits.staffViewsPerAgent().burst();
        for (int i = 0; i < burst; i++) {
            given().queryParam("reason", REASON).get("/api/v1/staff/shipments/" + number).then().statusCode(200)
                    .header("RateLimit-Policy", containsString("\"staff\";q=" + limits.staffViewsPerAgent().limit()));
        }
        given().queryParam("reason", REASON).get("/api/v1/staff/shipments/" + number).then().statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .header("RateLimit", matchesPattern("\"staff\";r=0;t=\\d+"));
        List<Object> outcomes = records.where("actor_id", "user:lena-subject").stream().map(r -> r.get("outcome")).toList();
        assertEquals(burst + 1, outcomes.size());
        assertEquals("LIMITED", outcomes.get(outcomes.size() - 1));
        assertTrue(events("user:lena-subject").isEmpty(), "one shipment read often is not enumeration");
    }

    @Test
    @TestSecurity(user = "ivan.support", roles = "support")
    @OidcSecurity(claims = @Claim(key = "sub", value = "ivan-subject"))
    void anAgentWhoReadsTooManyShipmentsIsBlockedAndRaisesOneEvent() {
        int threshold = abuse.staff().distinctNumbers();
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i <= threshold; i++) {
            numbers.add(fixtures.create(i % 2 == 0 ? ShipmentFixtures.SENSITIVE_PARTNER : ShipmentFixtures.OTHER_PARTNER));
        }
        for (int i = 0; i < threshold; i++) {
            given().queryParam("reason", REASON).get("/api/v1/staff/shipments/" + numbers.get(i)).then().statusCode(200);
        }
        given().queryParam("reason", REASON).get("/api/v1/staff/shipments/" + numbers.get(threshold)).then().statusCode(429)
                .contentType("application/problem+json").header("Retry-After", notNullValue());
        // blocked, even for a shipment already seen
        given().queryParam("reason", REASON).get("/api/v1/staff/shipments/" + numbers.get(0)).then().statusCode(429);

        List<Map<String, String>> mine = events("user:ivan-subject");
        assertEquals(1, mine.size(), "one event for the episode");
        Map<String, String> event = mine.get(0);
        assertEquals("ENUMERATION_SUSPECTED", event.get("type"));
        assertEquals(String.valueOf(threshold + 1), event.get("distinctNumbers"));
        assertTrue(event.get("evidence").contains("staff view"), event.get("evidence"));
        assertTrue(Instant.parse(event.get("blockedUntil")).isAfter(Instant.parse(event.get("windowEnd"))));
        List<Object> outcomes = records.where("actor_id", "user:ivan-subject").stream().map(r -> r.get("outcome")).toList();
        assertEquals(threshold, outcomes.stream().filter("DISCLOSED"::equals).count());
        assertEquals(List.of("BLOCKED", "BLOCKED"), outcomes.subList(threshold, outcomes.size()));
    }

    private List<Map<String, String>> events(String actor) {
        return redis.stream(String.class).xrange(abuse.stream(), StreamRange.of("-", "+")).stream()
                .map(StreamMessage::payload).filter(e -> actor.equals(e.get("actor"))).toList();
    }

    @Test
    @TestSecurity(user = "priya.officer", roles = "privacy-officer")
    void otherRolesAreForbidden() {
        given().queryParam("reason", "Just curious about this one parcel").get("/api/v1/staff/shipments/" + ShipmentFixtures.unknownNumber())
                .then().statusCode(403);
    }
}
