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

    @Test
    void aPartnerSeesWhichOfItsEndpointsAreDisabledAndEnablesItsOwnOnly() {
        String disabled = as(partner("ocs")).body(Map.of("url", "https://ocs.example/gone", "events", List.of("shipment.delivered")))
                .post("/api/v1/webhooks").then().statusCode(201).extract().path("id");
        String failing = as(partner("ocs")).body(Map.of("url", "https://ocs.example/slow", "events", List.of("shipment.delivered")))
                .post("/api/v1/webhooks").then().statusCode(201).extract().path("id");
        String fine = as(partner("ocs")).body(Map.of("url", "https://ocs.example/fine", "events", List.of("shipment.delivered")))
                .post("/api/v1/webhooks").then().statusCode(201).extract().path("id");
        NotificationServiceStandIn.ENDPOINTS.put("ocs", "[{\"subscriptionId\":\"" + disabled + "\",\"failingSince\":\"2026-11-27T10:00:00Z\","
                + "\"disabledAt\":\"2026-11-30T10:00:00Z\",\"disabledReason\":\"the endpoint answered 410 Gone\"},"
                + "{\"subscriptionId\":\"" + failing + "\",\"failingSince\":\"2026-11-30T09:00:00Z\"}]");
        NotificationServiceStandIn.CALLS.clear();

        io.restassured.response.ValidatableResponse list = as(partner("ocs")).get("/api/v1/webhooks").then().statusCode(200);
        list.body("find { it.id == '" + disabled + "' }.delivery.state", equalTo("DISABLED"))
                .body("find { it.id == '" + disabled + "' }.delivery.disabledReason", equalTo("the endpoint answered 410 Gone"))
                .body("find { it.id == '" + disabled + "' }.delivery.disabledAt", equalTo("2026-11-30T10:00:00Z"))
                .body("find { it.id == '" + failing + "' }.delivery.state", equalTo("FAILING"))
                .body("find { it.id == '" + failing + "' }.delivery.failingSince", equalTo("2026-11-30T09:00:00Z"))
                .body("find { it.id == '" + fine + "' }.delivery.state", equalTo("ACTIVE"));
        assertEquals(List.of("GET /endpoints ocs null"), NotificationServiceStandIn.CALLS);

        // another partner cannot enable it, and notification-service is not asked
        NotificationServiceStandIn.CALLS.clear();
        as(partner("acme")).post("/api/v1/webhooks/" + disabled + "/enable").then().statusCode(404).contentType("application/problem+json");
        as(partner("acme")).get("/api/v1/webhooks").then().statusCode(200);
        assertEquals(List.of("GET /endpoints acme null"), NotificationServiceStandIn.CALLS);

        NotificationServiceStandIn.CALLS.clear();
        as(partner("ocs")).post("/api/v1/webhooks/" + disabled + "/enable").then().statusCode(204);
        assertEquals(List.of("POST /endpoints/" + disabled + "/enable ocs null"), NotificationServiceStandIn.CALLS);

        // notification-service failing: the list still answers, saying it cannot tell; enabling is 503
        NotificationServiceStandIn.failing = true;
        try {
            as(partner("ocs")).get("/api/v1/webhooks").then().statusCode(200)
                    .body("find { it.id == '" + disabled + "' }.delivery.state", equalTo("UNKNOWN"))
                    .body("find { it.id == '" + fine + "' }.delivery.state", equalTo("UNKNOWN"));
            as(partner("ocs")).post("/api/v1/webhooks/" + disabled + "/enable").then().statusCode(503)
                    .contentType("application/problem+json");
        } finally {
            NotificationServiceStandIn.failing = false;
        }
    }
}
