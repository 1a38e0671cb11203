package io.trackguard.tracking.audit;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;

/**
 * One shipment whose data reached an actor (or, for a partner query, anyone outside the
 * owning partner and staff): which fields, at which tiers, when, and whom to tell.
 * {@code partnerSensitive} is the partner's flag as tracking-service knows it.
 */
@RegisterForReflection
public record Exposure(String trackingNumber, String partnerId, boolean partnerSensitive, List<String> fieldsDisclosed,
                       List<String> tiers, Instant firstSeen, Instant lastSeen, long accesses, Contact recipient) {

    /** Whom to tell and in which language ({@code en}, {@code fr}, or null when the partner did not say). */
    @RegisterForReflection
    public record Contact(String name, String email, String phone, String language) {
    }

    /**
     * A page of exposures; {@code nextCursor} is null on the last page. Exactly one of
     * {@code actor} and {@code partner} is set: what the query asked about.
     */
    @RegisterForReflection
    public record Page(String actor, String partner, Instant from, Instant to, List<Exposure> exposures, String nextCursor) {
    }
}
