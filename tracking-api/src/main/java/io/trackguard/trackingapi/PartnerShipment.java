package io.trackguard.trackingapi;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One of the partner's shipments as tracking-service's disclosure policy lets the owning partner see it
 * (tracking-service's disclosure.ShipmentView at the partner tier). A field the partner may not see
 * is left out; the components are in the order tracking-service writes them, so the gateway's
 * answer is the same JSON as tracking-service's.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Shipment", description = "One of your shipments")
public record PartnerShipment(
        @Schema(description = "The public tracking number: 18 characters", examples = "K7M2QX9TPA4RWH3N8E")
        @JsonProperty(required = true) String trackingNumber,
        @Schema(examples = "CREATED") @JsonProperty(required = true) String status,
        @Schema(description = "You", examples = "acme") @JsonProperty(required = true) String partnerId,
        @Schema(examples = "ORD-2026-000123") String orderReference,
        @Schema(description = "Your name as shown to the recipient", examples = "Acme Outfitters") String sender,
        Recipient recipient,
        Destination destination,
        @Schema(examples = "apparel") String productCategory,
        @Schema(examples = "2026-12-24") LocalDate expectedDeliveryDate,
        @Schema(description = "The delivery day", examples = "2026-12-23") LocalDate deliveredOn,
        @Schema(description = "The delivery time", examples = "2026-12-23T15:04:05Z") Instant deliveredAt,
        @Schema(description = "Who signed for it", examples = "J. Roe") String signerName,
        @Schema(examples = "2026-11-28T10:00:00Z") Instant createdAt,
        @Schema(description = "The scans, oldest first") List<TimelineEvent> events) {

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ShipmentRecipient")
    public record Recipient(
            @Schema(examples = "Jane Roe") String name,
            @Schema(examples = "jane.roe@example.com") String email,
            @Schema(examples = "+1 416 555 0100") String phone,
            @Schema(examples = "en") String language) {
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ShipmentDestination")
    public record Destination(
            @Schema(examples = "1 King St W") String line1,
            @Schema(examples = "Unit 5") String line2,
            @Schema(examples = "Toronto") String city,
            @Schema(examples = "ON") String province,
            @Schema(description = "Without its space, upper case", examples = "M5H1A1") String postalCode,
            @Schema(examples = "CA") String country) {
    }
}
