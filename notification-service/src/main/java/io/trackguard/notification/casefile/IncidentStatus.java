package io.trackguard.notification.casefile;

/**
 * An incident's life. New evidence sends a scoped incident back to SCOPING; an officer's
 * override may take a closed one back to NOTIFYING.
 */
public enum IncidentStatus {
    /** Opened from a security event or by an officer; its scope is not read yet. */
    DETECTED,
    /** Its scope is being read from tracking-service's access audit log. */
    SCOPING,
    /** Scope and assessment stored; waits for an officer's decision unless a rule decided. */
    ASSESSED,
    /** Notices are in the outbox and being delivered. */
    NOTIFYING,
    /** Every notice reached an end: sent, bounced, dead-lettered or cancelled. */
    NOTIFIED,
    /** Closed by an officer or by a rule, with the reason in the history. */
    CLOSED
}
