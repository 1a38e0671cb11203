package io.trackguard.tracking.disclosure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The audited field list follows the record: a view with every component set, built from the
 * record's own components (so a component added later is set too), lists every field its JSON
 * carries, nested records member by member.
 */
class ShipmentViewTest {

    @Test
    void aViewWithEveryFieldSetListsEveryComponent() {
        ShipmentView full = filled(ShipmentView.class);

        assertEquals(DisclosurePolicyTest.jsonPaths(full), full.disclosedFields(), "the audited fields are the JSON's");
        // what the record has today, written out: 12 fields, the recipient's 4, the destination's 6
        assertEquals(List.of("trackingNumber", "status", "partnerId", "orderReference", "sender", "recipient.name", "recipient.email",
                "recipient.phone", "recipient.language", "destination.line1", "destination.line2", "destination.city",
                "destination.province", "destination.postalCode", "destination.country", "productCategory", "expectedDeliveryDate",
                "deliveredOn", "deliveredAt", "signerName", "createdAt", "events"), full.disclosedFields());
    }

    @Test
    void anEmptyTimelineAndEmptyNestedRecordsListNothing() {
        ShipmentView view = new ShipmentView("BWBVQKS7YMXQRRKD6N", "CREATED", null, null, null,
                new ShipmentView.Recipient(null, null, null, null), new ShipmentView.Destination(null, null, null, "ON", null, null),
                null, null, null, null, null, null, List.of());
        assertEquals(List.of("trackingNumber", "status", "destination.province"), view.disclosedFields());
    }

    /** A record with every component given a value of its type; nested records filled the same way. */
    private static <T extends Record> T filled(Class<T> type) {
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = Arrays.stream(components).map(c -> sample(c.getType(), c.getName())).toArray();
        try {
            Constructor<T> canonical = type.getDeclaredConstructor(Arrays.stream(components).map(RecordComponent::getType).toArray(Class[]::new));
            return canonical.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Object sample(Class<?> type, String name) {
        if (type == String.class) {
            return name + "-value";
        }
        if (type == LocalDate.class) {
            return LocalDate.parse("2026-11-28");
        }
        if (type == Instant.class) {
            return Instant.parse("2026-11-27T18:30:00Z");
        }
        if (type == List.class) {
            return List.of(new TimelineEvent("DELIVERED", Instant.parse("2026-11-27T18:30:00Z"), null, "Toronto", "ON"));
        }
        if (type.isRecord()) {
            return filled((Class<? extends Record>) type);
        }
        throw new IllegalStateException("no sample value for a " + type + " (" + name + "): add one here");
    }
}
