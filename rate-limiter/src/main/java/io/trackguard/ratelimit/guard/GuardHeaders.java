package io.trackguard.ratelimit.guard;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The one writer of {@code RateLimit-Policy}, {@code RateLimit} and {@code Retry-After} for
 * limited requests, in every service that has the limiter. A route before JAX-RS gives each
 * request its {@link GuardState} and writes it when the answer's head goes out: so a success, a
 * problem from an exception mapper and one from the Vert.x failure handler all carry the fields,
 * and no resource sets them. A header the answer already has under the same name is replaced:
 * the guard's word on the limit is the last.
 */
@ApplicationScoped
public class GuardHeaders {

    void install(@Observes Router router) {
        // after safe-defaults' headers (MIN_VALUE) and problem-details' request id (MIN_VALUE + 1)
        router.route().order(Integer.MIN_VALUE + 2).handler(ctx -> {
            GuardState state = GuardState.of(ctx);
            ctx.addHeadersEndHandler(v -> state.headers().forEach(ctx.response()::putHeader));
            ctx.next();
        });
    }
}
