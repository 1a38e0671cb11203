package io.trackguard.trackingapi;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A page of the partner's shipments, newest first; {@code nextCursor} is left out on the last page. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "ShipmentPage", description = "A page of your shipments, newest first")
public record ShipmentPage(
        @JsonProperty(required = true) List<PartnerShipment> items,
        @Schema(description = "Pass it as cursor for the next page; absent on the last page", maxLength = 200) String nextCursor) {
}
