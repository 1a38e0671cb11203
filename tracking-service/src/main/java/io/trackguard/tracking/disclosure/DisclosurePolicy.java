package io.trackguard.tracking.disclosure;

import io.trackguard.tracking.config.TrackingConfig;
import io.trackguard.tracking.scan.ScanEvent;
import io.trackguard.tracking.scan.ScanEventType;
import io.trackguard.tracking.shipment.Shipment;
import io.trackguard.tracking.trackingnumber.TrackingNumber;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * The one place that decides which fields of a shipment a caller sees; its specification is
 * the disclosure table in DESIGN.md. Nothing serialises a {@link Shipment} around it.
 */
@ApplicationScoped
public class DisclosurePolicy {

    private final ZoneId displayZone;

    public DisclosurePolicy(TrackingConfig config) {
        this.displayZone = config.displayZone();
    }

    public PublicShipmentView publicView(Shipment s) {
        return new PublicShipmentView(
                TrackingNumber.tryParse(s.trackingNumber).map(TrackingNumber::display).orElse(s.trackingNumber),
                s.status.name(),
                s.expectedDeliveryDate,
                s.deliveredAt == null ? null : LocalDate.ofInstant(s.deliveredAt, displayZone),
                s.destinationProvince,
                s.partner.sensitive ? null : s.partner.displayName,
                timeline(s.events, true));
    }

    public PartnerShipmentView partnerView(Shipment s) {
        return new PartnerShipmentView(
                s.trackingNumber,
                s.partnerId(),
                s.orderReference,
                s.status.name(),
                new PartnerShipmentView.Recipient(s.recipientName, s.recipientEmail, s.recipientPhone),
                new PartnerShipmentView.Destination(s.destinationLine1, s.destinationLine2, s.destinationCity,
                        s.destinationProvince, s.destinationPostalCode, s.destinationCountry),
                s.productCategory,
                s.expectedDeliveryDate,
                s.deliveredAt,
                s.signerName,
                s.createdAt,
                timeline(s.events, false));
    }

    public TimelineEvent event(ScanEvent e) {
        return new TimelineEvent(e.type.name(), e.occurredAt, null, e.facilityCity, e.facilityProvince);
    }

    /** With {@code deliveryDateOnly}, the delivery scan shows its date, not its time. */
    private List<TimelineEvent> timeline(List<ScanEvent> events, boolean deliveryDateOnly) {
        return events.stream()
                .map(e -> deliveryDateOnly && e.type == ScanEventType.DELIVERED
                        ? new TimelineEvent(e.type.name(), null, LocalDate.ofInstant(e.occurredAt, displayZone), e.facilityCity, e.facilityProvince)
                        : event(e))
                .toList();
    }
}
