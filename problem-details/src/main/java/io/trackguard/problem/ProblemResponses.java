package io.trackguard.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Turns a {@link Problem} into an HTTP answer, for JAX-RS and for plain Vert.x routes alike. */
@ApplicationScoped
public class ProblemResponses {

    private final ObjectMapper objectMapper;
    private final RoutingContext currentRequest;
    private final int retryAfterSeconds;

    public ProblemResponses(ObjectMapper objectMapper, RoutingContext currentRequest,
                            @ConfigProperty(name = "trackguard.problem.unavailable-retry-after", defaultValue = "5") int retryAfterSeconds) {
        this.objectMapper = objectMapper;
        this.currentRequest = currentRequest;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /**
     * Retry-After of a 503 for a dependency that failed: about the time the pools and clients take
     * to notice it is back (trackguard.problem.unavailable-retry-after, seconds).
     */
    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** The answer to the current JAX-RS request, carrying its request id. */
    public Response response(Problem problem, Map<String, String> headers) {
        return response(problem, currentRequest.get(RequestIds.PROPERTY), headers);
    }

    public Response response(Problem problem, String requestId, Map<String, String> headers) {
        Response.ResponseBuilder builder = Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .entity(serialize(problem.withRequestId(requestId)));
        headers.forEach(builder::header);
        return builder.build();
    }

    public void write(RoutingContext ctx, Problem problem) {
        HttpServerResponse response = ctx.response();
        if (response.ended() || response.headWritten()) {
            return;
        }
        response.setStatusCode(problem.status())
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .end(serialize(problem.withRequestId(ctx.get(RequestIds.PROPERTY))));
    }

    private String serialize(Problem problem) {
        try {
            return objectMapper.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            // A record of strings and ints always serialises; this is a programming error.
            throw new IllegalStateException("problem document could not be written", e);
        }
    }
}
