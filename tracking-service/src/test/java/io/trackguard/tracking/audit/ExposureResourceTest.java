package io.trackguard.tracking.audit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.trackguard.tracking.client.Pseudonyms;
import io.trackguard.tracking.shipment.ShipmentFixtures;
import io.trackguard.tracking.support.AccessRecords;
import io.trackguard.tracking.support.Clients;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ExposureResourceTest {

    @Inject
    ShipmentFixtures fixtures;
    @Inject
    Pseudonyms pseudonyms;
    @Inject
    AccessRecords records;
    @Inject
    AccessLog log;

    @Test
    @TestSecurity(user = "service-account-notification-service", roles = "incident-responder")
    @OidcSecurity(claims = @Claim(key = "azp", value = "notification-service"))
    void theShipmentsAndFieldsAnActorSawComeBackPageByPageAndTheQueryIsAudited() throws Exception {
        String address = Clients.freshAddress();
        String actor = pseudonyms.address(InetAddress.getByName(address));
        Instant from = Instant.now().minusSeconds(5);
        List<String> seen = List.of(fixtures.create(ShipmentFixtures.SENSITIVE_PARTNER), fixtures.create(ShipmentFixtures.OTHER_PARTNER),
                fixtures.createDelivered(ShipmentFixtures.OTHER_PARTNER));
        for (String number : seen) {
            Clients.from(address).get("/api/v1/track/" + number).then().statusCode(200);
        }
        Clients.from(address).get("/api/v1/track/" + seen.get(0)).then().statusCode(200);
        Clients.fresh().get("/api/v1/track/" + fixtures.create(ShipmentFixtures.OTHER_PARTNER)).then().statusCode(200);
        log.flush();
        String to = Instant.now().plusSeconds(5).toString();

        String cursor = given().queryParam("actor", actor).queryParam("from", from.toString()).queryParam("to", to)
                .queryParam("limit", 2)
                .get("/internal/v1/exposures").then().statusCode(200)
                .body("exposures", hasSize(2))
                .body("nextCursor", notNullValue())
                .body("exposures[0].recipient.name", equalTo("Jane Roe"))
                .body("exposures[0].fieldsDisclosed", hasItem("status"))
                .extract().path("nextCursor");
        given().queryParam("actor", actor).queryParam("from", from.toString()).queryParam("to", to)
                .queryParam("limit", 2).queryParam("cursor", cursor)
                .get("/internal/v1/exposures").then().statusCode(200)
                .body("exposures", hasSize(1))
                .body("nextCursor", nullValue());
        given().queryParam("actor", actor).queryParam("from", from.toString()).queryParam("to", to)
                .get("/internal/v1/exposures").then().statusCode(200)
                .body("exposures.trackingNumber", containsInAnyOrder(seen.toArray()))
                .body("exposures.find { it.trackingNumber == '" + seen.get(0) + "' }.accesses", equalTo(2))
                .body("exposures.find { it.trackingNumber == '" + seen.get(0) + "' }.partnerSensitive", equalTo(true))
                .body("exposures.find { it.trackingNumber == '" + seen.get(1) + "' }.partnerSensitive", equalTo(false))
                .body("exposures.find { it.trackingNumber == '" + seen.get(0) + "' }.tiers", equalTo(List.of("PUBLIC")));

        List<Map<String, Object>> queries = records.where("actor_id", "client:notification-service");
        assertEquals("QUERIED", queries.get(queries.size() - 1).get("outcome"));
    }

    @Test
    @TestSecurity(user = "service-account-notification-service", roles = "incident-responder")
    @OidcSecurity(claims = @Claim(key = "azp", value = "notification-service"))
    void aPartnersShipmentsDisclosedToAnyoneComeBackWithTiersSensitivityAndLanguage() {
        String partner = "p" + UUID.randomUUID().toString().substring(0, 8);
        Instant from = Instant.now().minusSeconds(5);
        String french = fixtures.create(partner, true, "fr");
        String unsaid = fixtures.create(partner, true, null);
        String otherPartners = fixtures.create(ShipmentFixtures.OTHER_PARTNER);
        Clients.fresh().get("/api/v1/track/" + french).then().statusCode(200);
        Clients.fresh().get("/api/v1/track/" + unsaid).then().statusCode(200);
        Clients.fresh().get("/api/v1/track/" + otherPartners).then().statusCode(200);
        String session = Clients.fresh().contentType(ContentType.JSON).body(Map.of("postalCode", "M5H1A1"))
                .post("/api/v1/track/" + unsaid + "/verify").then().statusCode(200).extract().path("session");
        Clients.fresh().header("Recipient-Session", session).get("/api/v1/track/" + unsaid + "/details").then().statusCode(200);
        log.flush();

        given().queryParam("partner", partner).queryParam("from", from.toString()).queryParam("to", Instant.now().plusSeconds(5).toString())
                .get("/internal/v1/exposures").then().statusCode(200)
                .body("partner", equalTo(partner))
                .body("actor", nullValue())
                .body("exposures.trackingNumber", containsInAnyOrder(french, unsaid))
                .body("exposures.partnerSensitive", everyItem(equalTo(true)))
                .body("exposures.find { it.trackingNumber == '" + french + "' }.recipient.language", equalTo("fr"))
                .body("exposures.find { it.trackingNumber == '" + french + "' }.tiers", equalTo(List.of("PUBLIC")))
                .body("exposures.find { it.trackingNumber == '" + unsaid + "' }.recipient.language", nullValue())
                .body("exposures.find { it.trackingNumber == '" + unsaid + "' }.tiers", equalTo(List.of("PUBLIC", "RECIPIENT")))
                .body("exposures.find { it.trackingNumber == '" + unsaid + "' }.fieldsDisclosed", hasItem("recipient.name"));

        List<Map<String, Object>> queries = records.where("partner_id", partner);
        assertEquals("QUERIED", queries.get(queries.size() - 1).get("outcome"), "the partner query is audited under the partner");
    }

    @Test
    @TestSecurity(user = "service-account-notification-service", roles = "incident-responder")
    void badQueriesAre400() {
        String now = Instant.now().toString();
        given().queryParam("actor", "ip:abc").queryParam("from", now).queryParam("to", "yesterday")
                .get("/internal/v1/exposures").then().statusCode(400).contentType("application/problem+json");
        given().queryParam("actor", "ip:abc").queryParam("from", now).queryParam("to", Instant.now().minusSeconds(60).toString())
                .get("/internal/v1/exposures").then().statusCode(400);
        given().queryParam("actor", "ip:abc").queryParam("from", "2020-01-01T00:00:00Z").queryParam("to", now)
                .get("/internal/v1/exposures").then().statusCode(400);
        given().queryParam("actor", "'; DROP TABLE shipment; --").queryParam("from", now).queryParam("to", now)
                .get("/internal/v1/exposures").then().statusCode(400);
        given().queryParam("from", now).queryParam("to", now).get("/internal/v1/exposures").then().statusCode(400);
        given().queryParam("actor", "ip:abc").queryParam("partner", "acme").queryParam("from", Instant.now().minusSeconds(60).toString())
                .queryParam("to", now).get("/internal/v1/exposures").then().statusCode(400)
                .body("detail", containsString("exactly one"));
        given().queryParam("partner", "acme' OR 1=1").queryParam("from", Instant.now().minusSeconds(60).toString())
                .queryParam("to", now).get("/internal/v1/exposures").then().statusCode(400);
        given().queryParam("actor", "ip:abc").queryParam("from", Instant.now().minusSeconds(60).toString()).queryParam("to", now)
                .queryParam("cursor", "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz")
                .get("/internal/v1/exposures").then().statusCode(400);
    }

    @Test
    @TestSecurity(user = "sam.support", roles = "support")
    void onlyIncidentRespondersMayAsk() {
        given().queryParam("actor", "ip:abc").queryParam("from", Instant.now().minusSeconds(60).toString())
                .queryParam("to", Instant.now().toString())
                .get("/internal/v1/exposures").then().statusCode(403);
    }
}
