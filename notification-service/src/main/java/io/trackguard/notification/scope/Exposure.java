package io.trackguard.notification.scope;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;

/**
 * One exposed shipment as tracking-service's {@code GET /internal/v1/exposures} answers it.
 * Fields tracking-service adds later are ignored.
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record Exposure(String trackingNumber, String partnerId, boolean partnerSensitive, List<String> fieldsDisclosed, List<String> tiers,
                       Instant firstSeen, Instant lastSeen, long accesses, Contact recipient) {

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Contact(String name, String email, String phone, String language) {
    }

    /** A page; {@code nextCursor} is null on the last. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Page(String actor, String partner, Instant from, Instant to, List<Exposure> exposures, String nextCursor) {
    }

    public List<String> fieldsOrEmpty() {
        return fieldsDisclosed == null ? List.of() : fieldsDisclosed;
    }

    public List<String> tiersOrEmpty() {
        return tiers == null ? List.of() : tiers;
    }
}
