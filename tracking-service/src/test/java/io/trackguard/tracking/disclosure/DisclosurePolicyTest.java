package io.trackguard.tracking.disclosure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.trackguard.tracking.client.Tier;
import io.trackguard.tracking.config.TestConfigs;
import io.trackguard.tracking.partner.Partner;
import io.trackguard.tracking.shipment.PublicShipment;
import io.trackguard.tracking.shipment.ScanEvent;
import io.trackguard.tracking.shipment.ScanEventType;
import io.trackguard.tracking.shipment.Shipment;
import io.trackguard.tracking.shipment.ShipmentStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The disclosure table of DESIGN.md, cell by cell: every field, every tier, for a sensitive
 * and an ordinary partner. A cell is either the expected value or null (not disclosed). The
 * two partners' public cells are written out the same on purpose: the public view must not
 * tell them apart. The public column is checked twice: from the loaded shipment, and from the
 * few columns the public lookup reads ({@link PublicShipment}, written out here by hand).
 */
class DisclosurePolicyTest {

    static final Instant DELIVERED_AT = Instant.parse("2026-11-27T18:30:00Z"); // 13:30 in Toronto
    static final Instant OUT_AT = Instant.parse("2026-11-27T13:00:00Z");
    static final DisclosurePolicy POLICY = new DisclosurePolicy(TestConfigs.trackingConfig(List.of()));
    static final JsonMapper JSON = JsonMapper.builder().findAndAddModules().build();

    record Cell(String field, Function<ShipmentView, Object> read, Object publicValue, Object recipientValue,
                Object partnerValue, Object staffValue) {
        Object expected(Tier tier) {
            return switch (tier) {
                case PUBLIC -> publicValue;
                case RECIPIENT -> recipientValue;
                case PARTNER -> partnerValue;
                case STAFF -> staffValue;
            };
        }
    }

    static Shipment shipment(boolean sensitivePartner) {
        Partner partner = new Partner();
        partner.id = sensitivePartner ? "ocs" : "acme";
        partner.displayName = sensitivePartner ? "Ontario Cannabis Retail" : "Acme Outfitters";
        partner.sensitive = sensitivePartner;
        Shipment s = new Shipment();
        s.trackingNumber = "BWBVQKS7YMXQRRKD6N";
        s.partner = partner;
        s.orderReference = "ORD-42";
        s.recipientName = "Jane Roe";
        s.recipientEmail = "jane.roe@example.com";
        s.recipientPhone = "+1 416 555 0142";
        s.recipientLanguage = "fr";
        s.destinationLine1 = "1 King St W";
        s.destinationLine2 = "Unit 5";
        s.destinationCity = "Toronto";
        s.destinationProvince = "ON";
        s.destinationPostalCode = "M5H1A1";
        s.destinationCountry = "CA";
        s.productCategory = "cannabis";
        s.status = ShipmentStatus.DELIVERED;
        s.expectedDeliveryDate = LocalDate.parse("2026-11-28");
        s.deliveredAt = DELIVERED_AT;
        s.signerName = "J. Roe";
        s.createdAt = Instant.parse("2026-11-25T12:00:00Z");
        s.events = new ArrayList<>(List.of(
                event(ScanEventType.ACCEPTED, Instant.parse("2026-11-26T09:00:00Z"), "Mississauga"),
                event(ScanEventType.OUT_FOR_DELIVERY, OUT_AT, "Toronto"),
                event(ScanEventType.DELIVERED, DELIVERED_AT, "Toronto")));
        return s;
    }

    /** What the public lookup reads of {@link #shipment}: the same values, as its one statement answers them. */
    static PublicShipment publicShipment(boolean sensitivePartner) {
        return new PublicShipment(null, "BWBVQKS7YMXQRRKD6N", sensitivePartner ? "ocs" : "acme", ShipmentStatus.DELIVERED, "ON",
                LocalDate.parse("2026-11-28"), DELIVERED_AT, List.of(
                        new PublicShipment.Event(ScanEventType.ACCEPTED, Instant.parse("2026-11-26T09:00:00Z"), "Mississauga", "ON"),
                        new PublicShipment.Event(ScanEventType.OUT_FOR_DELIVERY, OUT_AT, "Toronto", "ON"),
                        new PublicShipment.Event(ScanEventType.DELIVERED, DELIVERED_AT, "Toronto", "ON")));
    }

    static ScanEvent event(ScanEventType type, Instant at, String city) {
        ScanEvent e = new ScanEvent();
        e.type = type;
        e.occurredAt = at;
        e.facilityCity = city;
        e.facilityProvince = city == null ? null : "ON";
        return e;
    }

