package io.trackguard.tracking.recipient;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.trackguard.tracking.partner.PartnerCaller;
import io.trackguard.tracking.support.Relayed;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.trackguard.tracking.client.Pseudonyms;
import io.trackguard.tracking.shipment.ShipmentFixtures;
import io.trackguard.tracking.support.AccessRecords;
import io.trackguard.tracking.support.Clients;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** One-time links: issued (notices, partners), opened without being spent, spent once by the page's POST or the API. */
@QuarkusTest
class RecipientLinksTest {

    /** The page's confirmation cookie (LinkPageResource). */
    private static final String LINK_CONFIRM = "tg_link";
    private static final Pattern CONFIRM = Pattern.compile("name=\"confirm\" value=\"([^\"]+)\"");

    @Inject
    ShipmentFixtures fixtures;
    @Inject
    AccessRecords records;
    @Inject
    Pseudonyms pseudonyms;
    @Inject
    RecipientTokens tokens;

    static Response redeem(String token) {
        return Clients.fresh().contentType(ContentType.JSON).body(Map.of("token", token)).post("/api/v1/recipient-links/redeem");
    }

    static String mint(String number) {
        return given().contentType(ContentType.JSON).body(Map.of("trackingNumber", number))
                .post("/internal/v1/recipient-links").then().statusCode(201).extract().path("token");
    }

    static String strip(String answer) {
        return answer.replaceAll("\"requestId\":\"[^\"]*\"", "");
    }

