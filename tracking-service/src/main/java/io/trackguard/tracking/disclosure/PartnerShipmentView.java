package io.trackguard.tracking.disclosure;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The owning partner's column of the disclosure table: everything about its own shipment. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PartnerShipmentView(
        String trackingNumber,
        String partnerId,
        String orderReference,
        String status,
        Recipient recipient,
        Destination destination,
        String productCategory,
        LocalDate expectedDeliveryDate,
        Instant deliveredAt,
        String signerName,
        Instant createdAt,
        List<TimelineEvent> events) {

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Recipient(String name, String email, String phone) {
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Destination(String line1, String line2, String city, String province, String postalCode, String country) {
    }
}
