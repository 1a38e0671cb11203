package io.trackguard.tracking.recipient;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/** One access to a recipient's shipment as they may see it: when, what kind of caller, which tier. Never who. */
@RegisterForReflection
public record AccessEntry(Instant at, String actorKind, String tier, String outcome) {
}
