package io.trackguard.ratelimit.guard;

import io.trackguard.ratelimit.LimitDecision;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The guard's word on the current request: the last decision, and the header fields that
 * {@link GuardHeaders} writes on the answer whatever produced it (a resource, an exception
 * mapper, a failure handler). Kept in the request's routing context, so it lives exactly as
 * long as the request; written on a worker thread, read on the event loop when the head goes out.
 */
public final class GuardState {

    static final String KEY = "trackguard.guard-state";

    private volatile LimitDecision decision;
    private volatile Map<String, String> headers = Map.of();

    /** The request's state, made on first use when the route did not (a request that skipped it). */
    public static GuardState of(RoutingContext http) {
        GuardState state = http.get(KEY);
        if (state == null) {
            state = new GuardState();
            http.put(KEY, state);
        }
        return state;
    }

    void decided(LimitDecision decision, Map<String, String> headers) {
        this.decision = decision;
        this.headers = Map.copyOf(headers);
    }

    /** The last decision the guard made for this request, if any. */
    public Optional<LimitDecision> decision() {
        return Optional.ofNullable(decision);
    }

    /** RateLimit-Policy, RateLimit and Retry-After as they go on the answer; empty when nothing was decided. */
    public Map<String, String> headers() {
        return headers;
    }

    /** The Retry-After the answer carries, for a page that says how long to wait. */
    public OptionalLong retryAfterSeconds() {
        String value = headers.get("Retry-After");
        return value == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(value));
    }
}