    static List<Cell> table(boolean sensitive) {
        String sender = sensitive ? "Ontario Cannabis Retail" : "Acme Outfitters";
        return List.of(
                new Cell("status", v -> v.status(), "DELIVERED", "DELIVERED", "DELIVERED", "DELIVERED"),
                new Cell("trackingNumber", v -> v.trackingNumber(), "BWBVQKS7YMXQRRKD6N", "BWBVQKS7YMXQRRKD6N", "BWBVQKS7YMXQRRKD6N", "BWBVQKS7YMXQRRKD6N"),
                new Cell("event time (accepted)", v -> v.events().get(0).occurredAt(), Instant.parse("2026-11-26T09:00:00Z"),
                        Instant.parse("2026-11-26T09:00:00Z"), Instant.parse("2026-11-26T09:00:00Z"), Instant.parse("2026-11-26T09:00:00Z")),
                new Cell("facility city", v -> v.events().get(0).facilityCity(), "Mississauga", "Mississauga", "Mississauga", "Mississauga"),
                new Cell("facility province", v -> v.events().get(0).facilityProvince(), "ON", "ON", "ON", "ON"),
                new Cell("out for delivery: time", v -> v.events().get(1).occurredAt(), OUT_AT, OUT_AT, OUT_AT, OUT_AT),
                new Cell("out for delivery: city", v -> v.events().get(1).facilityCity(), null, "Toronto", "Toronto", "Toronto"),
                new Cell("out for delivery: province", v -> v.events().get(1).facilityProvince(), "ON", "ON", "ON", "ON"),
                new Cell("delivered: city", v -> v.events().get(2).facilityCity(), null, "Toronto", "Toronto", "Toronto"),
                new Cell("delivered: province", v -> v.events().get(2).facilityProvince(), "ON", "ON", "ON", "ON"),
                new Cell("expected delivery date", v -> v.expectedDeliveryDate(), LocalDate.parse("2026-11-28"),
                        LocalDate.parse("2026-11-28"), LocalDate.parse("2026-11-28"), LocalDate.parse("2026-11-28")),
                new Cell("actual delivery date", v -> v.deliveredOn(), LocalDate.parse("2026-11-27"), LocalDate.parse("2026-11-27"),
                        LocalDate.parse("2026-11-27"), LocalDate.parse("2026-11-27")),
                new Cell("actual delivery time", v -> v.deliveredAt(), null, DELIVERED_AT, DELIVERED_AT, DELIVERED_AT),
                new Cell("delivery scan time", v -> v.events().get(2).occurredAt(), null, DELIVERED_AT, DELIVERED_AT, DELIVERED_AT),
                new Cell("delivery scan date", v -> v.events().get(2).occurredOn(), LocalDate.parse("2026-11-27"), null, null, null),
                new Cell("destination province", v -> v.destination().province(), "ON", "ON", "ON", "ON"),
                new Cell("destination city", v -> v.destination().city(), null, "Toronto", "Toronto", "Toronto"),
                new Cell("destination postal code", v -> v.destination().postalCode(), null, "M5H", "M5H1A1", "M5H1A1"),
                new Cell("destination street", v -> v.destination().line1(), null, null, "1 King St W", "1 King St W"),
                new Cell("destination line 2", v -> v.destination().line2(), null, null, "Unit 5", "Unit 5"),
                new Cell("destination country", v -> v.destination().country(), null, null, "CA", "CA"),
                new Cell("signer name", v -> v.signerName(), null, "J. Roe", "J. Roe", "J. Roe"),
                new Cell("recipient name", v -> v.recipient() == null ? null : v.recipient().name(), null, "J*** R**", "Jane Roe", "Jane Roe"),
                new Cell("recipient email", v -> v.recipient() == null ? null : v.recipient().email(), null, "j***@e***.com",
                        "jane.roe@example.com", "jane.roe@example.com"),
                new Cell("recipient phone", v -> v.recipient() == null ? null : v.recipient().phone(), null, "*** 42",
                        "+1 416 555 0142", "+1 416 555 0142"),
                new Cell("recipient language", v -> v.recipient() == null ? null : v.recipient().language(), null, null, "fr", "fr"),
                new Cell("sender", v -> v.sender(), null, sender, sender, sender),
                new Cell("product category", v -> v.productCategory(), null, null, "cannabis", "cannabis"),
                new Cell("order reference", v -> v.orderReference(), null, null, "ORD-42", "ORD-42"),
                new Cell("partner id", v -> v.partnerId(), null, null, sensitive ? "ocs" : "acme", sensitive ? "ocs" : "acme"),
                new Cell("created at", v -> v.createdAt(), null, null, Instant.parse("2026-11-25T12:00:00Z"), Instant.parse("2026-11-25T12:00:00Z")));
    }

