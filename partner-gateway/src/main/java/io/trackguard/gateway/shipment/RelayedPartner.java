package io.trackguard.gateway.shipment;

import io.trackguard.gateway.partner.PartnerCaller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.rest.client.ext.ClientHeadersFactory;

/**
 * Names the partner to tracking-service on every call, as values from the partner's verified
 * token. tracking-service believes them only from the gateway's own account (role
 * partner-relay); the partner's token itself never leaves the gateway.
 */
@ApplicationScoped
public class RelayedPartner implements ClientHeadersFactory {

    public static final String ID_HEADER = "Trackguard-Partner-Id";
    public static final String CLIENT_HEADER = "Trackguard-Partner-Client";
    /** Percent-encoded UTF-8, as headers are ASCII. */
    public static final String NAME_HEADER = "Trackguard-Partner-Name";
    public static final String SENSITIVE_HEADER = "Trackguard-Partner-Sensitive";

    private final PartnerCaller caller;

    public RelayedPartner(PartnerCaller caller) {
        this.caller = caller;
    }

    @Override
    public MultivaluedMap<String, String> update(MultivaluedMap<String, String> incoming, MultivaluedMap<String, String> outgoing) {
        MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
        headers.putSingle(ID_HEADER, caller.partnerId());
        headers.putSingle(CLIENT_HEADER, caller.clientId());
        headers.putSingle(NAME_HEADER, URLEncoder.encode(caller.displayName(), StandardCharsets.UTF_8));
        headers.putSingle(SENSITIVE_HEADER, String.valueOf(caller.sensitive()));
        return headers;
    }
}
