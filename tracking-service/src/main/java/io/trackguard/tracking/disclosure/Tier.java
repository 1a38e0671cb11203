package io.trackguard.tracking.disclosure;

/** The columns of the disclosure table in DESIGN.md, from least to most trusted. */
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
