package io.trackguard.tracking.disclosure;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A shipment as one caller may see it. Every field that the caller's tier may not see is
 * null and left out of the JSON; only {@link DisclosurePolicy} builds these.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ShipmentView(
        String trackingNumber,
        String status,
        String partnerId,
        String orderReference,
        String sender,
        Recipient recipient,
        Destination destination,
        String productCategory,
        LocalDate expectedDeliveryDate,
        LocalDate deliveredOn,
        Instant deliveredAt,
        String signerName,
        Instant createdAt,
        List<TimelineEvent> events) {

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Recipient(String name, String email, String phone, String language) {
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Destination(String line1, String line2, String city, String province, String postalCode, String country) {
    }

    /**
     * The names of the fields this view discloses, as JSON paths ({@code recipient.name}...):
     * what the access audit log records. Identifiers (number, status, timeline) are listed too.
     */
    public List<String> disclosedFields() {
        List<String> fields = new ArrayList<>();
        add(fields, "trackingNumber", trackingNumber);
        add(fields, "status", status);
        add(fields, "partnerId", partnerId);
        add(fields, "orderReference", orderReference);
        add(fields, "sender", sender);
        if (recipient != null) {
            add(fields, "recipient.name", recipient.name);
            add(fields, "recipient.email", recipient.email);
            add(fields, "recipient.phone", recipient.phone);
            add(fields, "recipient.language", recipient.language);
        }
        if (destination != null) {
            add(fields, "destination.line1", destination.line1);
            add(fields, "destination.line2", destination.line2);
            add(fields, "destination.city", destination.city);
            add(fields, "destination.province", destination.province);
            add(fields, "destination.postalCode", destination.postalCode);
            add(fields, "destination.country", destination.country);
        }
        add(fields, "productCategory", productCategory);
        add(fields, "expectedDeliveryDate", expectedDeliveryDate);
        add(fields, "deliveredOn", deliveredOn);
        add(fields, "deliveredAt", deliveredAt);
        add(fields, "signerName", signerName);
        add(fields, "createdAt", createdAt);
        if (events != null && !events.isEmpty()) {
            fields.add("events");
        }
        return fields;
    }

    private static void add(List<String> fields, String name, Object value) {
        if (value != null) {
            fields.add(name);
        }
    }
}
