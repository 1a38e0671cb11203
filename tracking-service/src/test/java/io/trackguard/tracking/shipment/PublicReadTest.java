package io.trackguard.tracking.shipment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.trackguard.tracking.trackingnumber.TrackingNumber;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The public lookup's one statement ({@link ShipmentService#findPublic}) answers what the entity
 * holds: the same columns, the same timeline in the same order, for a shipment with scans and
 * one without; nothing for an unknown number.
 */
@QuarkusTest
class PublicReadTest {

    @Inject
    ShipmentFixtures fixtures;
    @Inject
    ShipmentService shipments;

    @Test
    void theOneStatementAnswersWhatTheEntityHolds() {
        for (String number : List.of(fixtures.createDelivered(ShipmentFixtures.OTHER_PARTNER), fixtures.create(ShipmentFixtures.SENSITIVE_PARTNER))) {
            TrackingNumber tn = TrackingNumber.tryParse(number).orElseThrow();
            PublicShipment fromEntity = QuarkusTransaction.requiringNew().call(() -> PublicShipment.of(shipments.findByNumber(tn).orElseThrow()));

            assertEquals(fromEntity, shipments.findPublic(tn).orElseThrow(), number);
        }
    }

    @Test
    void aDeliveredShipmentHasItsWholeTimeline() {
        TrackingNumber tn = TrackingNumber.tryParse(fixtures.createDelivered(ShipmentFixtures.OTHER_PARTNER)).orElseThrow();
        PublicShipment read = shipments.findPublic(tn).orElseThrow();
        assertEquals(ShipmentStatus.DELIVERED, read.status());
        assertEquals(List.of(ScanEventType.ACCEPTED, ScanEventType.IN_TRANSIT, ScanEventType.OUT_FOR_DELIVERY, ScanEventType.DELIVERED),
                read.events().stream().map(PublicShipment.Event::type).toList());
        assertEquals(read.events().get(3).occurredAt(), read.deliveredAt());
    }

    @Test
    void anUnknownNumberIsNothing() {
        assertTrue(shipments.findPublic(TrackingNumber.tryParse(ShipmentFixtures.unknownNumber()).orElseThrow()).isEmpty());
    }
}
