package io.trackguard.tracking.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.trackguard.tracking.partner.PartnerCaller;
import io.trackguard.tracking.shipment.ShipmentFixtures;
import io.trackguard.tracking.support.Relayed;
import io.trackguard.trackingapi.NewShipment;
import io.trackguard.trackingapi.PartnerShipment;
import io.trackguard.trackingapi.RecipientLink;
import io.trackguard.trackingapi.ShipmentPage;
import io.trackguard.trackingapi.TimelineEvent;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * partner-gateway reads this service's partner answers into the records of io.trackguard.trackingapi
 * and sends it their NewShipment. This service keeps its own classes (the disclosure policy builds
 * its views and derives the audited fields from them), so this test holds the two together: real
 * partner-tier answers are read strictly (a field the records do not have fails) into the records
 * and written back to the same bytes (a field lost, renamed or formatted otherwise fails).
 * {@link ApiContractShapeTest} checks the other way: a field the records have and this service does not.
 */
@QuarkusTest
@TestSecurity(user = Relayed.GATEWAY, roles = PartnerCaller.RELAY_ROLE, permissions = {"shipments:write", "shipments:read"})
class ApiContractTest {

    @Inject
    ObjectMapper json;
    @Inject
    ShipmentFixtures fixtures;

    @Test
    void aCreateFromTheGatewaysRecordIsAcceptedAndItsAnswerIsTheRecordsJson() {
        NewShipment request = new NewShipment("CONTRACT-" + UUID.randomUUID(),
                new NewShipment.Recipient("Jane Roe", "jane.roe@example.com", "+1 416 555 0100", "fr"),
                new NewShipment.Destination("1 King St W", "Unit 5", "Toronto", "ON", "M5H 1A1", "CA"),
                "apparel", LocalDate.now().plusDays(3));
        String answer = Relayed.as(ShipmentFixtures.OTHER_PARTNER).contentType("application/json").body(write(request))
                .post("/api/v1/shipments").then().statusCode(201).extract().asString();
        PartnerShipment created = sameBytes(answer, strict(PartnerShipment.class));
        assertEquals(request.orderReference(), created.orderReference());
        assertEquals("fr", created.recipient().language(), "every field of the request arrives");
    }

    @Test
    void aDeliveredShipmentWithEveryFieldReadsIntoTheRecordAndBack() {
        String number = fixtures.createDelivered(ShipmentFixtures.OTHER_PARTNER);
        String answer = Relayed.as(ShipmentFixtures.OTHER_PARTNER).get("/api/v1/shipments/" + number)
                .then().statusCode(200).extract().asString();
        PartnerShipment shipment = sameBytes(answer, strict(PartnerShipment.class));
        // the answer used every part of the record: a field dropped by either side shows here
        assertEquals("J. Roe", shipment.signerName());
        assertFalse(shipment.events().isEmpty());
        assertTrue(shipment.events().stream().anyMatch(e -> e.facilityCity() != null));

        String events = Relayed.as(ShipmentFixtures.OTHER_PARTNER).get("/api/v1/shipments/" + number + "/events")
                .then().statusCode(200).extract().asString();
        List<TimelineEvent> timeline = sameBytes(events, strict(new TypeReference<List<TimelineEvent>>() { }));
        assertEquals(shipment.events(), timeline);
    }

    @Test
    void aPageWithItsCursorACancelAndALinkReadIntoTheRecordsAndBack() {
        fixtures.create(ShipmentFixtures.OTHER_PARTNER);
        String number = fixtures.create(ShipmentFixtures.OTHER_PARTNER);
        String page = Relayed.as(ShipmentFixtures.OTHER_PARTNER).queryParam("limit", 1).get("/api/v1/shipments")
                .then().statusCode(200).extract().asString();
        assertTrue(this.<ShipmentPage>sameBytes(page, strict(ShipmentPage.class)).nextCursor() != null, "a page with a next cursor");

        String cancelled = Relayed.as(ShipmentFixtures.OTHER_PARTNER).post("/api/v1/shipments/" + number + "/cancel")
                .then().statusCode(200).extract().asString();
        assertEquals("CANCELLED", this.<PartnerShipment>sameBytes(cancelled, strict(PartnerShipment.class)).status());

        String link = Relayed.as(ShipmentFixtures.OTHER_PARTNER).post("/api/v1/shipments/" + number + "/recipient-link")
                .then().statusCode(201).extract().asString();
        sameBytes(link, strict(RecipientLink.class));
    }

    private <T> T sameBytes(String answer, ObjectReader reader) {
        try {
            T value = reader.readValue(answer);
            assertEquals(answer, json.writeValueAsString(value), "the record writes back exactly what this service answered");
            return value;
        } catch (java.io.IOException e) {
            throw new AssertionError("the answer does not read into the record: " + e.getMessage(), e);
        }
    }

    private ObjectReader strict(Class<?> type) {
        return json.readerFor(type).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    private ObjectReader strict(TypeReference<?> type) {
        return json.readerFor(type).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
