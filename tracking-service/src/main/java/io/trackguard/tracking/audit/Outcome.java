package io.trackguard.tracking.audit;

/** What came of an access, as the audit log records it. */
public enum Outcome {
    /** A view was returned; {@code fields} says which. */
    DISCLOSED,
    /** A well-formed number that matches nothing (or nothing visible to the caller). */
    NOT_FOUND,
    /** Not a tracking number at all, or a mistyped one. */
    INVALID,
    /** Refused by a rate limit. */
    LIMITED,
    /** Refused because the actor is blocked for enumeration. */
    BLOCKED,
    /** Refused: no right to it. */
    DENIED,
    VERIFIED,
    VERIFY_FAILED,
    /** Refused because the shipment's verification is locked after failures. */
    LOCKED,
    /** An exposure query by incident response, or a privacy officer's look at the guarded partners. */
    QUERIED,
    /** A one-time recipient link was made for the shipment (for a notice, or the partner's shipping email). */
    LINK_ISSUED,
    /** A privacy officer lifted a partner's guarded mode. */
    CLEARED
}
