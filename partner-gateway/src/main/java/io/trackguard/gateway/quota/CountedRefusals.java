package io.trackguard.gateway.quota;

import io.micrometer.core.instrument.MeterRegistry;
import io.trackguard.ratelimit.guard.Refusal;
import io.trackguard.ratelimit.guard.RefusalRecorder;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The gateway keeps no audit log of its own: a refusal is counted, by kind
 * ({@code trackguard_refusals_total{kind="LIMITED"}}), so a surge of refused partners shows on
 * the dashboards. No partner id in the tags: the kinds are few, partners many.
 */
@ApplicationScoped
public class CountedRefusals implements RefusalRecorder {

    private final MeterRegistry registry;

    public CountedRefusals(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void refused(Refusal refusal) {
        registry.counter("trackguard.refusals", "kind", refusal.kind().name()).increment();
    }
}
