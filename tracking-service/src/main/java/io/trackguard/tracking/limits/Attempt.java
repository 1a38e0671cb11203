package io.trackguard.tracking.limits;

import io.trackguard.tracking.client.Actor;

/**
 * What a guarded request is about, for the audit record of its refusal: who, which number's
 * pseudonym (null when none), and the reason a staff agent gave (null for everyone else).
 */
public record Attempt(Actor actor, String numberHash, String reason) {

    public static Attempt of(Actor actor) {
        return new Attempt(actor, null, null);
    }

    public static Attempt of(Actor actor, String numberHash) {
        return new Attempt(actor, numberHash, null);
    }
}
