package io.trackguard.trackingapi;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One scan of a shipment's timeline, as the partner sees it; fields the partner may not see are left out. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "TimelineEvent", description = "One scan of the shipment")
public record TimelineEvent(
        @Schema(description = "What happened", examples = "IN_TRANSIT") @JsonProperty(required = true) String type,
        @Schema(description = "When it was scanned", examples = "2026-11-28T10:00:00Z") Instant occurredAt,
        @Schema(description = "The day only, where the time is not shown", examples = "2026-11-28") LocalDate occurredOn,
        @Schema(examples = "Mississauga") String facilityCity,
        @Schema(examples = "ON") String facilityProvince) {
}
