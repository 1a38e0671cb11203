package io.trackguard.tracking.audit;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;

/** One shipment whose data reached an actor: which fields, when, and whom to tell. */
@RegisterForReflection
public record Exposure(String trackingNumber, String partnerId, List<String> fieldsDisclosed, Instant firstSeen,
                       Instant lastSeen, long accesses, Contact recipient) {

    @RegisterForReflection
    public record Contact(String name, String email, String phone) {
    }

    /** A page of exposures; {@code nextCursor} is null on the last page. */
    @RegisterForReflection
    public record Page(String actor, Instant from, Instant to, List<Exposure> exposures, String nextCursor) {
    }
}
