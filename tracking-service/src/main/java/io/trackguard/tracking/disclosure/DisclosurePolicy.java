package io.trackguard.tracking.disclosure;

import io.trackguard.tracking.client.Tier;
import io.trackguard.tracking.config.TrackingConfig;
import io.trackguard.tracking.shipment.ScanEvent;
import io.trackguard.tracking.shipment.ScanEventType;
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
 * field                               public             recipient              partner  staff
 * status, event times                 yes                yes                    yes      yes
 * facility city                       yes, except on     yes                    yes      yes
 *                                     last-mile scans (*)
 * facility province                   yes                yes                    yes      yes
 * expected / actual delivery          date               date and time          yes      yes
 * destination                         province           city, first 3 postal   full     full
 * signer name, proof of delivery      no                 yes                    yes      yes
 * recipient name, email, phone        no                 masked                 yes      yes
 * recipient language                  no                 no                     yes      yes
 * sender / partner name               no, for every      yes                    yes      yes
 *                                     partner (**)
 * product category                    never              no                     yes      yes
 * order reference, partner id         no                 no                     yes      yes
 * </pre>
 *
 * <p>(*) Out for delivery and delivered scans happen in the recipient's own city, which the
 * public may not see: they show the province only. (**) Leaving the name out only for
 * sensitive partners would make its absence say "a sensitive retailer": the public view has
 * the same fields whatever the partner.
 *
 * <p>While a partner's shipments are in guarded mode (a distributed scrape of its numbers was
 * detected), the public tier shrinks to {@link #statusOnly}: the number and its status.
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
                recipientOrMore ? s.partner.displayName : null,
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

    /** The public view of a guarded partner's shipment: its number and status, nothing else. */
    public ShipmentView statusOnly(Shipment s) {
        return new ShipmentView(s.trackingNumber, s.status.name(), null, null, null, null, null, null, null, null, null, null, null,
                null);
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

    /**
     * The public timeline: the delivery scan shows its date, not its time, and last-mile scans
     * their province, not their city (the recipient's city is not public). An exception can
     * happen at the door (address problem), so it is treated as last mile.
     */
    private List<TimelineEvent> timeline(List<ScanEvent> events, boolean publicTier) {
        return events.stream().map(e -> publicTier ? publicEvent(e) : event(e)).toList();
    }

    private TimelineEvent publicEvent(ScanEvent e) {
        boolean lastMile = e.type == ScanEventType.OUT_FOR_DELIVERY || e.type == ScanEventType.DELIVERED
                || e.type == ScanEventType.EXCEPTION;
        String city = lastMile ? null : e.facilityCity;
        if (e.type == ScanEventType.DELIVERED) {
            return new TimelineEvent(e.type.name(), null, LocalDate.ofInstant(e.occurredAt, displayZone), city, e.facilityProvince);
        }
        return new TimelineEvent(e.type.name(), e.occurredAt, null, city, e.facilityProvince);
    }
}
