package io.trackguard.ratelimit.guard;

/**
 * What a service does with a refusal besides answering it: tracking-service writes it to its
 * audit log, partner-gateway counts it. One bean per service; without one, {@link LoggedRefusals}.
 * Called on the request's thread before the refusal is answered; must not throw.
 */
public interface RefusalRecorder {

    void refused(Refusal refusal);
}
