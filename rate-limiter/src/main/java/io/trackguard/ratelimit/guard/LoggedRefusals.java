package io.trackguard.ratelimit.guard;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** The recorder of a service that keeps no record of refusals: a debug line with the kind only (no subject). */
@DefaultBean
@ApplicationScoped
public class LoggedRefusals implements RefusalRecorder {

    private static final Logger LOG = Logger.getLogger(LoggedRefusals.class);

    @Override
    public void refused(Refusal refusal) {
        LOG.debugf("refused: %s", refusal.kind());
    }
}
