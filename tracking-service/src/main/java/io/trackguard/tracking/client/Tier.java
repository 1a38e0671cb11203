package io.trackguard.tracking.client;

/**
 * The columns of the disclosure table in DESIGN.md, from least to most trusted: how far a caller
 * is trusted, beside who it is ({@link Actor}). Here, below both the disclosure policy that reads it
 * and the audit log that records it, so neither has to import the other for it.
 */
public enum Tier {
    /** Anyone with the tracking number. */
    PUBLIC,
    /** Proved to be the recipient: destination postal code, or a signed one-time link. */
    RECIPIENT,
    /** The partner retailer that created the shipment. */
    PARTNER,
    /** Support staff, with a stated reason that is audited. */
    STAFF
}
