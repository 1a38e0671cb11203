package io.trackguard.ratelimit.guard;

/**
 * What a service does with a refusal besides answering it: tracking-service writes it to its
 * audit log, partner-gateway counts it. One bean per service; without one, {@link LoggedRefusals}.
 * Called on the request's thread before the refusal is answered. What it throws is answered
 * instead of the refusal: tracking-service would rather fail than answer a refusal it did not audit.
 */
public interface RefusalRecorder {

    void refused(Refusal refusal);
}
