package io.trackguard.tracking.client;

import io.quarkus.security.identity.SecurityIdentity;
import io.trackguard.problem.RequestIds;
import io.trackguard.tracking.partner.PartnerCaller;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.RequestScoped;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
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
    private InetAddress client;
    private List<String> networks;

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
            client = addresses.resolve(http.request().remoteAddress().hostAddress(),
                    http.request().headers().getAll("X-Forwarded-For"), http.request().headers().getAll("Forwarded"));
            addressPseudonym = pseudonyms.address(client);
        }
        return addressPseudonym;
    }

    /** The IPv6 /56 and /48 the client belongs to, as pseudonyms ({@code net56:}, {@code net48:}); none for IPv4. */
    public List<String> networkPseudonyms() {
        if (networks == null) {
            addressPseudonym();
            networks = client instanceof Inet6Address v6 ? List.of(pseudonyms.network(v6, 56), pseudonyms.network(v6, 48)) : List.of();
        }
        return networks;
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
