package io.trackguard.tracking.abuse;

import io.quarkus.runtime.StartupEvent;
import io.trackguard.ratelimit.RateLimiter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;

/** At start, every script of the lookup's round trip goes into Redis' cache, and a first connection opens. */
@ApplicationScoped
class ScriptWarmUp {

    void onStart(@Observes StartupEvent event, RateLimiter limiter) {
        limiter.warmUp(List.of(AbuseScript.SCRIPT, SignalScript.SCRIPT), Duration.ofSeconds(5));
    }
}
