package io.trackguard.notification.work;

import io.trackguard.notification.config.NotifyConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.eclipse.microprofile.context.ThreadContext;

/**
 * The executor background work runs on (scoping, delivery). It propagates no context: a task
 * started from an officer's request must not share that request's database session, and opens
 * its own transactions. Its threads start on first use, at run time, never at build time.
 */
@ApplicationScoped
public class Workers {

    private final ManagedExecutor executor;

    public Workers(NotifyConfig config) {
        this.executor = ManagedExecutor.builder()
                .propagated(ThreadContext.NONE)
                .cleared(ThreadContext.ALL_REMAINING)
                .maxAsync(config.delivery().concurrency() + 4)
                .maxQueued(-1)
                .build();
    }

    public ManagedExecutor executor() {
        return executor;
    }

    @PreDestroy
    void stop() {
        executor.shutdown();
    }
}
