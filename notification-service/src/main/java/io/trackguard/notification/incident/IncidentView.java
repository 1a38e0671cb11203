package io.trackguard.notification.incident;

import java.time.Instant;
import java.util.UUID;

/** An incident as privacy officers see it. */
public record IncidentView(UUID id, Instant openedAt, String status, String kind, String actorPseudonym,
                           Instant windowStart, Instant windowEnd, String summary) {

    static IncidentView of(Incident i) {
        return new IncidentView(i.id, i.openedAt, i.status.name(), i.kind, i.actorPseudonym, i.windowStart, i.windowEnd, i.summary);
    }
}
