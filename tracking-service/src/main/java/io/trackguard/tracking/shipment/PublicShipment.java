package io.trackguard.tracking.shipment;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * What the public lookup reads of a shipment: the columns the public and status-only views are
 * built from, plus the id and partner that the access record and the guarded-partner signal
 * need. No recipient, address line, city, postal code, signer or product is read on the public
 * path, so none can reach its answer. Read in one statement by
 * {@link ShipmentService#findPublic}; the disclosure policy decides what of it is shown.
 */
public record PublicShipment(
        UUID id,
        String trackingNumber,
        String partnerId,
        ShipmentStatus status,
        String destinationProvince,
        LocalDate expectedDeliveryDate,
        Instant deliveredAt,
        List<Event> events) {

    /** One scan of the timeline, oldest first: type, time and facility, nothing else. */
    public record Event(ScanEventType type, Instant occurredAt, String facilityCity, String facilityProvince) {
    }

    public PublicShipment {
        events = List.copyOf(events);
    }

    /** The same columns taken from a loaded entity (its events are loaded if they were not). */
    public static PublicShipment of(Shipment s) {
        return new PublicShipment(s.id, s.trackingNumber, s.partnerId(), s.status, s.destinationProvince, s.expectedDeliveryDate,
                s.deliveredAt, s.events.stream().map(e -> new Event(e.type, e.occurredAt, e.facilityCity, e.facilityProvince)).toList());
    }
}
