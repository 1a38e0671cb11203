package io.trackguard.notification.scope;

import io.quarkus.oidc.client.OidcClientException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Calls tracking-service and owns the fault tolerance (as partner-gateway's client does): both
 * calls are safe to repeat, so 5xx, timeouts and refused connections are retried with jitter
 * and counted by the breaker; a 4xx is an answer (never retried, never opens the breaker).
 */
@ApplicationScoped
public class TrackingServiceClient {

    private final TrackingServiceApi api;

    public TrackingServiceClient(@RestClient TrackingServiceApi api) {
        this.api = api;
    }

    /** One page of what was disclosed to an actor, or of a partner's shipments, in [from, to). */
    @Timeout(10_000)
    @Retry(maxRetries = 3, delay = 200, jitter = 150, retryOn = TrackingServiceUnavailable.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10_000, successThreshold = 2,
            failOn = TrackingServiceUnavailable.class)
    public Exposure.Page exposures(String actor, String partner, Instant from, Instant to, String cursor, int limit) {
        try (Response r = call(() -> api.exposures(actor, partner, from.toString(), to.toString(), cursor, limit))) {
            return r.readEntity(Exposure.Page.class);
        }
    }

    /** A single-use "who looked at my parcel" link for the shipment; empty if tracking-service no longer knows it. */
    @Timeout(5_000)
    @Retry(maxRetries = 2, delay = 100, jitter = 80, retryOn = TrackingServiceUnavailable.class)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 10_000, successThreshold = 2,
            failOn = TrackingServiceUnavailable.class)
    public Optional<RecipientLink> link(String trackingNumber) {
        try (Response r = call(() -> api.link(new RecipientLink.Request(trackingNumber)))) {
            return Optional.of(r.readEntity(RecipientLink.class));
        } catch (TrackingServiceRefused e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static Response call(Supplier<Response> request) {
        Response response;
        try {
            response = request.get();
        } catch (ProcessingException | OidcClientException e) {
            throw new TrackingServiceUnavailable("tracking-service unreachable: " + e.getClass().getSimpleName());
        }
        if (response.getStatus() >= 500) {
            response.close();
            throw new TrackingServiceUnavailable("tracking-service answered " + response.getStatus());
        }
        if (response.getStatus() >= 400) {
            response.close();
            throw new TrackingServiceRefused(response.getStatus());
        }
        return response;
    }
}
