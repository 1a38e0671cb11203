package io.trackguard.tracking.limits;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.trackguard.tracking.partner.PartnerCaller;
import io.trackguard.tracking.shipment.ShipmentFixtures;
import io.trackguard.tracking.support.Clients;
import io.trackguard.tracking.support.Relayed;
import org.junit.jupiter.api.Test;

/**
 * The RateLimit fields come from one place (the guard's state, written by GuardHeaders), so
 * every answer of a limited request carries them: a success, a problem answered by an exception
 * mapper after admission, the guard's own refusal, and a refusal the HTML page turns into a page.
 */
@QuarkusTest
class GuardedAnswersTest {

    @Test
    void aPublicMissAnsweredByTheMapperCarriesTheFieldsAndTheRefusalCarriesRetryAfter() {
        String address = Clients.freshAddress();
        for (int i = 0; i < 5; i++) {
            Clients.from(address).get("/api/v1/track/" + ShipmentFixtures.unknownNumber()).then().statusCode(404)
                    .contentType("application/problem+json")
                    .header("RateLimit-Policy", containsString("\"misses\";q=10;w=600"))
                    .header("RateLimit", matchesPattern("\"misses\";r=\\d+;t=\\d+"))
                    .header("Retry-After", nullValue());
        }
        Clients.from(address).get("/api/v1/track/" + ShipmentFixtures.unknownNumber()).then().statusCode(429)
                .body("type", equalTo("urn:trackguard:problem:rate-limited"))
                .header("RateLimit", matchesPattern("\"misses\";r=0;t=\\d+"))
                .header("Retry-After", matchesPattern("[1-9]\\d*"));
    }

    @Test
    void theHtmlPagesRefusalCarriesTheFieldsAndSaysTheSameWait() {
        String address = Clients.freshAddress();
        for (int i = 0; i < 5; i++) {
            Clients.from(address).queryParam("number", ShipmentFixtures.unknownNumber()).get("/track").then().statusCode(404)
                    .header("RateLimit", matchesPattern("\"misses\";r=\\d+;t=\\d+"));
        }
        Response refused = Clients.from(address).queryParam("number", ShipmentFixtures.unknownNumber()).get("/track");
        assertEquals(429, refused.statusCode());
        String retryAfter = refused.header("Retry-After");
        refused.then().contentType(containsString("text/html"))
                .header("RateLimit", matchesPattern("\"misses\";r=0;t=\\d+"))
                .body(containsString("Try again in " + retryAfter + " seconds."));
    }

    @Test
    @TestSecurity(user = Relayed.GATEWAY, roles = PartnerCaller.RELAY_ROLE, permissions = {"shipments:write", "shipments:read"})
    void thePartnerApisNotFoundCarriesThePartnerLimit() {
        Relayed.as("ocs").get("/api/v1/shipments/" + ShipmentFixtures.unknownNumber()).then().statusCode(404)
                .body("type", equalTo("urn:trackguard:problem:shipment-not-found"))
                .header("RateLimit-Policy", "\"partner\";q=50;w=1")
                .header("RateLimit", matchesPattern("\"partner\";r=\\d+;t=\\d+"));
    }
}
