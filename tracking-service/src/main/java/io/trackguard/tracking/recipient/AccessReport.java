package io.trackguard.tracking.recipient;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * "Who looked at my parcel": the accesses, newest first, how many of them were failed attempts
 * to prove being the recipient, and, when there were several, a warning that says so and what
 * the recipient can do, in English and French.
 */
@RegisterForReflection
public record AccessReport(List<AccessEntry> accesses, int failedAttempts, Warning warning) {

    @RegisterForReflection
    public record Warning(String en, String fr) {
    }
}
