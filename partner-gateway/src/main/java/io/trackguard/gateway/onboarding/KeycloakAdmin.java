package io.trackguard.gateway.onboarding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trackguard.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Partner clients in Keycloak, through its admin REST API with a service account that holds
 * manage-clients. A partner client has the client-credentials grant only, its partner_id,
 * name and sensitivity as constant claims, the audiences of the gateway and tracking-service,
 * and the three partner scopes.
 */
@ApplicationScoped
public class KeycloakAdmin {

    /** A new client: its Keycloak id and its secret. */
    public record CreatedClient(String id, String secret) {
    }

    private final KeycloakAdminApi api;
    private final GatewayConfig.KeycloakAdmin config;

    public KeycloakAdmin(@RestClient KeycloakAdminApi api, GatewayConfig gateway) {
        this.api = api;
        this.config = gateway.keycloak();
    }

    @Timeout(10_000)
    public CreatedClient createPartnerClient(String partnerId, String displayName, boolean sensitive) {
        String bearer = bearer();
        String clientId = clientId(partnerId);
        try (Response created = api.createClient(bearer, config.realm(), representation(clientId, partnerId, displayName, sensitive))) {
            if (created.getStatus() == 409) {
                throw new IllegalStateException("a Keycloak client " + clientId + " exists already");
            }
            if (created.getStatus() != 201) {
                throw new IllegalStateException("Keycloak refused the client: " + created.getStatus());
            }
        }
        String id = idOf(bearer, clientId);
        String secret = api.clientSecret(bearer, config.realm(), id).path("value").asText();
        return new CreatedClient(id, secret);
    }

    @Timeout(10_000)
    public void setEnabled(String partnerId, boolean enabled) {
        String bearer = bearer();
        ObjectNode change = JsonNodeFactory.instance.objectNode().put("enabled", enabled);
        try (Response r = api.updateClient(bearer, config.realm(), idOf(bearer, clientId(partnerId)), change)) {
            if (r.getStatus() != 204) {
                throw new IllegalStateException("Keycloak refused the change: " + r.getStatus());
            }
        }
    }

    /** Undoes a creation whose recording failed, so no client exists that no partner row knows. */
    @Timeout(10_000)
    public void deletePartnerClient(String partnerId) {
        String bearer = bearer();
        api.deleteClient(bearer, config.realm(), idOf(bearer, clientId(partnerId))).close();
    }

    public static String clientId(String partnerId) {
        return "partner-" + partnerId;
    }

    private String idOf(String bearer, String clientId) {
        JsonNode found = api.findClients(bearer, config.realm(), clientId);
        if (!found.isArray() || found.isEmpty()) {
            throw new IllegalStateException("no Keycloak client " + clientId);
        }
        return found.get(0).path("id").asText();
    }

    private String bearer() {
        return "Bearer " + api.token(config.realm(), "client_credentials", config.clientId(), config.clientSecret()).path("access_token").asText();
    }

    private static ObjectNode representation(String clientId, String partnerId, String displayName, boolean sensitive) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode client = f.objectNode()
                .put("clientId", clientId).put("name", displayName + " (partner retailer)").put("enabled", true)
                .put("publicClient", false).put("clientAuthenticatorType", "client-secret")
                .put("standardFlowEnabled", false).put("implicitFlowEnabled", false).put("directAccessGrantsEnabled", false)
                .put("serviceAccountsEnabled", true).put("protocol", "openid-connect");
        client.putObject("attributes").put("access.token.lifespan", "300");
        ArrayNode scopes = client.putArray("defaultClientScopes");
        List.of("basic", "roles", "shipments:read", "shipments:write", "webhooks:manage").forEach(scopes::add);
        client.putArray("optionalClientScopes");
        ArrayNode mappers = client.putArray("protocolMappers");
        mappers.add(claim("partner_id", partnerId, "String"));
        mappers.add(claim("partner_name", displayName, "String"));
        mappers.add(claim("partner_sensitive", String.valueOf(sensitive), "boolean"));
        mappers.add(audience("audience-gateway", "trackguard-gateway"));
        mappers.add(audience("audience-tracking", "trackguard-tracking"));
        return client;
    }

    private static ObjectNode claim(String name, String value, String type) {
        ObjectNode m = JsonNodeFactory.instance.objectNode().put("name", name).put("protocol", "openid-connect")
                .put("protocolMapper", "oidc-hardcoded-claim-mapper");
        m.putObject("config").put("claim.name", name).put("claim.value", value).put("jsonType.label", type)
                .put("access.token.claim", "true").put("id.token.claim", "false").put("introspection.token.claim", "true");
        return m;
    }

    private static ObjectNode audience(String name, String target) {
        ObjectNode m = JsonNodeFactory.instance.objectNode().put("name", name).put("protocol", "openid-connect")
                .put("protocolMapper", "oidc-audience-mapper");
        m.putObject("config").put("included.client.audience", target).put("access.token.claim", "true").put("id.token.claim", "false");
        return m;
    }
}
