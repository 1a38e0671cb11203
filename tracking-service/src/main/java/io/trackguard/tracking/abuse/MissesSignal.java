package io.trackguard.tracking.abuse;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.trackguard.ratelimit.ScriptCall;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Public lookups that match nothing (unknown or malformed numbers), from all clients
 * together, per window, against their normal rate: a crowd guessing numbers or trying order
 * references is seen even when each address stays under its own miss limit. It has no actor
 * and no partner, so it blocks nothing: it raises {@code MISSES_SURGE} (at most once a
 * window while it lasts) and shows in the gauge {@code trackguard_public_misses_window}.
 */
@ApplicationScoped
public class MissesSignal {

    private final AbuseConfig config;
    private final SecurityEvents events;
    private final AtomicLong lastEstimate = new AtomicLong();

    public MissesSignal(AbuseConfig config, SecurityEvents events, MeterRegistry metrics) {
        this.config = config;
        this.events = events;
        Gauge.builder("trackguard.public.misses.window", lastEstimate, AtomicLong::get)
                .description("Public lookups that matched nothing in the last window, all clients together (estimate)")
                .register(metrics);
    }

    /** The counting call for one public miss. */
    public ScriptCall call() {
        long now = System.currentTimeMillis();
        String base = config.keyPrefix() + "{misses}:";
        return new ScriptCall(SignalScript.SCRIPT, List.of(base + "stats", base + "unused", base + "fired"),
                SignalScript.args(config.globalMisses(), "count", "", "window", now));
    }

    /** Reads the count's answer (null when Redis could not be asked); on a crossing, the event. */
    public void read(Response answer) {
        if (answer == null) {
            return;
        }
        SignalScript.Reading reading = SignalScript.Reading.of(answer);
        lastEstimate.set(reading.estimate());
        if (!reading.newlyFired()) {
            return;
        }
        Instant now = Instant.now();
        Map<String, String> event = new LinkedHashMap<>();
        event.put("type", "MISSES_SURGE");
        event.put("windowStart", Instant.ofEpochMilli(reading.windowStartMillis()).minus(config.globalMisses().window()).toString());
        event.put("windowEnd", now.toString());
        event.put("distinctNumbers", "0");
        event.put("misses", String.valueOf(reading.estimate()));
        event.put("failedVerifications", "0");
        event.put("evidence", reading.estimate() + " public lookups matched nothing in " + config.globalMisses().window()
                + ", all clients together (normal about " + reading.baseline() + " per window, threshold " + reading.threshold() + ")");
        event.put("source", "tracking-service");
        events.emit(event);
    }
}
