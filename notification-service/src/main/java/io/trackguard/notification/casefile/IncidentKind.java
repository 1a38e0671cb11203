package io.trackguard.notification.casefile;

/** What kind of breach an incident is. */
public enum IncidentKind {
    /** One actor (or one network bucket) walked tracking numbers: ENUMERATION_SUSPECTED events. */
    ENUMERATION,
    /** Many addresses walked one partner's shipments: DISTRIBUTED_SCRAPING events. */
    DISTRIBUTED_SCRAPING,
    /** Public lookups matching nothing surged, all clients together: MISSES_SURGE events (no actor, no partner). */
    MISSES_SURGE,
    /** Someone saw what they should not have by another way (opened by an officer). */
    UNAUTHORISED_ACCESS,
    /** Anything else an officer records. */
    OTHER
}
