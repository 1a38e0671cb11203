package io.trackguard.notification.assessment;

import io.trackguard.notification.casefile.IncidentKind;
import java.time.Instant;
import java.util.Set;

/**
 * What the assessment looks at: the incident's kind, whether its scope could be read from the
 * audit log at all, and what that scope holds.
 */
public record ScopeFacts(IncidentKind kind, boolean manual, boolean scopeReadable, int shipments, int people,
                         Set<String> tiers, Set<String> fields, Set<String> partners, Set<String> sensitivePartners,
                         Instant blockedUntil, int distinctNumbers) {
}
