package io.trackguard.gateway.webhook;

import static io.trackguard.gateway.webhook.WebhookResourceTest.as;
import static io.trackguard.gateway.webhook.WebhookResourceTest.partner;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trackguard.gateway.shipment.TrackingServiceStandIn;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * notification-service's answers are read into the gateway's records (WebhookDelivery, QueuedDelivery,
 * EndpointState): an answer that breaks that contract is the documented 503 deliveries-unavailable
 * (README "Errors"), never a 500 nor the broken body passed on; a field it adds is left out; the list of
 * subscriptions still answers, with the state UNKNOWN.
 */
@QuarkusTest
@QuarkusTestResource(TrackingServiceStandIn.class)
@QuarkusTestResource(NotificationServiceStandIn.class)
class DeliveryContractTest {

    /** A partner of this test's own: other tests' subscriptions count against the 20 a partner may have. */
    private static final String PARTNER = "delivery-contract";

    @AfterEach
    void answerAgain() {
        NotificationServiceStandIn.answerBody = null;
    }

    private static String subscription() {
        return as(partner(PARTNER)).body(Map.of("url", "https://contract.example/hooks-" + UUID.randomUUID(), "events", List.of("shipment.delivered")))
                .post("/api/v1/webhooks").then().statusCode(201).extract().path("id");
    }

    @Test
    void anAnswerThatBreaksTheContractIsThe503DeliveriesUnavailableNeverA500() {
        String id = subscription();
        for (String broken : List.of(
                "<html>a proxy's error page</html>",
                "",
                "{\"id\":\"" + UUID.randomUUID() + "\",\"status\":\"FAILED\"}",
                "[{\"status\":\"FAILED\",\"attempts\":1}]",
                "[{\"id\":\"not-a-uuid\",\"status\":\"FAILED\"}]",
                "[{\"id\":\"" + UUID.randomUUID() + "\",\"status\":\"FAILED\",\"attempts\":\"many\"}]",
                "[null]")) {
            NotificationServiceStandIn.answerBody = broken;
            as(partner(PARTNER)).get("/api/v1/webhooks/" + id + "/deliveries").then().statusCode(503)
                    .contentType("application/problem+json").header("Retry-After", notNullValue())
                    .body("type", equalTo("urn:trackguard:problem:deliveries-unavailable"));
        }
        for (String broken : List.of("<html></html>", "[]", "{\"status\":\"PENDING\"}", "{\"id\":\"" + UUID.randomUUID() + "\"}")) {
            NotificationServiceStandIn.answerBody = broken;
            as(partner(PARTNER)).post("/api/v1/webhooks/" + id + "/test").then().statusCode(503)
                    .contentType("application/problem+json").body("type", equalTo("urn:trackguard:problem:deliveries-unavailable"));
            as(partner(PARTNER)).post("/api/v1/webhooks/" + id + "/deliveries/" + UUID.randomUUID() + "/retry").then().statusCode(503)
                    .contentType("application/problem+json").body("type", equalTo("urn:trackguard:problem:deliveries-unavailable"));
        }
    }

    @Test
    void aFieldNotificationServiceAddsIsLeftOutNotAFailure() {
        String id = subscription();
        String delivery = UUID.randomUUID().toString();
        NotificationServiceStandIn.answerBody = "[{\"id\":\"" + delivery + "\",\"subscriptionId\":\"" + id + "\",\"type\":\"shipment.delivered\","
                + "\"status\":\"FAILED\",\"attempts\":10,\"lastStatusCode\":500,\"createdAt\":\"2026-11-30T10:00:00Z\","
                + "\"priority\":{\"level\":1},\"log\":[{\"n\":1,\"at\":\"2026-11-30T10:00:01Z\",\"statusCode\":500,\"durationMs\":12,\"region\":\"ca\"}]}]";
        as(partner(PARTNER)).get("/api/v1/webhooks/" + id + "/deliveries").then().statusCode(200)
                .body("[0].id", equalTo(delivery)).body("[0].status", equalTo("FAILED")).body("[0].attempts", equalTo(10))
                .body("[0].createdAt", equalTo("2026-11-30T10:00:00Z")).body("[0].log[0].durationMs", equalTo(12))
                .body("[0]", not(hasKey("priority"))).body("[0].log[0]", not(hasKey("region")))
                .body("[0]", not(hasKey("lastError")));
    }

    @Test
    void endpointStatesThatBreakTheContractAreUnknownAndTheListStillAnswers() {
        String id = subscription();
        for (String broken : List.of("<html></html>", "{}", "[{\"failingSince\":\"2026-11-30T09:00:00Z\"}]",
                "[{\"subscriptionId\":\"" + id + "\",\"failingSince\":\"yesterday\"}]")) {
            NotificationServiceStandIn.answerBody = broken;
            as(partner(PARTNER)).get("/api/v1/webhooks").then().statusCode(200)
                    .body("find { it.id == '" + id + "' }.delivery.state", equalTo("UNKNOWN"));
        }
    }
}
