package io.trackguard.ratelimit.guard;

import io.trackguard.problem.Problem;
import io.trackguard.problem.ProblemException;
import io.trackguard.ratelimit.LimitCheck;
import io.trackguard.ratelimit.LimitDecision;
import io.trackguard.ratelimit.LimitResult;
import io.trackguard.ratelimit.RateLimitPolicy;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.time.Duration;
import java.util.List;

/** A limited resource as a service writes one: one line says what it needs, nothing sets a header. */
@Path("/guarded")
public class GuardedResource {

    static final RateLimitPolicy TWO = RateLimitPolicy.rate("two", 2, Duration.ofMinutes(1), 2);

    private final Guard guard;

    public GuardedResource(Guard guard) {
        this.guard = guard;
    }

    @GET
    @Path("/{subject}")
    public String get(@PathParam("subject") String subject) {
        guard.demand(LimitCheck.of(TWO, subject)).admit();
        return "ok";
    }

    /** Admitted, then a problem of another kind: an exception mapper answers it. */
    @GET
    @Path("/{subject}/missing")
    public String missing(@PathParam("subject") String subject) {
        guard.demand(LimitCheck.of(TWO, subject)).admit();
        throw new ProblemException(Problem.of(404, "Not Found", "There is nothing at this address."));
    }

    /** A plain Vert.x route that fails after a decision: problem-details' failure handler answers it. */
    void failingRoute(@Observes Router router) {
        router.get("/guarded-route").handler(ctx -> {
            GuardState.of(ctx).decided(null, new LimitDecision(List.of(new LimitResult(TWO, true, 1, 30, 0)), false).headers());
            ctx.fail(new IllegalStateException("a fault of the route"));
        });
    }
}
