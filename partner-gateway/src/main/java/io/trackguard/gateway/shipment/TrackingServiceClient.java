package io.trackguard.gateway.shipment;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import java.net.ConnectException;
import java.util.function.Supplier;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Calls tracking-service with the partner's token and owns the fault tolerance. Answers below
 * 500 (a 404 included) are answers, not failures; 5xx, timeouts and refused connections are
 * failures and open the breaker. Reads and cancels (idempotent) are retried with jitter; a
 * create only when the connection was refused, since then it surely never arrived. A create
 * whose outcome is unknown is settled by the partner's retry with the same Idempotency-Key.
 */
@ApplicationScoped
public class TrackingServiceClient {

    /** What tracking-service said: its status and JSON body. */
    public record Answer(int status, JsonNode body) {
    }

    private final TrackingServiceApi api;
    private final JsonWebToken callerToken;

    public TrackingServiceClient(@RestClient TrackingServiceApi api, JsonWebToken callerToken) {
        this.api = api;
        this.callerToken = callerToken;
    }

    @Timeout(3000)
    @Retry(maxRetries = 2, delay = 100, jitter = 50, retryOn = TrackingServiceUnreachableException.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000, successThreshold = 2)
    @Bulkhead(64)
    public Answer create(JsonNode shipment) {
        return call(() -> api.create(bearer(), shipment));
    }

    @Timeout(2000)
    @Retry(maxRetries = 2, delay = 100, jitter = 50)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000, successThreshold = 2)
    @Bulkhead(64)
    public Answer get(String trackingNumber) {
        return call(() -> api.get(bearer(), trackingNumber));
    }

    @Timeout(2000)
    @Retry(maxRetries = 2, delay = 100, jitter = 50)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000, successThreshold = 2)
    @Bulkhead(64)
    public Answer events(String trackingNumber) {
        return call(() -> api.events(bearer(), trackingNumber));
    }

    @Timeout(3000)
    @Retry(maxRetries = 2, delay = 100, jitter = 50)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000, successThreshold = 2)
    @Bulkhead(64)
    public Answer cancel(String trackingNumber) {
        return call(() -> api.cancel(bearer(), trackingNumber));
    }

    @Timeout(3000)
    @Retry(maxRetries = 2, delay = 100, jitter = 50)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000, successThreshold = 2)
    @Bulkhead(64)
    public Answer list(String reference, String status, String createdFrom, String createdTo, String cursor, Integer limit) {
        return call(() -> api.list(bearer(), reference, status, createdFrom, createdTo, cursor, limit));
    }

    /** The partner's own verified token, passed on unchanged: tracking-service derives the tenant from it. */
    private String bearer() {
        return "Bearer " + callerToken.getRawToken();
    }

    private static Answer call(Supplier<Response> request) {
        Response response;
        try {
            response = request.get();
        } catch (ProcessingException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof ConnectException) {
                    throw new TrackingServiceUnreachableException();
                }
            }
            throw e;
        }
        try (response) {
            if (response.getStatus() >= 500) {
                throw new TrackingServiceUnavailableException(response.getStatus());
            }
            JsonNode body = response.hasEntity() ? response.readEntity(JsonNode.class) : null;
            return new Answer(response.getStatus(), body);
        }
    }
}
