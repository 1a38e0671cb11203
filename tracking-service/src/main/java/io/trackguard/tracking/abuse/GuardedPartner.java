package io.trackguard.tracking.abuse;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/**
 * A partner whose shipments are in guarded mode: public lookups answer the status only until
 * a privacy officer clears it. What fired it comes along, without any personal data.
 */
@RegisterForReflection
public record GuardedPartner(String partnerId, Instant guardedSince, Instant windowStart, Instant windowEnd, long distinctNumbers,
                             long normalPerWindow, long threshold, String evidence) {
}
