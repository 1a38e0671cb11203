package io.trackguard.gateway.shipment;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Calls tracking-service with the partner's token and owns the fault tolerance. Answers below 500 (a 404 included) are
 * answers, not failures; 5xx, timeouts and refused connections are failures and open the
 * breaker. Only reads are retried: a create is retried only once idempotency keys exist.
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
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000, successThreshold = 2)
    @Bulkhead(64)
    public Answer create(JsonNode shipment) {
        return answer(api.create(bearer(), shipment));
    }

    @Timeout(2000)
    @Retry(maxRetries = 2, delay = 100, jitter = 50)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000, successThreshold = 2)
    @Bulkhead(64)
    public Answer get(String trackingNumber) {
        return answer(api.get(bearer(), trackingNumber));
    }

    /** The partner's own verified token, passed on unchanged: tracking-service derives the tenant from it. */
    private String bearer() {
        return "Bearer " + callerToken.getRawToken();
    }

    private static Answer answer(Response response) {
        try (response) {
            if (response.getStatus() >= 500) {
                throw new TrackingServiceUnavailableException(response.getStatus());
            }
            JsonNode body = response.hasEntity() ? response.readEntity(JsonNode.class) : null;
            return new Answer(response.getStatus(), body);
        }
    }
}
