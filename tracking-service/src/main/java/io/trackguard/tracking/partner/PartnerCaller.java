package io.trackguard.tracking.partner;

import io.quarkus.security.identity.SecurityIdentity;
import io.trackguard.problem.Problem;
import io.trackguard.problem.ProblemException;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.RequestScoped;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The partner on whose behalf partner-gateway calls the partner API. Partners never call
 * tracking-service themselves: the gateway calls with its own token, which carries the
 * partner-relay role, and names the partner in the Trackguard-Partner-* headers (from the
 * partner's verified token). Those headers are believed from that role only, and the partner
 * is never taken from the body or a query parameter.
 */
@RequestScoped
public class PartnerCaller {

    /** The realm role of partner-gateway's own account, and of nothing else. */
    public static final String RELAY_ROLE = "partner-relay";
    public static final String ID_HEADER = "Trackguard-Partner-Id";
    public static final String CLIENT_HEADER = "Trackguard-Partner-Client";
    /** Percent-encoded UTF-8, as headers are ASCII. */
    public static final String NAME_HEADER = "Trackguard-Partner-Name";
    public static final String SENSITIVE_HEADER = "Trackguard-Partner-Sensitive";

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,63}");
    private static final Pattern CLIENT = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    private static final int MAX_NAME = 200;

    private final SecurityIdentity identity;
    private final RoutingContext http;

    public PartnerCaller(SecurityIdentity identity, RoutingContext http) {
        this.identity = identity;
        this.http = http;
    }

    /** The partner's id; 403 unless partner-gateway named one. */
    public String partnerId() {
        requireRelay();
        String id = http.request().getHeader(ID_HEADER);
        if (id == null || !ID.matcher(id).matches()) {
            throw new ProblemException(Problem.of(403, "Forbidden", "No partner is named for this request."));
        }
        return id;
    }

    /** The partner's own OAuth2 client: the actor of audit records and of the per-client limit. */
    public String clientId() {
        String id = partnerId();
        String client = http.request().getHeader(CLIENT_HEADER);
        return client != null && CLIENT.matcher(client).matches() ? client : "partner-" + id;
    }

    public String displayName() {
        String id = partnerId();
        String encoded = http.request().getHeader(NAME_HEADER);
        if (encoded == null || encoded.isBlank()) {
            return id;
        }
        try {
            String name = URLDecoder.decode(encoded, StandardCharsets.UTF_8).strip();
            return name.isEmpty() || name.length() > MAX_NAME || name.chars().anyMatch(Character::isISOControl) ? id : name;
        } catch (IllegalArgumentException e) {
            return id;
        }
    }

    /** A partner not said to be otherwise is treated as sensitive: the safe default. */
    public boolean sensitive() {
        partnerId();
        return !"false".equals(http.request().getHeader(SENSITIVE_HEADER));
    }

    private void requireRelay() {
        if (identity.isAnonymous() || !identity.hasRole(RELAY_ROLE)) {
            throw new ProblemException(Problem.of(403, "Forbidden",
                    "The partner API is served by partner-gateway; partners call the gateway, never tracking-service."));
        }
    }
}
