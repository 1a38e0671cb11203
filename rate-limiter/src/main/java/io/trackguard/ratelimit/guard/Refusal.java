package io.trackguard.ratelimit.guard;

/**
 * A request the guard refused, as the service's {@link RefusalRecorder} sees it. {@code about}
 * is what the demand said it was about (tracking-service: the actor and the number's pseudonym),
 * {@code note} the veto's words for {@link Kind#VETOED}, "limiter unavailable" for
 * {@link Kind#UNAVAILABLE}, null otherwise.
 */
public record Refusal(Kind kind, Object about, String note) {

    public enum Kind {
        /** Over a rate limit: 429. */
        LIMITED,
        /** A detector's block (enumeration): 429 with the block's Retry-After. */
        BLOCKED,
        /** A lock of attempts is closed (wrong postal codes): the lock's own 429. */
        LOCKED,
        /** The shared limiter could not be asked and the demand fails closed: 503. */
        UNAVAILABLE,
        /** A flag read in the same round trip refuses outright (a disabled partner): the veto's own problem. */
        VETOED
    }
}
