package io.trackguard.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.trackguard.testsupport.Await;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Partner webhooks through the whole stack: a partner subscribes at partner-gateway to an HTTPS
 * endpoint in this JVM (WebhookReceiver), its shipment moves through tracking-service, and
 * notification-service delivers each status change, signed per Standard Webhooks, in order,
 * and only the partner's own.
 */
@ExtendWith(Stack.class)
class WebhooksIT {

    /** The sender works in the background: deliveries come within a minute, or the test fails with what came. */
    private static final Duration DELIVERIES = Duration.ofMinutes(1);

    @Test
    void aPartnerReceivesItsOwnShipmentsEventsSignedAndInOrder() throws Exception {
        String ocsSecret = subscribe(Tokens.ocs(), "/ocs");
        subscribe(Tokens.acme(), "/acme");

        String mine = Shipments.createThroughGateway(Tokens.ocs());
        String theirs = Shipments.createThroughGateway(Tokens.acme());
        Instant t = Instant.now().minusSeconds(7200);
        Shipments.scan(mine, "ACCEPTED", t, "Mississauga", null);
        Shipments.scan(mine, "IN_TRANSIT", t.plusSeconds(600), "Toronto", null);
        Shipments.scan(mine, "EXCEPTION", t.plusSeconds(1200), "Toronto", null);
        Shipments.scan(mine, "OUT_FOR_DELIVERY", t.plusSeconds(1800), "Toronto", null);
        Shipments.scan(mine, "DELIVERED", t.plusSeconds(2400), null, "J. Roe");
        Shipments.scan(theirs, "ACCEPTED", t, "Mississauga", null);

        List<String> expected = List.of("shipment.created", "shipment.accepted", "shipment.in_transit", "shipment.exception",
                "shipment.out_for_delivery", "shipment.delivered");
        List<WebhookReceiver.Request> got = Await.until("every event of ocs's shipment delivered", DELIVERIES,
                () -> of(WebhookReceiver.at("/ocs"), mine), l -> l.size() >= expected.size());
        assertEquals(expected, got.stream().map(r -> JsonPath.from(r.body()).getString("type")).toList(), "every status change, in order");
        for (WebhookReceiver.Request r : got) {
            assertTrue(signedWith(ocsSecret, r), "signed with the subscription's secret: " + r.headers());
            assertFalse(signedWith("whsec_" + Base64.getEncoder().encodeToString(new byte[32]), r), "and not with any other");
            assertEquals("ocs", JsonPath.from(r.body()).getString("data.partnerId"));
        }
        assertEquals(expected.size(), got.stream().map(r -> r.headers().get("webhook-id")).distinct().count(), "an id per event");

        // the other partner's events went to the other partner only
        Await.until("acme's two events delivered", DELIVERIES, () -> of(WebhookReceiver.at("/acme"), theirs), l -> l.size() >= 2);
        for (WebhookReceiver.Request r : WebhookReceiver.at("/ocs")) {
            assertFalse(r.body().contains(theirs), "ocs never receives acme's shipment");
        }
        for (WebhookReceiver.Request r : WebhookReceiver.at("/acme")) {
            assertFalse(r.body().contains(mine), "acme never receives ocs's shipment");
        }
    }

    /** Subscribes to every event type; returns the secret, shown once. */
    private static String subscribe(String token, String path) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("url", WebhookReceiver.url(path)))
                .post(Stack.GATEWAY + "/api/v1/webhooks").then().statusCode(201).extract().path("secret");
    }

    private static List<WebhookReceiver.Request> of(List<WebhookReceiver.Request> all, String number) {
        return all.stream().filter(r -> number.equals(JsonPath.from(r.body()).getString("data.trackingNumber"))).toList();
    }

    /** Standard Webhooks, written here from the spec: v1 = base64(HMAC-SHA256(key, id.timestamp.body)). */
    private static boolean signedWith(String secret, WebhookReceiver.Request r) throws Exception {
        byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        String signed = r.headers().get("webhook-id") + "." + r.headers().get("webhook-timestamp") + "." + r.body();
        String expected = "v1," + Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        return Arrays.asList(r.headers().get("webhook-signature").split(" ")).contains(expected);
    }
}
