package io.trackguard.tracking.recipient;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.startsWith;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.trackguard.tracking.client.Pseudonyms;
import io.trackguard.tracking.shipment.ShipmentFixtures;
import io.trackguard.tracking.support.AccessRecords;
import io.trackguard.tracking.support.Clients;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RecipientVerificationTest {

    /** Failed verifications per shipment before the lock (application.properties). */
    static final int LIMIT = 5;

    @Inject
    ShipmentFixtures fixtures;
    @Inject
    AccessRecords records;
    @Inject
    Pseudonyms pseudonyms;
    @TestHTTPResource("/api/v1/track/")
    URI trackApi;

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
    void fiftyParallelWrongCodesFromFiftyAddressesCompareAtMostTheLimit() throws Exception {
        String number = fixtures.create(ShipmentFixtures.OTHER_PARTNER);
        HttpClient client = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(8)).build();
        ExecutorService pool = Executors.newFixedThreadPool(50);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        String subnet = Clients.freshAddress().replaceAll("\\.\\d+$", ".");
        for (int i = 0; i < 50; i++) {
            HttpRequest request = HttpRequest.newBuilder(trackApi.resolve(number + "/verify"))
                    .header("Content-Type", "application/json").header("X-Forwarded-For", subnet + (1 + i))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"postalCode\":\"K1A0B" + (i % 10) + "\"}")).build();
            answers.add(pool.submit(() -> {
                start.await();
                return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            }));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> answer : answers) {
            statuses.add(answer.get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();

        // a comparison is what writes VERIFY_FAILED; a refusal before comparing writes LOCKED
        List<Map<String, Object>> audited = records.where("number_hash", pseudonyms.trackingNumber(number));
        long compared = audited.stream().filter(r -> "VERIFY_FAILED".equals(r.get("outcome"))).count();
        long locked = audited.stream().filter(r -> "LOCKED".equals(r.get("outcome"))).count();
        assertEquals(LIMIT, compared, "compared: " + compared + ", statuses " + statuses);
        assertEquals(50 - LIMIT, locked);
        assertEquals(LIMIT, statuses.stream().filter(st -> st == 403).count(), statuses.toString());
        assertEquals(50 - LIMIT, statuses.stream().filter(st -> st == 429).count(), statuses.toString());
    }

    @Test
    void theRightCodeGivesItsAttemptBack() {
        String number = fixtures.create(ShipmentFixtures.OTHER_PARTNER);
        for (int i = 0; i < LIMIT - 1; i++) {
            verify(Clients.fresh(), number, "K1A0B1").then().statusCode(403);
        }
        verify(Clients.fresh(), number, "M5H1A1").then().statusCode(200);
        // the success did not count: one more wrong code is still compared, and only then the lock
        verify(Clients.fresh(), number, "K1A0B1").then().statusCode(403)
                .body("type", equalTo("urn:trackguard:problem:verification-failed"));
        verify(Clients.fresh(), number, "M5H1A1").then().statusCode(429)
                .body("type", equalTo("urn:trackguard:problem:verification-locked"));
    }

    @Test
    void aRecipientSeesWhoLookedButNotWhoAndOnlyTheProvenRecipientIsTheRecipient() {
        String number = fixtures.create(ShipmentFixtures.OTHER_PARTNER);
        Clients.fresh().get("/api/v1/track/" + number).then().statusCode(200);
        verify(Clients.fresh(), number, "K1A0B1").then().statusCode(403);
        String address = Clients.freshAddress();
        String session = verify(Clients.from(address), number, "M5H1A1").then().statusCode(200).extract().path("session");
        String body = Clients.from(address).header(RecipientSession.HEADER, session).get("/api/v1/track/" + number + "/accesses")
                .then().statusCode(200)
                .body("accesses.find { it.what == 'viewed-status' }.viewer", equalTo("someone"))
                .body("accesses.find { it.what == 'viewed-status' }.tier", equalTo("PUBLIC"))
                .body("accesses.find { it.what == 'wrong-postal-code' }.viewer", equalTo("someone"))
                .body("accesses.find { it.what == 'verified-with-postal-code' }.viewer", equalTo("recipient"))
                .body("accesses.findAll { it.viewer == 'recipient' }.what", everyItem(anyOf(
                        equalTo("verified-with-postal-code"), equalTo("viewed-details"))))
                .body("accesses[0].at", notNullValue())
                .body("failedAttempts", equalTo(1))
                .body("warning", nullValue())
                .extract().asString();
        assertFalse(body.contains("ip:") || body.contains("client:") || body.contains("actorId") || body.contains("actorKind"), body);
        Clients.fresh().get("/api/v1/track/" + number + "/accesses").then().statusCode(401);
    }

    @Test
    void severalFailedAttemptsStandOutWithWhatTheRecipientCanDo() {
        String number = fixtures.create(ShipmentFixtures.OTHER_PARTNER);
        for (int i = 0; i < 3; i++) {
            verify(Clients.fresh(), number, "K1A0B" + i).then().statusCode(403);
        }
        String address = Clients.freshAddress();
        String session = verify(Clients.from(address), number, "M5H1A1").then().statusCode(200).extract().path("session");
        Clients.from(address).header(RecipientSession.HEADER, session).get("/api/v1/track/" + number + "/accesses")
                .then().statusCode(200)
                .body("failedAttempts", equalTo(3))
                .body("accesses.findAll { it.what == 'wrong-postal-code' }.viewer", equalTo(List.of("someone", "someone", "someone")))
                .body("warning.en", startsWith("Someone tried 3 times to prove they are the recipient of this parcel"))
                .body("warning.en", containsString("one-time link"))
                .body("warning.fr", startsWith("Quelqu'un a tenté 3 fois de prouver être le destinataire de ce colis"))
                .body("warning.fr", containsString("lien à usage unique"));
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
