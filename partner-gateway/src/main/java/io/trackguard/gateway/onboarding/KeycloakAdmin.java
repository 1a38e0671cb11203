package io.trackguard.gateway.onboarding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trackguard.gateway.config.GatewayConfig;
import io.trackguard.gateway.partner.Partner;
import io.quarkus.oidc.client.NamedOidcClient;
import io.quarkus.oidc.client.OidcClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Partner clients in Keycloak, through its Client Registration Service. The onboarding account
 * holds only the realm-management role create-client: it can register a client (within the
 * realm's registration policies: the partner scopes, hard-coded claims and audiences), but it
 * cannot list clients or read anyone's secret. Each partner client is changed afterwards with
 * its own registration access token, which Keycloak rotates on every change: the caller stores
 * the one returned.
 *
 * <p>A partner client has the client-credentials grant only, its partner_id, name and
 * sensitivity as constant claims, the gateway's audience (never tracking-service's), and the
 * three partner scopes.
 */
@ApplicationScoped
public class KeycloakAdmin {

    /** A new client: its client id, its secret (shown once to the partner) and its registration access token (kept). */
    public record CreatedClient(String clientId, String secret, String registrationToken) {
    }

    /** How long onboarding waits for the onboarding account's token. */
    private static final Duration TOKEN_WAIT = Duration.ofSeconds(5);

    private final KeycloakAdminApi api;
    private final GatewayConfig.KeycloakAdmin config;
    private final OidcClient onboardingAccount;

    public KeycloakAdmin(@RestClient KeycloakAdminApi api, GatewayConfig gateway, @NamedOidcClient("onboarding") OidcClient onboardingAccount) {
        this.api = api;
        this.config = gateway.keycloak();
        this.onboardingAccount = onboardingAccount;
    }

    @Timeout(10_000)
    public CreatedClient createPartnerClient(String partnerId, String displayName, boolean sensitive) {
        String clientId = clientId(partnerId);
        try (Response created = api.register(bearer(), config.realm(), representation(clientId, partnerId, displayName, sensitive))) {
            if (created.getStatus() == 409 || created.getStatus() == 400 && created.readEntity(String.class).contains("exists")) {
                throw new IllegalStateException("a Keycloak client " + clientId + " exists already");
            }
            if (created.getStatus() != 201) {
                throw new IllegalStateException("Keycloak refused the client: " + created.getStatus());
            }
            JsonNode body = created.readEntity(JsonNode.class);
            return new CreatedClient(clientId, body.path("secret").asText(), body.path("registrationAccessToken").asText());
        }
    }

    /** Enables or disables the partner's client; answers the new registration access token, to be stored. */
    @Timeout(10_000)
    public String setEnabled(String partnerId, String registrationToken, boolean enabled) {
        String clientId = clientId(partnerId);
        ObjectNode client;
        try (Response read = api.read("Bearer " + registrationToken, config.realm(), clientId)) {
            if (read.getStatus() != 200) {
                throw new IllegalStateException("Keycloak did not give the client: " + read.getStatus());
            }
            client = (ObjectNode) read.readEntity(JsonNode.class);
        }
        String current = client.path("registrationAccessToken").asText(registrationToken);
        client.remove("registrationAccessToken");
        client.put("enabled", enabled);
        try (Response changed = api.update("Bearer " + current, config.realm(), clientId, client)) {
            if (changed.getStatus() != 200) {
                throw new IllegalStateException("Keycloak refused the change: " + changed.getStatus());
            }
            return changed.readEntity(JsonNode.class).path("registrationAccessToken").asText();
        }
    }

    /** Undoes a registration whose recording failed, so no client exists that no partner row knows. */
    @Timeout(10_000)
    public void deletePartnerClient(String partnerId, String registrationToken) {
        api.delete("Bearer " + registrationToken, config.realm(), clientId(partnerId)).close();
    }

    public static String clientId(String partnerId) {
        return Partner.clientIdOf(partnerId);
    }

    /** The onboarding account's client-credentials token, from quarkus-oidc-client (named client "onboarding"). */
    private String bearer() {
        return "Bearer " + onboardingAccount.getTokens().await().atMost(TOKEN_WAIT).getAccessToken();
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
