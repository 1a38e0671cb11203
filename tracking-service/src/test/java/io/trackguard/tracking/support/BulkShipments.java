package io.trackguard.tracking.support;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.trackguard.tracking.partner.PartnerRegistry;
import io.trackguard.tracking.trackingnumber.TrackingNumberGenerator;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Thousands of delivered shipments straight into the database (through the API they would
 * test the API's speed). Each carries everything the public must never see: the recipient's
 * name, email and city, a signer, a delivery time, a product, an order reference, and
 * last-mile scans in the recipient's city.
 */
@ApplicationScoped
public class BulkShipments {

    public static final Instant DELIVERED_AT = Instant.parse("2026-11-20T17:42:00Z");
    /** Strings of those shipments that no public answer may contain. */
    public static final List<String> NEVER_PUBLIC = List.of("Recipient ", "@example.com", "Signer", "signerName", "Ottawa", "Kanata",
            "K1A", "1 Main St", "deliveredAt", "17:42", "12:42", "cannabis", "orderReference", "ORDER-", "sender");

    private final AgroalDataSource dataSource;
    private final PartnerRegistry partners;

    public BulkShipments(AgroalDataSource dataSource, PartnerRegistry partners) {
        this.dataSource = dataSource;
        this.partners = partners;
    }

    /** {@code count} delivered shipments of a partner (created or updated with that name); their tracking numbers. */
    public List<String> delivered(String partnerId, String partnerName, boolean sensitive, int count) {
        QuarkusTransaction.requiringNew().run(() -> partners.upsert(partnerId, partnerName, sensitive));
        TrackingNumberGenerator generator = new TrackingNumberGenerator();
        List<String> numbers = new ArrayList<>(count);
        try (Connection c = dataSource.getConnection();
             PreparedStatement shipment = c.prepareStatement("""
                     INSERT INTO shipment (id, tracking_number, partner_id, order_reference, recipient_name, recipient_email,
                         destination_line1, destination_city, destination_province, destination_postal_code, destination_country,
                         product_category, status, delivered_at, signer_name, created_at, updated_at)
                     VALUES (?, ?, ?, ?, ?, ?, '1 Main St', 'Ottawa', 'ON', 'K1A0B1', 'CA', 'cannabis', 'DELIVERED', ?, ?, ?, ?)""");
             PreparedStatement scan = c.prepareStatement("""
                     INSERT INTO scan_event (id, shipment_id, type, occurred_at, facility_city, facility_province, recorded_at, recorded_by)
                     VALUES (?, ?, ?, ?, ?, 'ON', ?, 'test')""")) {
            Timestamp now = Timestamp.from(Instant.now());
            Timestamp delivered = Timestamp.from(DELIVERED_AT);
            for (int i = 0; i < count; i++) {
                String number = generator.next().value();
                numbers.add(number);
                UUID id = UUID.randomUUID();
                shipment.setObject(1, id);
                shipment.setString(2, number);
                shipment.setString(3, partnerId);
                shipment.setString(4, "ORDER-" + UUID.randomUUID());
                shipment.setString(5, "Recipient " + i);
                shipment.setString(6, "r" + i + "@example.com");
                shipment.setTimestamp(7, delivered);
                shipment.setString(8, "Signer " + i);
                shipment.setTimestamp(9, now);
                shipment.setTimestamp(10, now);
                shipment.addBatch();
                addScan(scan, id, "IN_TRANSIT", Timestamp.from(DELIVERED_AT.minusSeconds(20_000)), "Mississauga", now);
                addScan(scan, id, "OUT_FOR_DELIVERY", Timestamp.from(DELIVERED_AT.minusSeconds(7_200)), "Kanata", now);
                addScan(scan, id, "DELIVERED", delivered, "Kanata", now);
            }
            shipment.executeBatch();
            scan.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return numbers;
    }

    private static void addScan(PreparedStatement scan, UUID shipment, String type, Timestamp at, String city, Timestamp now)
            throws SQLException {
        scan.setObject(1, UUID.randomUUID());
        scan.setObject(2, shipment);
        scan.setString(3, type);
        scan.setTimestamp(4, at);
        scan.setString(5, city);
        scan.setTimestamp(6, now);
        scan.addBatch();
    }
}
