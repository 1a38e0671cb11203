package io.trackguard.tracking.audit;

import io.trackguard.tracking.client.Actor;
import io.trackguard.tracking.client.Tier;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One line of the access audit log. Holds pseudonyms and field names, never personal data. */
public record AccessRecord(Instant occurredAt, Actor actor, UUID shipmentId, String partnerId, String numberHash,
                           Tier tier, List<String> fields, Outcome outcome, String requestId, String reason) {
}
