package io.trackguard.notification.partner;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.oidc.client.OidcClientException;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * A partner's attributes from partner-gateway ({@code GET /internal/v1/partners/{id}}: id,
 * displayName, sensitive, privacyContact). Unknown (404) is an answer; 5xx, timeouts and
 * refused connections are failures, retried here and again later by the outbox.
 */
@ApplicationScoped
public class PartnerDirectory {

    /** What partner-gateway says about a partner. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PartnerInfo(String id, String displayName, Boolean sensitive, String privacyContact) {
    }

    /** partner-gateway could not answer: try again later. */
    public static class Unavailable extends RuntimeException {
        public Unavailable(String why) {
            super(why, null, false, false);
        }
    }

    /** partner-gateway refused the question (401/403/other 4xx): waiting will not help; an operator or officer must act. */
    public static class Refused extends RuntimeException {
        public Refused(int status) {
            super("partner-gateway refused the lookup (" + status + ")", null, false, false);
        }
    }

    private final PartnerGatewayApi api;

    public PartnerDirectory(@RestClient PartnerGatewayApi api) {
        this.api = api;
    }

    /** The partner, or empty when partner-gateway does not know it (404). */
    @Timeout(5_000)
    @Retry(maxRetries = 2, delay = 200, jitter = 150, retryOn = Unavailable.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10_000, successThreshold = 2, failOn = Unavailable.class)
    public Optional<PartnerInfo> find(String partnerId) {
        Response r;
        try {
            r = api.partner(partnerId);
        } catch (ProcessingException | OidcClientException e) {
            throw new Unavailable("partner-gateway unreachable: " + e.getClass().getSimpleName());
        }
        try (r) {
            if (r.getStatus() == 404) {
                return Optional.empty();
            }
            if (r.getStatus() >= 400 && r.getStatus() < 500) {
                throw new Refused(r.getStatus());
            }
            if (r.getStatus() != 200) {
                throw new Unavailable("partner-gateway answered " + r.getStatus());
            }
            return Optional.of(r.readEntity(PartnerInfo.class));
        }
    }
}
