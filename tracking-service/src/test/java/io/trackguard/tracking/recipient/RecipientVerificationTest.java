package io.trackguard.tracking.recipient;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.trackguard.tracking.audit.AccessLog;
import io.trackguard.tracking.shipment.ShipmentFixtures;
import io.trackguard.tracking.support.Clients;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RecipientVerificationTest {

    @Inject
    ShipmentFixtures fixtures;
    @Inject
    AccessLog log;

    static Response verify(RequestSpecification client, String number, String postalCode) {
        return client.contentType(ContentType.JSON).body(Map.of("postalCode", postalCode)).post("/api/v1/track/" + number + "/verify");
    }

    @Test
    void theRightPostalCodeGivesASessionThatUnlocksTheRecipientView() {
        String number = fixtures.createDelivered(ShipmentFixtures.SENSITIVE_PARTNER);
        String address = Clients.freshAddress();
        Response ok = verify(Clients.from(address), number, " m5h 1a1 ");
        assertEquals(200, ok.statusCode(), ok.asString());
        String session = ok.path("session");
        assertTrue(ok.header("Set-Cookie").contains(RecipientSession.COOKIE + "="), ok.header("Set-Cookie"));
        String cookie = ok.header("Set-Cookie").toLowerCase();
        assertTrue(cookie.contains("httponly") && cookie.contains("samesite=strict") && cookie.contains("max-age=900"), cookie);

        Clients.from(address).header(RecipientSession.HEADER, session).get("/api/v1/track/" + number + "/details").then().statusCode(200)
                .body("signerName", equalTo("J. Roe"))
                .body("recipient.name", equalTo("J*** R**"))
                .body("destination.postalCode", equalTo("M5H"))
                .body("sender", equalTo(ShipmentFixtures.SENSITIVE_PARTNER_NAME))
                .body("productCategory", nullValue())
                .body("orderReference", nullValue())
                .body("deliveredAt", notNullValue());
        // the cookie works the same way, for the page
        Clients.from(address).cookie(RecipientSession.COOKIE, session).get("/api/v1/track/" + number + "/details").then().statusCode(200);
    }

    @Test
    void detailsNeedASessionForThatVeryNumber() {
        String mine = fixtures.create(ShipmentFixtures.OTHER_PARTNER);
        String other = fixtures.create(ShipmentFixtures.OTHER_PARTNER);
        String session = verify(Clients.fresh(), mine, "M5H1A1").then().statusCode(200).extract().path("session");
        Clients.fresh().get("/api/v1/track/" + mine + "/details").then().statusCode(401)
                .body("type", equalTo("urn:trackguard:problem:recipient-verification-required"));
        Clients.fresh().header(RecipientSession.HEADER, session).get("/api/v1/track/" + other + "/details").then().statusCode(401);
        Clients.fresh().header(RecipientSession.HEADER, session + "x").get("/api/v1/track/" + mine + "/details").then().statusCode(401);
        Clients.fresh().header(RecipientSession.HEADER, "garbage").get("/api/v1/track/" + mine + "/details").then().statusCode(401);
    }

    @Test
    void unknownNumberWrongCodeAndBadFormatAllReadTheSame() {
        String number = fixtures.create(ShipmentFixtures.OTHER_PARTNER);
        List<Response> failures = List.of(
                verify(Clients.fresh(), number, "K1A0B1"),
                verify(Clients.fresh(), ShipmentFixtures.unknownNumber(), "M5H1A1"),
                verify(Clients.fresh(), number, "not postal"));
        for (Response r : failures) {
            assertEquals(403, r.statusCode(), r.asString());
            assertEquals(strip(failures.get(0).asString()), strip(r.asString()));
            assertEquals(failures.get(0).headers().asList().stream().map(h -> h.getName()).filter(n -> !n.equalsIgnoreCase("X-Request-Id")
                    && !n.equalsIgnoreCase("content-length")).sorted().toList(),
                    r.headers().asList().stream().map(h -> h.getName()).filter(n -> !n.equalsIgnoreCase("X-Request-Id")
                            && !n.equalsIgnoreCase("content-length")).sorted().toList());
        }
    }

    @Test
    void fiveWrongCodesLockTheShipmentEvenForTheRightCodeAndForUnknownNumbersAlike() {
        for (String number : List.of(fixtures.create(ShipmentFixtures.OTHER_PARTNER), ShipmentFixtures.unknownNumber())) {
            for (int i = 0; i < 5; i++) {
                verify(Clients.fresh(), number, "K1A0B1").then().statusCode(403);
            }
            verify(Clients.fresh(), number, "M5H1A1").then().statusCode(429)
                    .body("type", equalTo("urn:trackguard:problem:verification-locked"))
                    .header("Retry-After", notNullValue());
        }
    }

    @Test
    void failedVerificationsAcrossShipmentsBlockTheActor() {
        String address = Clients.freshAddress();
        int status = 403;
        int attempts = 0;
        while (status == 403 && attempts < 20) {
            status = verify(Clients.from(address), fixtures.create(ShipmentFixtures.OTHER_PARTNER), "K1A0B1").statusCode();
            attempts++;
        }
        // the per-client limit (burst 5) or the enumeration block (over 6 failures) stops it early
        assertEquals(429, status);
        assertTrue(attempts <= 7, "stopped after " + attempts);
    }

    @Test
    void aRecipientSeesWhoLookedButNotWho() {
        String number = fixtures.create(ShipmentFixtures.OTHER_PARTNER);
        Clients.fresh().get("/api/v1/track/" + number).then().statusCode(200);
        String address = Clients.freshAddress();
        String session = verify(Clients.from(address), number, "M5H1A1").then().statusCode(200).extract().path("session");
        log.flush();
        String body = Clients.from(address).header(RecipientSession.HEADER, session).get("/api/v1/track/" + number + "/accesses")
                .then().statusCode(200)
                .body("actorKind", hasItem("PUBLIC"))
                .body("actorKind", hasItem("RECIPIENT"))
                .body("tier", hasItem("PUBLIC"))
                .body("outcome", hasItem("VERIFIED"))
                .body("[0].at", notNullValue())
                .extract().asString();
        assertFalse(body.contains("ip:") || body.contains("client:") || body.contains("actorId"), body);
        Clients.fresh().get("/api/v1/track/" + number + "/accesses").then().statusCode(401);
    }

    @Test
    @TestSecurity(user = "service-account-notification-service", roles = "incident-responder")
    void aOneTimeLinkProvesTheRecipientOnce() {
        String number = fixtures.create(ShipmentFixtures.OTHER_PARTNER);
        Map<String, Object> link = given().contentType(ContentType.JSON).body(Map.of("trackingNumber", number))
                .post("/internal/v1/recipient-links").then().statusCode(201)
                .body("path", org.hamcrest.Matchers.startsWith("/r/")).extract().as(Map.class);
        String token = (String) link.get("token");
        assertFalse(token.contains("Jane"), "no personal data in the link");

        String session = Clients.fresh().contentType(ContentType.JSON).body(Map.of("token", token))
                .post("/api/v1/recipient-links/redeem").then().statusCode(200)
                .body("trackingNumber", equalTo(number)).extract().path("session");
        Clients.fresh().header(RecipientSession.HEADER, session).get("/api/v1/track/" + number + "/details").then().statusCode(200);

        Clients.fresh().contentType(ContentType.JSON).body(Map.of("token", token))
                .post("/api/v1/recipient-links/redeem").then().statusCode(403)
                .body("type", equalTo("urn:trackguard:problem:link-invalid"));
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        Clients.fresh().contentType(ContentType.JSON).body(Map.of("token", forged))
                .post("/api/v1/recipient-links/redeem").then().statusCode(403);
        // a session is not a link, and a link is not a session
        Clients.fresh().contentType(ContentType.JSON).body(Map.of("token", session))
                .post("/api/v1/recipient-links/redeem").then().statusCode(403);
        Clients.fresh().header(RecipientSession.HEADER, token).get("/api/v1/track/" + number + "/details").then().statusCode(401);
    }

    @Test
    @TestSecurity(user = "sam.support", roles = "support")
    @OidcSecurity(claims = @Claim(key = "sub", value = "sam-subject"))
    void onlyIncidentRespondersMakeLinks() {
        given().contentType(ContentType.JSON).body(Map.of("trackingNumber", ShipmentFixtures.unknownNumber()))
                .post("/internal/v1/recipient-links").then().statusCode(403);
    }

    @Test
    void verificationInputIsValidated() {
        String number = fixtures.create(ShipmentFixtures.OTHER_PARTNER);
        Clients.fresh().contentType(ContentType.JSON).body("{}").post("/api/v1/track/" + number + "/verify").then().statusCode(400);
        Clients.fresh().contentType(ContentType.JSON).body(Map.of("postalCode", "x".repeat(100)))
                .post("/api/v1/track/" + number + "/verify").then().statusCode(400);
        verify(Clients.fresh(), "ORD-1", "M5H1A1").then().statusCode(400)
                .body("type", not(equalTo("urn:trackguard:problem:verification-failed")));
    }

    static String strip(String problem) {
        return problem.replaceAll("\"requestId\":\"[^\"]*\"", "");
    }
}
