package io.trackguard.tracking.recipient;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/**
 * One access to a recipient's shipment as they may see it: when, what kind of viewer, what
 * happened, at which tier. Never who exactly. Only a caller that proved it (postal code or
 * one-time link) is {@code recipient}; before that proof everyone is {@code someone}, and so is
 * every failed attempt to prove it.
 *
 * <p>{@code viewer}: recipient, someone, retailer, staff, carrier, service. {@code what}:
 * viewed-status, viewed-details, viewed-shipment, verified-with-postal-code,
 * verified-with-link, wrong-postal-code, used-link-again, link-issued.
 */
@RegisterForReflection
public record AccessEntry(Instant at, String viewer, String what, String tier, String outcome) {

    /** Audit reasons of recipient records (never a staff reason: those are not read for this view). */
    static final String VIA_POSTAL_CODE = "postal code";
    static final String VIA_LINK = "one-time link";
    static final String LINK_ALREADY_USED = "link already used";

    /** An audit row as the recipient may see it. */
    static AccessEntry of(Instant at, String actorKind, String tier, String outcome, String reason) {
        return new AccessEntry(at, viewer(actorKind, tier, outcome), what(tier, outcome, reason), tier, outcome);
    }

    boolean failedAttempt() {
        return "VERIFY_FAILED".equals(outcome);
    }

    private static String viewer(String actorKind, String tier, String outcome) {
        return switch (actorKind) {
            case "PARTNER" -> "retailer";
            case "STAFF" -> "staff";
            case "OPERATIONS" -> "carrier";
            case "SERVICE" -> "service";
            // proven: a verification that succeeded, or a view that needed a recipient session
            case "RECIPIENT" -> "VERIFIED".equals(outcome) || ("DISCLOSED".equals(outcome) && "RECIPIENT".equals(tier))
                    ? "recipient" : "someone";
            default -> "someone";
        };
    }

    private static String what(String tier, String outcome, String reason) {
        return switch (outcome) {
            case "LINK_ISSUED" -> "link-issued";
            case "VERIFIED" -> VIA_LINK.equals(reason) ? "verified-with-link" : "verified-with-postal-code";
            case "VERIFY_FAILED" -> LINK_ALREADY_USED.equals(reason) ? "used-link-again" : "wrong-postal-code";
            default -> "PUBLIC".equals(tier) ? "viewed-status" : "RECIPIENT".equals(tier) ? "viewed-details" : "viewed-shipment";
        };
    }
}
