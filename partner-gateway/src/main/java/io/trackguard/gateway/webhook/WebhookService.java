package io.trackguard.gateway.webhook;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.trackguard.gateway.config.GatewayConfig;
import io.trackguard.gateway.sealing.SecretBox;
import io.trackguard.problem.Problem;
import io.trackguard.problem.ProblemException;
import io.trackguard.webhook.targets.WebhookTargets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** A partner's webhook subscriptions: its own only, https only, never to our own network, the secret shown once. */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRED)
public class WebhookService {

    public static final Set<String> EVENTS = Set.of("shipment.created", "shipment.accepted", "shipment.in_transit",
            "shipment.out_for_delivery", "shipment.delivered", "shipment.cancelled", "shipment.exception", "incident.notice");
    static final int MAX_PER_PARTNER = 20;

    /**
     * A subscription as its partner sees it; {@code secret} only right after creation or rotation.
     * {@code previousSecret}: for notification-service only, during a rotation's overlap.
     */
    @RegisterForReflection
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record View(UUID id, String url, List<String> events, Instant createdAt, Instant secretRotatedAt, String secret,
                       String previousSecret, Delivery delivery) {

        View withDelivery(Delivery d) {
            return new View(id, url, events, createdAt, secretRotatedAt, secret, previousSecret, d);
        }
    }

    /**
     * How deliveries to a subscription's endpoint go, as notification-service (which sends them)
     * knows it: {@code ACTIVE}, {@code FAILING} (no success since {@code failingSince}; disabled
     * after 3 days of it), {@code DISABLED} (410 Gone, or failing too long: nothing is sent until
     * the partner enables it again), or {@code UNKNOWN} when that cannot be asked just now.
     */
    @RegisterForReflection
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record Delivery(String state, Instant failingSince, Instant disabledAt, String disabledReason) {

        public static final Delivery ACTIVE = new Delivery("ACTIVE", null, null, null);
        public static final Delivery UNKNOWN = new Delivery("UNKNOWN", null, null, null);

        static Delivery of(Instant failingSince, Instant disabledAt, String disabledReason) {
            if (disabledAt != null) {
                return new Delivery("DISABLED", failingSince, disabledAt, disabledReason);
            }
            return failingSince != null ? new Delivery("FAILING", failingSince, null, null) : ACTIVE;
        }
    }

    private final SecretBox secrets;
    private final GatewayConfig config;
    private final WebhookTargets targets = new WebhookTargets(WebhookTargets.SYSTEM);

    public WebhookService(SecretBox secrets, GatewayConfig config) {
        this.secrets = secrets;
        this.config = config;
    }

    public View create(String partnerId, String url, List<String> events) {
        URI target = validUrl(url);
        List<String> filter = validEvents(events);
        if (WebhookSubscription.count("partnerId", partnerId) >= MAX_PER_PARTNER) {
            throw invalid("You have " + MAX_PER_PARTNER + " subscriptions, the most there can be; delete one first.");
        }
        String secret = secrets.newSecret();
        WebhookSubscription s = new WebhookSubscription();
        s.id = UUID.randomUUID();
        s.partnerId = partnerId;
        s.url = target.toString();
        s.events = filter.toArray(String[]::new);
        s.secretCiphertext = secrets.seal(secret);
        s.createdAt = Instant.now();
        s.secretRotatedAt = s.createdAt;
        s.persist();
        return view(s, secret);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<View> list(String partnerId) {
        return WebhookSubscription.<WebhookSubscription>list("partnerId = ?1 order by createdAt", partnerId).stream()
                .map(s -> view(s, null)).toList();
    }

    /** Whether the subscription is the partner's. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean owns(String partnerId, UUID id) {
        return WebhookSubscription.count("id = ?1 and partnerId = ?2", id, partnerId) == 1;
    }

    public boolean delete(String partnerId, UUID id) {
        return WebhookSubscription.delete("id = ?1 and partnerId = ?2", id, partnerId) == 1;
    }

    public Optional<View> rotate(String partnerId, UUID id) {
        return WebhookSubscription.<WebhookSubscription>find("id = ?1 and partnerId = ?2", id, partnerId).firstResultOptional()
                .map(s -> {
                    String secret = secrets.newSecret();
                    // the secret it replaces still signs for the overlap, so the partner can switch without losing a delivery
                    s.previousSecretCiphertext = s.secretCiphertext;
                    s.secretRotatedAt = Instant.now();
                    s.previousSecretUntil = s.secretRotatedAt.plus(config.webhookRotationOverlap());
                    s.secretCiphertext = secrets.seal(secret);
                    return view(s, secret);
                });
    }

    /** For notification-service: the subscriptions of a partner for an event, with their secrets. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<View> forDelivery(String partnerId, String event) {
        return WebhookSubscription.<WebhookSubscription>list("partnerId", partnerId).stream()
                .filter(s -> event == null || Arrays.asList(s.events).contains(event))
                .map(s -> {
                    boolean overlap = s.previousSecretCiphertext != null && s.previousSecretUntil != null
                            && Instant.now().isBefore(s.previousSecretUntil);
                    return new View(s.id, s.url, List.of(s.events), s.createdAt, s.secretRotatedAt, secrets.open(s.secretCiphertext),
                            overlap ? secrets.open(s.previousSecretCiphertext) : null, null);
                }).toList();
    }

    private URI validUrl(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException | NullPointerException e) {
            throw invalid("url: an absolute https URL");
        }
        if (uri.getHost() == null || uri.getUserInfo() != null || uri.getFragment() != null || url.length() > 2000) {
            throw invalid("url: an absolute https URL, without credentials or fragment");
        }
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        boolean localHttp = "http".equalsIgnoreCase(uri.getScheme()) && config.allowHttpLoopbackWebhooks() && loopback(uri.getHost());
        if (!https && !localHttp) {
            throw invalid("url: webhooks are delivered over https only");
        }
        // SSRF: nothing of our own network or machine (loopback only where the local stack and tests allow it)
        targets.refusal(uri.getHost(), config.allowHttpLoopbackWebhooks()).ifPresent(why -> {
            throw invalid("url: webhooks cannot be delivered to " + why);
        });
        return uri;
    }

    private static boolean loopback(String host) {
        if ("localhost".equalsIgnoreCase(host)) {
            return true;
        }
        String literal = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (!literal.matches("[0-9.]+|[0-9A-Fa-f:]+")) {
            return false; // a name: never resolved here
        }
        try {
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private static List<String> validEvents(List<String> events) {
        if (events == null || events.isEmpty()) {
            return EVENTS.stream().sorted().toList();
        }
        for (String e : events) {
            if (!EVENTS.contains(e)) {
                throw invalid("events: any of " + EVENTS.stream().sorted().toList());
            }
        }
        return events.stream().distinct().sorted().toList();
    }

    private static View view(WebhookSubscription s, String secret) {
        return new View(s.id, s.url, List.of(s.events), s.createdAt, s.secretRotatedAt, secret, null, null);
    }

    private static ProblemException invalid(String detail) {
        return new ProblemException(Problem.typed("invalid-request", 400, "Invalid request", detail));
    }
}
