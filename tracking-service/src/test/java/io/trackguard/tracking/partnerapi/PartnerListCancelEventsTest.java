package io.trackguard.tracking.partnerapi;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.trackguard.tracking.partner.PartnerCaller;
import io.trackguard.tracking.scan.NewScanEvent;
import io.trackguard.tracking.scan.ScanService;
import io.trackguard.tracking.shipment.ScanEventType;
import io.trackguard.tracking.shipment.ShipmentFixtures;
import io.trackguard.tracking.support.Relayed;
import io.trackguard.tracking.trackingnumber.TrackingNumber;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PartnerListCancelEventsTest {

    @Inject
    ShipmentFixtures fixtures;
    @Inject
    ScanService scans;

    @Test
    @TestSecurity(user = Relayed.GATEWAY, roles = PartnerCaller.RELAY_ROLE, permissions = {"shipments:write", "shipments:read"})
    void theListHoldsOnlyTheCallersShipmentsPageByPage() {
        Instant from = Instant.now().minusSeconds(1);
        List<String> mine = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            mine.add(fixtures.create(ShipmentFixtures.SENSITIVE_PARTNER));
            fixtures.create(ShipmentFixtures.OTHER_PARTNER);
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            var spec = Relayed.as("ocs").queryParam("createdFrom", from.toString()).queryParam("limit", 2);
            if (cursor != null) {
                spec = spec.queryParam("cursor", cursor);
            }
            var page = spec.get("/api/v1/shipments").then().statusCode(200)
                    .body("items.partnerId", everyItem(equalTo("ocs")))
                    .extract().jsonPath();
            seen.addAll(page.getList("items.trackingNumber"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        seen.retainAll(mine); // other tests' shipments of the same partner may share the window
        List<String> newestFirst = new ArrayList<>(mine);
        java.util.Collections.reverse(newestFirst);
        assertEquals(newestFirst, seen, "newest first, each once, nobody else's");
    }

    @Test
    @TestSecurity(user = Relayed.GATEWAY, roles = PartnerCaller.RELAY_ROLE, permissions = {"shipments:write", "shipments:read"})
    void filtersAndBadParameters() {
        String number = fixtures.create(ShipmentFixtures.SENSITIVE_PARTNER);
        String reference = Relayed.as("ocs").get("/api/v1/shipments/" + number).then().extract().path("orderReference");
        Relayed.as("ocs").queryParam("reference", reference).get("/api/v1/shipments").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].trackingNumber", equalTo(number)).body("nextCursor", nullValue());
        Relayed.as("ocs").queryParam("status", "DELIVERED").queryParam("reference", reference).get("/api/v1/shipments").then().statusCode(200)
                .body("items", hasSize(0));
        Relayed.as("ocs").queryParam("limit", 1000).get("/api/v1/shipments").then().statusCode(400).contentType("application/problem+json");
        Relayed.as("ocs").queryParam("cursor", "not-a-cursor").get("/api/v1/shipments").then().statusCode(400);
        Relayed.as("ocs").queryParam("createdFrom", "yesterday").get("/api/v1/shipments").then().statusCode(400);
    }

    @Test
    @TestSecurity(user = Relayed.GATEWAY, roles = PartnerCaller.RELAY_ROLE, permissions = {"shipments:write", "shipments:read"})
    void aShipmentIsCancelledOnlyBeforeItIsInTransitAndOnlyByItsPartner() {
        String number = fixtures.create(ShipmentFixtures.OTHER_PARTNER);
        Relayed.as("acme").post("/api/v1/shipments/" + number + "/cancel").then().statusCode(200).body("status", equalTo("CANCELLED"));
        Relayed.as("acme").post("/api/v1/shipments/" + number + "/cancel").then().statusCode(200).body("status", equalTo("CANCELLED"));

        String moving = fixtures.create(ShipmentFixtures.OTHER_PARTNER);
        scans.record(TrackingNumber.tryParse(moving).orElseThrow(),
                new NewScanEvent(ScanEventType.IN_TRANSIT, Instant.now(), new NewScanEvent.Facility("Toronto", "ON"), null), "test");
        Relayed.as("acme").post("/api/v1/shipments/" + moving + "/cancel").then().statusCode(409)
                .body("type", equalTo("urn:trackguard:problem:not-cancellable"));

        String others = fixtures.create(ShipmentFixtures.SENSITIVE_PARTNER);
        Relayed.as("acme").post("/api/v1/shipments/" + others + "/cancel").then().statusCode(404);
    }

    @Test
    @TestSecurity(user = Relayed.GATEWAY, roles = PartnerCaller.RELAY_ROLE, permissions = {"shipments:read"})
    void eventsOfOnesOwnShipmentOnly() {
        String mine = fixtures.createDelivered(ShipmentFixtures.OTHER_PARTNER);
        Relayed.as("acme").get("/api/v1/shipments/" + mine + "/events").then().statusCode(200)
                .header(PartnerCaller.ID_HEADER, "acme") // the owner, for the gateway's tenant check
                .body("", hasSize(4)).body("[3].type", equalTo("DELIVERED")).body("[3].occurredAt", notNullValue());
        String others = fixtures.createDelivered(ShipmentFixtures.SENSITIVE_PARTNER);
        Relayed.as("acme").get("/api/v1/shipments/" + others + "/events").then().statusCode(404).body(not(equalTo("[]")));
        Relayed.as("acme").post("/api/v1/shipments/" + mine + "/cancel").then().statusCode(403);
    }
}
