package io.trackguard.tracking.limits;

import io.trackguard.ratelimit.guard.Refusal;
import io.trackguard.ratelimit.guard.RefusalRecorder;
import io.trackguard.tracking.audit.Audit;
import io.trackguard.tracking.audit.Outcome;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Every refusal of the guard is an attempt in the audit log, with the actor and the number's
 * pseudonym the demand was {@link Attempt about}: a limit is LIMITED, a block BLOCKED, a closed
 * lock LOCKED, an unreachable limiter or a veto DENIED with what said no.
 */
@ApplicationScoped
public class AuditedRefusals implements RefusalRecorder {

    private final Audit audit;

    public AuditedRefusals(Audit audit) {
        this.audit = audit;
    }

    @Override
    public void refused(Refusal refusal) {
        if (!(refusal.about() instanceof Attempt attempt)) {
            throw new IllegalArgumentException("a guarded request of tracking-service says which attempt it is");
        }
        Outcome outcome = switch (refusal.kind()) {
            case LIMITED -> Outcome.LIMITED;
            case BLOCKED -> Outcome.BLOCKED;
            case LOCKED -> Outcome.LOCKED;
            case UNAVAILABLE, VETOED -> Outcome.DENIED;
        };
        String reason = outcome == Outcome.DENIED ? refusal.note() : attempt.reason();
        audit.attempt(attempt.actor(), null, null, attempt.numberHash(), outcome, reason);
    }
}
