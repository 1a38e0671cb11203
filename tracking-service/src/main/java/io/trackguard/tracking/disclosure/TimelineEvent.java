package io.trackguard.tracking.disclosure;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One scan as a viewer may see it. Views that may see only the delivery date get
 * {@code occurredOn} for the delivery scan instead of {@code occurredAt}.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TimelineEvent(String type, Instant occurredAt, LocalDate occurredOn, String facilityCity, String facilityProvince) {
}
