package io.trackguard.tracking.disclosure;

import io.trackguard.tracking.client.Tier;
import io.trackguard.tracking.config.TrackingConfig;
import io.trackguard.tracking.shipment.PublicShipment;
import io.trackguard.tracking.shipment.ScanEvent;
import io.trackguard.tracking.shipment.ScanEventType;
import io.trackguard.tracking.shipment.Shipment;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The one place that decides which fields of a shipment a caller sees; its specification is
 * the disclosure table in DESIGN.md, and {@code DisclosurePolicyTest} checks it cell by cell.
 * Nothing serialises a {@link Shipment} around it. The public and status-only views are built
 * from a {@link PublicShipment}, the few columns the public lookup reads; the other tiers from
 * the loaded shipment.
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

    /**
     * The view of a loaded shipment for a tier. The public tier is built from the shipment's
     * {@link PublicShipment} columns, by {@link #publicView}, as the public lookup builds it
     * without an entity: one method decides the public column whatever the input.
     */
    public ShipmentView view(Shipment s, Tier tier) {
        if (tier == Tier.PUBLIC) {
            return publicView(PublicShipment.of(s));
        }
        boolean full = tier == Tier.PARTNER || tier == Tier.STAFF;
        boolean delivered = s.deliveredAt != null;
        return new ShipmentView(
                s.trackingNumber,
                s.status.name(),
                full ? s.partnerId() : null,
                full ? s.orderReference : null,
                s.partner.displayName,
                recipient(s, tier),
                destination(s, tier),
                full ? s.productCategory : null,
                s.expectedDeliveryDate,
                delivered ? LocalDate.ofInstant(s.deliveredAt, displayZone) : null,
                s.deliveredAt,
                s.signerName,
                full ? s.createdAt : null,
                s.events.stream().map(this::event).toList());
    }

    /** The public column of the table: what anyone with the number sees. */
    public ShipmentView publicView(PublicShipment s) {
        return new ShipmentView(
                s.trackingNumber(),
                s.status().name(),
                null,
                null,
                null,
                null,
                new ShipmentView.Destination(null, null, null, s.destinationProvince(), null, null),
                null,
                s.expectedDeliveryDate(),
                s.deliveredAt() == null ? null : LocalDate.ofInstant(s.deliveredAt(), displayZone),
                null,
                null,
                null,
                s.events().stream().map(this::publicEvent).toList());
    }

    /** The public view of a guarded partner's shipment: its number and status, nothing else. */
    public ShipmentView statusOnly(PublicShipment s) {
        return new ShipmentView(s.trackingNumber(), s.status().name(), null, null, null, null, null, null, null, null, null, null, null,
                null);
    }

    public TimelineEvent event(ScanEvent e) {
        return new TimelineEvent(e.type.name(), e.occurredAt, null, e.facilityCity, e.facilityProvince);
    }

    private static ShipmentView.Recipient recipient(Shipment s, Tier tier) {
        return switch (tier) {
            case PUBLIC -> throw new IllegalArgumentException("the public view is built by publicView");
            case RECIPIENT -> new ShipmentView.Recipient(Masking.name(s.recipientName), Masking.email(s.recipientEmail), Masking.phone(s.recipientPhone),
                    null);
            case PARTNER, STAFF -> new ShipmentView.Recipient(s.recipientName, s.recipientEmail, s.recipientPhone, s.recipientLanguage);
        };
    }

    private static ShipmentView.Destination destination(Shipment s, Tier tier) {
        return switch (tier) {
            case PUBLIC -> throw new IllegalArgumentException("the public view is built by publicView");
            case RECIPIENT -> new ShipmentView.Destination(null, null, s.destinationCity, s.destinationProvince,
                    s.destinationPostalCode.substring(0, 3), null);
            case PARTNER, STAFF -> new ShipmentView.Destination(s.destinationLine1, s.destinationLine2, s.destinationCity,
                    s.destinationProvince, s.destinationPostalCode, s.destinationCountry);
        };
    }

    /**
     * A scan on the public timeline: the delivery scan shows its date, not its time, and last-mile
     * scans their province, not their city (the recipient's city is not public). An exception can
     * happen at the door (address problem), so it is treated as last mile.
     */
    private TimelineEvent publicEvent(PublicShipment.Event e) {
        boolean lastMile = e.type() == ScanEventType.OUT_FOR_DELIVERY || e.type() == ScanEventType.DELIVERED
                || e.type() == ScanEventType.EXCEPTION;
        String city = lastMile ? null : e.facilityCity();
        if (e.type() == ScanEventType.DELIVERED) {
            return new TimelineEvent(e.type().name(), null, LocalDate.ofInstant(e.occurredAt(), displayZone), city, e.facilityProvince());
        }
        return new TimelineEvent(e.type().name(), e.occurredAt(), null, city, e.facilityProvince());
    }
}
