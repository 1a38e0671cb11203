package io.trackguard.tracking.client;

import io.quarkus.security.identity.SecurityIdentity;
import io.trackguard.problem.RequestIds;
import io.trackguard.tracking.partner.PartnerCaller;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.RequestScoped;
import java.net.InetAddress;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The caller of the current request: its address pseudonym, its token's identity, its request id. */
@RequestScoped
public class CurrentRequest {

    private final RoutingContext http;
    private final ClientAddressResolver addresses;
    private final Pseudonyms pseudonyms;
    private final SecurityIdentity identity;
    private final JsonWebToken token;
    private final PartnerCaller partner;
    private String addressPseudonym;

    public CurrentRequest(RoutingContext http, ClientAddressResolver addresses, Pseudonyms pseudonyms,
                          SecurityIdentity identity, JsonWebToken token, PartnerCaller partner) {
        this.http = http;
        this.addresses = addresses;
        this.pseudonyms = pseudonyms;
        this.identity = identity;
        this.token = token;
        this.partner = partner;
    }

    /** {@code ip:<HMAC>} of the client's address (behind trusted proxies only: the forwarded one). */
    public String addressPseudonym() {
        if (addressPseudonym == null) {
            InetAddress client = addresses.resolve(http.request().remoteAddress().hostAddress(),
                    http.request().headers().getAll("X-Forwarded-For"), http.request().headers().getAll("Forwarded"));
            addressPseudonym = pseudonyms.address(client);
        }
        return addressPseudonym;
    }

    /** An anonymous caller, known by its address pseudonym. */
    public Actor anonymous(ActorKind kind) {
        return new Actor(kind, addressPseudonym());
    }

    /**
     * A caller with a token: service accounts by client id, people by subject, and partners by their
     * own client id as partner-gateway names it (the gateway's token is only the messenger).
     */
    public Actor authenticated(ActorKind kind) {
        if (kind == ActorKind.PARTNER) {
            return new Actor(kind, "client:" + partner.clientId());
        }
        String clientId = token.getClaim("azp");
        if (kind == ActorKind.STAFF || clientId == null) {
            return new Actor(kind, "user:" + (token.getSubject() != null ? token.getSubject() : identity.getPrincipal().getName()));
        }
        return new Actor(kind, "client:" + clientId);
    }

    public String requestId() {
        return http.get(RequestIds.PROPERTY);
    }
}
