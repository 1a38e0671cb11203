package io.trackguard.tracking.shipment;

import io.trackguard.tracking.scan.NewScanEvent;
import io.trackguard.tracking.scan.ScanService;
import io.trackguard.tracking.trackingnumber.TrackingNumber;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** Test data written straight through the services, so a test can act as several callers. */
@ApplicationScoped
public class ShipmentFixtures {

    public static final String SENSITIVE_PARTNER = "ocs";
    public static final String SENSITIVE_PARTNER_NAME = "Ontario Cannabis Retail";
    public static final String OTHER_PARTNER = "acme";
    public static final String OTHER_PARTNER_NAME = "Acme Outfitters";

    private final ShipmentService shipments;
    private final ScanService scans;

    public ShipmentFixtures(ShipmentService shipments, ScanService scans) {
        this.shipments = shipments;
        this.scans = scans;
    }

    public static NewShipment newShipment(String reference) {
        return newShipment(reference, null);
    }

    public static NewShipment newShipment(String reference, String language) {
        return new NewShipment(reference,
                new NewShipment.Recipient("Jane Roe", "jane.roe@example.com", "+1 416 555 0100", language),
                new NewShipment.Destination("1 King St W", "Unit 5", "Toronto", "ON", "M5H 1A1", "CA"),
                "cannabis", LocalDate.now().plusDays(3));
    }

    public String create(String partnerId) {
        boolean sensitive = SENSITIVE_PARTNER.equals(partnerId);
        String name = sensitive ? SENSITIVE_PARTNER_NAME : OTHER_PARTNER_NAME;
        return shipments.create(partnerId, name, sensitive, newShipment("REF-" + UUID.randomUUID())).trackingNumber;
    }

    /** A shipment of a partner of the test's own, with the recipient's language (or null). */
    public String create(String partnerId, boolean sensitive, String language) {
        return shipments.create(partnerId, "Partner " + partnerId, sensitive, newShipment("REF-" + UUID.randomUUID(), language)).trackingNumber;
    }

    /** A shipment that went through every scan up to delivery, signed for by "J. Roe". */
    public String createDelivered(String partnerId) {
        String number = create(partnerId);
        TrackingNumber tn = TrackingNumber.tryParse(number).orElseThrow();
        Instant t = Instant.now().minusSeconds(7200);
        scans.record(tn, new NewScanEvent(ScanEventType.ACCEPTED, t, new NewScanEvent.Facility("Mississauga", "ON"), null), "test");
        scans.record(tn, new NewScanEvent(ScanEventType.IN_TRANSIT, t.plusSeconds(600), new NewScanEvent.Facility("Toronto", "ON"), null), "test");
        scans.record(tn, new NewScanEvent(ScanEventType.OUT_FOR_DELIVERY, t.plusSeconds(1200), new NewScanEvent.Facility("Toronto", "ON"), null), "test");
        scans.record(tn, new NewScanEvent(ScanEventType.DELIVERED, t.plusSeconds(1800), null, "J. Roe"), "test");
        return number;
    }

    /** A number that is well formed and passes the check, but belongs to no shipment. */
    public static String unknownNumber() {
        return new io.trackguard.tracking.trackingnumber.TrackingNumberGenerator().next().value();
    }
}
