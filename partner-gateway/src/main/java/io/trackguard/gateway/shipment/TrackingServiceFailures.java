package io.trackguard.gateway.shipment;

import io.trackguard.gateway.config.GatewayConfig;
import io.trackguard.problem.Problem;
import io.trackguard.problem.ProblemResponses;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ProcessingException;
import java.util.Map;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * When tracking-service is down, slow, failing or behind an open breaker, the partner gets a
 * 503 problem with Retry-After: never a partial or stale answer.
 */
public class TrackingServiceFailures {

    private static final Logger LOG = Logger.getLogger(TrackingServiceFailures.class);

    private final GatewayConfig config;
    private final ProblemResponses responses;

    public TrackingServiceFailures(GatewayConfig config, ProblemResponses responses) {
        this.config = config;
        this.responses = responses;
    }

    @ServerExceptionMapper
    public Response unavailable(TrackingServiceUnavailableException e) {
        return toProblem(e);
    }

    @ServerExceptionMapper
    public Response faultTolerance(FaultToleranceException e) {
        return toProblem(e);
    }

    @ServerExceptionMapper
    public Response unreachable(ProcessingException e) {
        return toProblem(e);
    }

    private Response toProblem(Exception e) {
        LOG.warnf("tracking-service unavailable: %s", e.getClass().getSimpleName());
        return responses.response(Problem.typed("tracking-unavailable", 503, "Service unavailable",
                "Shipments cannot be reached right now; try again later."),
                Map.of("Retry-After", String.valueOf(config.unavailableRetryAfterSeconds())));
    }
}
