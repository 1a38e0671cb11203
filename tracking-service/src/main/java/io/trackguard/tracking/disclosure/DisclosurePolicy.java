package io.trackguard.tracking.disclosure;

import io.trackguard.tracking.config.TrackingConfig;
import io.trackguard.tracking.scan.ScanEvent;
import io.trackguard.tracking.scan.ScanEventType;
import io.trackguard.tracking.shipment.Shipment;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * The one place that decides which fields of a shipment a caller sees; its specification is
 * the disclosure table in DESIGN.md, and {@code DisclosurePolicyTest} checks it cell by cell.
 * Nothing serialises a {@link Shipment} around it.
 *
 * <pre>
 * field                               public          recipient                 partner  staff
 * status, event times, facility       yes             yes                       yes      yes
 * expected / actual delivery          date            date and time             yes      yes
 * destination                         province        city, first 3 postal      full     full
 * signer name, proof of delivery      no              yes                       yes      yes
 * recipient name, email, phone        no              masked                    yes      yes
 * recipient language                  no              no                        yes      yes
 * sender / partner name               unless sensitive yes                      yes      yes
 * product category                    never           no                        yes      yes
 * order reference, partner id         no              no                        yes      yes
 * </pre>
 */
@ApplicationScoped
public class DisclosurePolicy {

    private final ZoneId displayZone;

    public DisclosurePolicy(TrackingConfig config) {
        this.displayZone = config.displayZone();
    }

    public ShipmentView view(Shipment s, Tier tier) {
        boolean full = tier == Tier.PARTNER || tier == Tier.STAFF;
        boolean recipientOrMore = tier != Tier.PUBLIC;
        boolean delivered = s.deliveredAt != null;
        return new ShipmentView(
                s.trackingNumber,
                s.status.name(),
                full ? s.partnerId() : null,
                full ? s.orderReference : null,
                recipientOrMore || !s.partner.sensitive ? s.partner.displayName : null,
                recipient(s, tier),
                destination(s, tier),
                full ? s.productCategory : null,
                s.expectedDeliveryDate,
                delivered ? LocalDate.ofInstant(s.deliveredAt, displayZone) : null,
                recipientOrMore && delivered ? s.deliveredAt : null,
                recipientOrMore ? s.signerName : null,
                full ? s.createdAt : null,
                timeline(s.events, !recipientOrMore));
    }

    public TimelineEvent event(ScanEvent e) {
        return new TimelineEvent(e.type.name(), e.occurredAt, null, e.facilityCity, e.facilityProvince);
    }

    private static ShipmentView.Recipient recipient(Shipment s, Tier tier) {
        return switch (tier) {
            case PUBLIC -> null;
            case RECIPIENT -> new ShipmentView.Recipient(Masking.name(s.recipientName), Masking.email(s.recipientEmail), Masking.phone(s.recipientPhone),
                    null);
            case PARTNER, STAFF -> new ShipmentView.Recipient(s.recipientName, s.recipientEmail, s.recipientPhone, s.recipientLanguage);
        };
    }

    private static ShipmentView.Destination destination(Shipment s, Tier tier) {
        return switch (tier) {
            case PUBLIC -> new ShipmentView.Destination(null, null, null, s.destinationProvince, null, null);
            case RECIPIENT -> new ShipmentView.Destination(null, null, s.destinationCity, s.destinationProvince,
                    s.destinationPostalCode.substring(0, 3), null);
            case PARTNER, STAFF -> new ShipmentView.Destination(s.destinationLine1, s.destinationLine2, s.destinationCity,
                    s.destinationProvince, s.destinationPostalCode, s.destinationCountry);
        };
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
