package io.trackguard.gateway.webhook;

import static io.trackguard.gateway.webhook.WebhookResourceTest.as;
import static io.trackguard.gateway.webhook.WebhookResourceTest.partner;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trackguard.gateway.shipment.TrackingServiceStandIn;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A partner's delivery log, retry and ping: relayed to notification-service for its own subscriptions only. */
@QuarkusTest
@QuarkusTestResource(TrackingServiceStandIn.class)
@QuarkusTestResource(NotificationServiceStandIn.class)
class WebhookDeliveriesTest {

    @Test
    void aPartnerSeesRetriesAndPingsItsOwnDeliveriesOnlyAndAnotherPartnersAreNotFound() {
        String id = as(partner("ocs")).body(Map.of("url", "https://ocs.example/deliveries", "events", List.of("shipment.delivered")))
                .post("/api/v1/webhooks").then().statusCode(201).extract().path("id");
        String delivery = UUID.randomUUID().toString();
        NotificationServiceStandIn.DELIVERIES.put("ocs/" + id, Set.of(delivery));
        NotificationServiceStandIn.CALLS.clear();

        // another partner: 404 for every path, and notification-service is never asked
        as(partner("acme")).get("/api/v1/webhooks/" + id + "/deliveries").then().statusCode(404).contentType("application/problem+json");
        as(partner("acme")).post("/api/v1/webhooks/" + id + "/deliveries/" + delivery + "/retry").then().statusCode(404);
        as(partner("acme")).post("/api/v1/webhooks/" + id + "/test").then().statusCode(404);
        assertEquals(List.of(), NotificationServiceStandIn.CALLS);

        as(partner("ocs")).get("/api/v1/webhooks/" + id + "/deliveries").then().statusCode(200)
                .body("[0].id", equalTo(delivery)).body("[0].status", equalTo("FAILED")).body("[0].log[0].statusCode", equalTo(500));
        as(partner("ocs")).post("/api/v1/webhooks/" + id + "/deliveries/" + delivery + "/retry").then().statusCode(202)
                .body("status", equalTo("PENDING"));
        as(partner("ocs")).post("/api/v1/webhooks/" + id + "/deliveries/" + UUID.randomUUID() + "/retry").then().statusCode(404)
                .contentType("application/problem+json");
        as(partner("ocs")).post("/api/v1/webhooks/" + id + "/test").then().statusCode(202).body("status", equalTo("PENDING"));
        as(partner("ocs")).get("/api/v1/webhooks/not-a-uuid/deliveries").then().statusCode(404);

        // the partner named to notification-service is the token's, never a parameter
        assertEquals(4, NotificationServiceStandIn.CALLS.size(), NotificationServiceStandIn.CALLS.toString());
        NotificationServiceStandIn.CALLS.forEach(c -> assertEquals(true, c.contains(" ocs " + id), c));
    }
}