    @Test
    @TestSecurity(user = "service-account-notification-service", roles = "incident-responder")
    void aOneTimeLinkProvesTheRecipientOnce() {
        String number = fixtures.create(ShipmentFixtures.OTHER_PARTNER);
        Map<String, Object> link = given().contentType(ContentType.JSON).body(Map.of("trackingNumber", number))
                .post("/internal/v1/recipient-links").then().statusCode(201)
                .body("path", startsWith("/r/")).body("expiresAt", notNullValue()).extract().as(Map.class);
        String token = (String) link.get("token");
        assertEquals("/r/" + token, link.get("path"));
        assertFalse(token.contains("Jane"), "no personal data in the link");
        Instant expiresAt = Instant.parse((String) link.get("expiresAt"));
        assertTrue(Duration.between(Instant.now(), expiresAt).toHours() >= 167, "7 days: " + expiresAt);

        String session = redeem(token).then().statusCode(200).body("trackingNumber", equalTo(number)).extract().path("session");
        Clients.fresh().header(RecipientSession.HEADER, session).get("/api/v1/track/" + number + "/details").then().statusCode(200);

        redeem(token).then().statusCode(403).body("type", equalTo("urn:trackguard:problem:link-invalid"));
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        redeem(forged).then().statusCode(403);
        // a session is not a link, and a link is not a session
        redeem(session).then().statusCode(403);
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
    void anExpiredLinkIsRefusedWithTheSameAnswerAsABadOne() {
        String number = fixtures.create(ShipmentFixtures.OTHER_PARTNER);
        String hash = pseudonyms.trackingNumber(number);
        // a link made 8 days ago, expired a day ago (well past the 5 seconds of clock skew allowed)
        Instant now = Instant.now();
        String expired = tokens.link(hash, number, now.minus(Duration.ofDays(8)), now.minus(Duration.ofDays(1)));
        String valid = tokens.link(hash, number, now.minus(Duration.ofDays(6)), now.plus(Duration.ofDays(1)));
        String forged = valid.substring(0, valid.lastIndexOf('.') + 1) + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

        Response expiredAnswer = redeem(expired);
        Response forgedAnswer = redeem(forged);
        assertEquals(403, expiredAnswer.statusCode(), expiredAnswer.asString());
        assertEquals(strip(forgedAnswer.asString()), strip(expiredAnswer.asString()));
        assertEquals("urn:trackguard:problem:link-invalid", expiredAnswer.path("type"));

        // the page says the same for both, and offers no button
        Response expiredPage = Clients.fresh().header("Accept-Language", "en").get("/r/" + expired);
        Response forgedPage = Clients.fresh().header("Accept-Language", "en").get("/r/" + forged);
        assertEquals(403, expiredPage.statusCode());
        assertEquals(forgedPage.asString(), expiredPage.asString());
        assertTrue(expiredPage.asString().contains("Link not valid"), expiredPage.asString());
        assertFalse(expiredPage.asString().contains("name=\"token\""));

        redeem(valid).then().statusCode(200); // the same shipment, a link still in time: fine
    }

    @Test
    @TestSecurity(user = "service-account-notification-service", roles = "incident-responder")
    void aLinkStillLetsTheRecipientInWhileThePostalCodeIsLocked() {
        String number = fixtures.create(ShipmentFixtures.OTHER_PARTNER);
        for (int i = 0; i < RecipientVerificationTest.LIMIT; i++) {
            RecipientVerificationTest.verify(Clients.fresh(), number, "K1A0B1").then().statusCode(403);
        }
        RecipientVerificationTest.verify(Clients.fresh(), number, "M5H1A1").then().statusCode(429)
                .body("type", equalTo("urn:trackguard:problem:verification-locked"))
                .body("detail", containsString("one-time link"));

        String session = redeem(mint(number)).then().statusCode(200).extract().path("session");
        Clients.fresh().header(RecipientSession.HEADER, session).get("/api/v1/track/" + number + "/details").then().statusCode(200)
                .body("recipient.name", equalTo("J*** R**"));
        // the lock itself stays: the postal code is still refused
        RecipientVerificationTest.verify(Clients.fresh(), number, "M5H1A1").then().statusCode(429);
    }

    @Test
    @TestSecurity(user = "service-account-notification-service", roles = "incident-responder")
    void issuingAndSpendingAreAuditedWithTheShipmentAndTheCallerAndShowInWhoLooked() {
        String number = fixtures.create(ShipmentFixtures.OTHER_PARTNER);
        String token = mint(number);
        String address = Clients.freshAddress();
        String session = Clients.from(address).contentType(ContentType.JSON).body(Map.of("token", token))
                .post("/api/v1/recipient-links/redeem").then().statusCode(200).extract().path("session");
        redeem(token).then().statusCode(403); // someone tries it again

        List<Map<String, Object>> audited = records.where("number_hash", pseudonyms.trackingNumber(number));
        Map<String, Object> issued = only(audited, "LINK_ISSUED");
        assertEquals("SERVICE", issued.get("actor_kind"));
        assertEquals("user:service-account-notification-service", issued.get("actor_id"));
        assertNotNull(issued.get("shipment_id"));
        assertEquals(ShipmentFixtures.OTHER_PARTNER, issued.get("partner_id"));
        Map<String, Object> spent = only(audited, "VERIFIED");
        assertEquals("RECIPIENT", spent.get("actor_kind"));
        assertEquals(issued.get("shipment_id"), spent.get("shipment_id"));
        assertEquals("one-time link", spent.get("reason"));
        Map<String, Object> again = only(audited, "VERIFY_FAILED");
        assertEquals("PUBLIC", again.get("actor_kind"), "a second use is not the recipient");
        assertEquals(issued.get("shipment_id"), again.get("shipment_id"));

        Clients.from(address).header(RecipientSession.HEADER, session).get("/api/v1/track/" + number + "/accesses").then().statusCode(200)
                .body("accesses.find { it.what == 'link-issued' }.viewer", equalTo("service"))
                .body("accesses.find { it.what == 'verified-with-link' }.viewer", equalTo("recipient"))
                .body("accesses.find { it.what == 'used-link-again' }.viewer", equalTo("someone"));
    }

    @Test
    @TestSecurity(user = Relayed.GATEWAY, roles = PartnerCaller.RELAY_ROLE, permissions = {"shipments:write", "shipments:read"})
    void theOwningPartnerGetsALinkForItsShippingEmailAndOthersGetTheUnknownNumbersAnswer() {
        String mine = fixtures.create(ShipmentFixtures.OTHER_PARTNER);
        String theirs = fixtures.create(ShipmentFixtures.SENSITIVE_PARTNER);

        Response created = Relayed.as(ShipmentFixtures.OTHER_PARTNER).post("/api/v1/shipments/" + mine.toLowerCase() + "/recipient-link");
        assertEquals(201, created.statusCode(), created.asString());
        String token = created.path("token");
        assertEquals("/r/" + token, created.path("path"));
        assertNotNull(created.path("expiresAt"));
        assertNotNull(created.header("RateLimit"), "the partner limit counts it");
        Map<String, Object> issued = only(records.where("number_hash", pseudonyms.trackingNumber(mine)), "LINK_ISSUED");
        assertEquals("PARTNER", issued.get("actor_kind"));
        assertEquals("client:partner-acme", issued.get("actor_id"));
        assertNotNull(issued.get("shipment_id"));
        redeem(token).then().statusCode(200).body("trackingNumber", equalTo(mine));

        Response other = Relayed.as(ShipmentFixtures.OTHER_PARTNER).post("/api/v1/shipments/" + theirs + "/recipient-link");
        Response unknown = Relayed.as(ShipmentFixtures.OTHER_PARTNER).post("/api/v1/shipments/" + ShipmentFixtures.unknownNumber() + "/recipient-link");
        assertEquals(404, other.statusCode(), other.asString());
        assertEquals(strip(unknown.asString()), strip(other.asString()));
        assertTrue(records.where("number_hash", pseudonyms.trackingNumber(theirs)).stream()
                .noneMatch(r -> "LINK_ISSUED".equals(r.get("outcome"))), "no link for another partner's shipment");
        Relayed.as(ShipmentFixtures.OTHER_PARTNER).post("/api/v1/shipments/ORD-1/recipient-link").then().statusCode(400);
    }

    @Test
    void partnersNeedAToken() {
        given().post("/api/v1/shipments/" + fixtures.create(ShipmentFixtures.OTHER_PARTNER) + "/recipient-link")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    @TestSecurity(user = "service-account-notification-service", roles = "incident-responder")
    void openingALinkSpendsNothingAndOnlyThePagesOwnPostSpendsItOnce() {
        String number = fixtures.create(ShipmentFixtures.OTHER_PARTNER);
        String token = mint(number);
        String address = Clients.freshAddress();

        // a mail scanner opens it, twice: a page with a button, nothing spent
        for (int i = 0; i < 2; i++) {
            Clients.fresh().get("/r/" + token).then().statusCode(200).header("Cache-Control", "no-store")
                    .body(containsString("<form method=\"post\" action=\"/r\">"));
        }
        Response page = Clients.from(address).header("Accept-Language", "fr").get("/r/" + token);
        assertEquals(200, page.statusCode());
        assertTrue(page.asString().contains("lien à usage unique"), "French");
        String confirm = page.getCookie(LINK_CONFIRM);
        String cookie = page.getDetailedCookie(LINK_CONFIRM).toString().toLowerCase();
        assertTrue(cookie.contains("samesite=strict") && cookie.contains("httponly") && cookie.contains("path=/r"), cookie);
        Matcher inForm = CONFIRM.matcher(page.asString());
        assertTrue(inForm.find());
        assertEquals(confirm, inForm.group(1));

        // a form posted from another site carries no SameSite=Strict cookie: nothing is spent
        Clients.from(address).contentType(ContentType.URLENC).formParam("token", token).formParam("confirm", confirm)
                .redirects().follow(false).post("/r").then().statusCode(403).body(containsString("name=\"token\""));
        Clients.from(address).contentType(ContentType.URLENC).formParam("token", token).formParam("confirm", "guessed")
                .cookie(LINK_CONFIRM, confirm).redirects().follow(false).post("/r").then().statusCode(403);

        // the page's own POST spends it, and the answer sends the browser on without the token
        Response spent = Clients.from(address).contentType(ContentType.URLENC).formParam("token", token).formParam("confirm", confirm)
                .cookie(LINK_CONFIRM, confirm).redirects().follow(false).post("/r");
        assertEquals(303, spent.statusCode(), spent.asString());
        assertTrue(spent.header("Location").endsWith("/track/" + number + "/details"), spent.header("Location"));
        assertFalse(spent.header("Location").contains(token));
        String session = spent.getCookie(RecipientSession.COOKIE);
        assertNotNull(session);
        Clients.from(address).cookie(RecipientSession.COOKIE, session).get("/track/" + number + "/details").then().statusCode(200);

        // once only: the same POST again, and the link opened again, both say it is not valid
        Clients.from(address).contentType(ContentType.URLENC).formParam("token", token).formParam("confirm", confirm)
                .cookie(LINK_CONFIRM, confirm).redirects().follow(false).post("/r").then().statusCode(403)
                .body(not(containsString("name=\"token\"")));
        Clients.fresh().get("/r/" + token).then().statusCode(403);
        assertEquals(1, records.where("number_hash", pseudonyms.trackingNumber(number)).stream()
                .filter(r -> "VERIFIED".equals(r.get("outcome"))).count());
    }

    private static Map<String, Object> only(List<Map<String, Object>> rows, String outcome) {
        List<Map<String, Object>> found = rows.stream().filter(r -> outcome.equals(r.get("outcome"))).toList();
        assertEquals(1, found.size(), outcome + " in " + rows);
        return found.get(0);
    }
}
