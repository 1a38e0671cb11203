package io.trackguard.tracking.client;

/**
 * Who made a request, pseudonymously: {@code ip:<HMAC>} for anonymous callers,
 * {@code client:<client id>} for service accounts and partners, {@code user:<subject>} for staff.
 */
public record Actor(ActorKind kind, String id) {

    public Actor as(ActorKind otherKind) {
        return new Actor(otherKind, id);
    }
}
