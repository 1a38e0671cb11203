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
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Calls tracking-service with the gateway's own identity, on behalf of the current partner, and
 * owns the fault tolerance. Answers below
 * 500 (a 404 included) are answers, not failures; 5xx, timeouts and refused connections are
 * failures and open the breaker. Reads and cancels (idempotent) are retried with jitter; a
 * create only when the connection was refused, since then it surely never arrived. A create
 * whose outcome is unknown is settled by the partner's retry with the same Idempotency-Key.
 *
 * <p>Every call has a timeout, retries, a circuit breaker and a bulkhead, declared once on the
 * class; their values are in application.properties ("Fault tolerance of the tracking-service
 * client"), the one place to tune them. Only what differs is said on a method: reads have a
 * timeout of their own, and a create or a link is retried only when it surely never arrived.
 */
@ApplicationScoped
@Timeout
@Retry
@CircuitBreaker
@Bulkhead
public class TrackingServiceClient {

    /**
     * What tracking-service said: its status, its JSON body, and the partner it says owns the
     * answer (Trackguard-Partner-Id) where the body does not say (events).
     */
    public record Answer(int status, JsonNode body, String owner) {
        public Answer(int status, JsonNode body) {
            this(status, body, null);
        }
    }

    private final TrackingServiceApi api;

    public TrackingServiceClient(@RestClient TrackingServiceApi api) {
        this.api = api;
    }

    @Retry(retryOn = TrackingServiceUnreachableException.class)
    public Answer create(JsonNode shipment) {
        return call(() -> api.create(shipment));
    }

    @Timeout
    public Answer get(String trackingNumber) {
        return call(() -> api.get(trackingNumber));
    }

    @Timeout
    public Answer events(String trackingNumber) {
        return call(() -> api.events(trackingNumber));
    }

    public Answer cancel(String trackingNumber) {
        return call(() -> api.cancel(trackingNumber));
    }

    public Answer list(String reference, String status, String createdFrom, String createdTo, String cursor, Integer limit) {
        return call(() -> api.list(reference, status, createdFrom, createdTo, cursor, limit));
    }

    /** A one-time recipient link: minted by tracking-service, so a timeout is not retried (a second link would be minted). */
    @Retry(retryOn = TrackingServiceUnreachableException.class)
    public Answer recipientLink(String trackingNumber) {
        return call(() -> api.recipientLink(trackingNumber));
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
            return new Answer(response.getStatus(), body, response.getHeaderString(RelayedPartner.ID_HEADER));
        }
    }
}
