package io.trackguard.notification.webhook;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.oidc.client.OidcClientException;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.GenericType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * A partner's webhook subscriptions, from partner-gateway, which owns them: read when an event
 * is fanned out (which subscriptions match) and again before each attempt (the URL and secret
 * may have changed, the subscription may be gone). Secrets are never stored here.
 */
@ApplicationScoped
public class Subscriptions {

    /** One subscription; {@code previousSecret} is set during a rotation's overlap. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Subscription(UUID id, String url, List<String> events, String secret, String previousSecret) {

        /** The secrets to sign with: the current one, and the previous one while it is still accepted. */
        public List<String> signingSecrets() {
            List<String> all = new ArrayList<>();
            all.add(secret);
            if (previousSecret != null && !previousSecret.isBlank()) {
                all.add(previousSecret);
            }
            return all;
        }
    }

    /** partner-gateway could not answer: try again later. */
    public static class Unavailable extends RuntimeException {
        public Unavailable(String why) {
            super(why, null, false, false);
        }
    }

    private final PartnerGatewayWebhooksApi api;

    public Subscriptions(@RestClient PartnerGatewayWebhooksApi api) {
        this.api = api;
    }

    /** The partner's subscriptions whose filter has {@code event}; all of them when event is null. */
    @Timeout(5_000)
    @Retry(maxRetries = 2, delay = 200, jitter = 150, retryOn = Unavailable.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10_000, successThreshold = 2, failOn = Unavailable.class)
    public List<Subscription> of(String partnerId, String event) {
        Response r;
        try {
            r = api.subscriptions(partnerId, event);
        } catch (ProcessingException | OidcClientException e) {
            throw new Unavailable("partner-gateway unreachable: " + e.getClass().getSimpleName());
        }
        try (r) {
            if (r.getStatus() != 200) {
                throw new Unavailable("partner-gateway answered " + r.getStatus());
            }
            return r.readEntity(new GenericType<List<Subscription>>() { });
        }
    }
}
