package io.trackguard.tracking.client;

/** Which kind of caller made a request, as the audit log and "who looked" record it. */
public enum ActorKind {
    PUBLIC, RECIPIENT, PARTNER, STAFF, OPERATIONS, SERVICE
}