    static Stream<Arguments> matrix() {
        List<Arguments> cases = new ArrayList<>();
        for (boolean sensitive : new boolean[] {true, false}) {
            for (Cell cell : table(sensitive)) {
                for (Tier tier : Tier.values()) {
                    cases.add(Arguments.of(cell.field(), tier, sensitive, cell));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} / {1} / sensitive partner: {2}")
    @MethodSource("matrix")
    void everyCellOfTheTable(String field, Tier tier, boolean sensitive, Cell cell) {
        ShipmentView view = POLICY.view(shipment(sensitive), tier);
        Object seen = cell.read().apply(view);
        assertEquals(cell.expected(tier), seen, field + " for " + tier);
    }

    static Stream<Arguments> publicColumn() {
        List<Arguments> cases = new ArrayList<>();
        for (boolean sensitive : new boolean[] {true, false}) {
            for (Cell cell : table(sensitive)) {
                cases.add(Arguments.of(cell.field(), sensitive, cell));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} / PUBLIC from the public read / sensitive partner: {1}")
    @MethodSource("publicColumn")
    void everyPublicCellFromThePublicRead(String field, boolean sensitive, Cell cell) {
        ShipmentView view = POLICY.publicView(publicShipment(sensitive));
        assertEquals(cell.expected(Tier.PUBLIC), cell.read().apply(view), field + " for PUBLIC");
    }

    @ParameterizedTest(name = "nothing beyond the table for {0}")
    @MethodSource("tiers")
    void theAuditedFieldListIsExactlyWhatTheViewCarries(Tier tier) {
        ShipmentView view = POLICY.view(shipment(true), tier);
        Map<Tier, List<String>> expected = Map.of(
                Tier.PUBLIC, List.of("trackingNumber", "status", "destination.province", "expectedDeliveryDate", "deliveredOn", "events"),
                Tier.RECIPIENT, List.of("trackingNumber", "status", "sender", "recipient.name", "recipient.email", "recipient.phone",
                        "destination.city", "destination.province", "destination.postalCode", "expectedDeliveryDate", "deliveredOn",
                        "deliveredAt", "signerName", "events"),
                Tier.PARTNER, List.of("trackingNumber", "status", "partnerId", "orderReference", "sender", "recipient.name", "recipient.email",
                        "recipient.phone", "recipient.language", "destination.line1", "destination.line2", "destination.city", "destination.province",
                        "destination.postalCode", "destination.country", "productCategory", "expectedDeliveryDate", "deliveredOn",
                        "deliveredAt", "signerName", "createdAt", "events"));
        expected = new java.util.HashMap<>(expected);
        expected.put(Tier.STAFF, expected.get(Tier.PARTNER));
        assertEquals(expected.get(tier), view.disclosedFields());
        assertEquals(jsonPaths(view), view.disclosedFields(), "the audited fields are the JSON's");
        if (tier == Tier.PUBLIC) {
            assertEquals(expected.get(tier), POLICY.publicView(publicShipment(true)).disclosedFields(), "from the public read");
        }
    }

    /** The fields a view's JSON carries, as the audit names them: objects by their members, a non-empty array by its name. */
    static List<String> jsonPaths(ShipmentView view) {
        List<String> paths = new ArrayList<>();
        collect(JSON.valueToTree(view), "", paths);
        return paths;
    }

    private static void collect(JsonNode node, String prefix, List<String> paths) {
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            JsonNode value = field.getValue();
            if (value.isObject()) {
                collect(value, prefix + field.getKey() + ".", paths);
            } else if (!value.isArray() || !value.isEmpty()) {
                paths.add(prefix + field.getKey());
            }
        }
    }

    static Stream<Tier> tiers() {
        return Stream.of(Tier.values());
    }

    @Test
    void thePublicViewIsTheSameWhateverThePartner() {
        assertEquals(POLICY.view(shipment(false), Tier.PUBLIC), POLICY.view(shipment(true), Tier.PUBLIC),
                "a sensitive partner's shipment must look exactly like any other in public");
        assertEquals(POLICY.publicView(publicShipment(false)), POLICY.publicView(publicShipment(true)),
                "the same from the public read");
        assertEquals(POLICY.view(shipment(true), Tier.PUBLIC), POLICY.publicView(publicShipment(true)),
                "the public view is the same from the loaded shipment and from the public read");
    }

    @Test
    void guardedModeShowsTheNumberAndTheStatusOnly() {
        for (boolean sensitive : new boolean[] {true, false}) {
            ShipmentView view = POLICY.statusOnly(publicShipment(sensitive));
            assertEquals(List.of("trackingNumber", "status"), view.disclosedFields());
            assertEquals("DELIVERED", view.status());
            assertNull(view.events());
        }
    }

    @Test
    void anUndeliveredShipmentShowsNoDeliveryAtAnyTier() {
        Shipment s = shipment(false);
        s.deliveredAt = null;
        s.signerName = null;
        s.events.remove(2);
        for (Tier tier : Tier.values()) {
            ShipmentView v = POLICY.view(s, tier);
            assertNull(v.deliveredOn());
            assertNull(v.deliveredAt());
            assertNull(v.signerName());
        }
        PublicShipment read = publicShipment(false);
        PublicShipment undelivered = new PublicShipment(read.id(), read.trackingNumber(), read.partnerId(), ShipmentStatus.OUT_FOR_DELIVERY,
                read.destinationProvince(), read.expectedDeliveryDate(), null, read.events().subList(0, 2));
        assertNull(POLICY.publicView(undelivered).deliveredOn(), "from the public read");
    }
}
