package io.trackguard.e2e;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The Keycloak admin REST API, for what a test needs and the realm must not carry. */
final class KeycloakAdmin {

    private KeycloakAdmin() {
    }

    static String adminToken() {
        return given().formParam("grant_type", "password").formParam("client_id", "admin-cli")
                .formParam("username", "admin").formParam("password", "demo-only-admin")
                .post(Stack.KEYCLOAK + "/realms/master/protocol/openid-connect/token")
                .then().statusCode(200).extract().path("access_token");
    }

    /**
     * A token of a throw-away partner client whose tokens live 2 seconds: the way to see a
     * real, correctly signed token expire without waiting five minutes.
     */
    static String shortLivedPartnerToken() {
        String clientId = "e2e-short-lived-" + UUID.randomUUID().toString().substring(0, 8);
        String secret = UUID.randomUUID().toString();
        Map<String, Object> client = Map.of(
                "clientId", clientId, "enabled", true, "publicClient", false, "secret", secret,
                "standardFlowEnabled", false, "serviceAccountsEnabled", true,
                "attributes", Map.of("access.token.lifespan", "2"),
                "defaultClientScopes", List.of("basic", "shipments:read"),
                "protocolMappers", List.of(
                        mapper("partner_id", "oidc-hardcoded-claim-mapper", Map.of("claim.name", "partner_id", "claim.value", "e2e",
                                "jsonType.label", "String", "access.token.claim", "true")),
                        mapper("aud-gateway", "oidc-audience-mapper", Map.of("included.client.audience", "trackguard-gateway", "access.token.claim", "true")),
                        mapper("aud-tracking", "oidc-audience-mapper", Map.of("included.client.audience", "trackguard-tracking", "access.token.claim", "true"))));
        given().auth().oauth2(adminToken()).contentType(ContentType.JSON).body(client)
                .post(Stack.KEYCLOAK + "/admin/realms/trackguard/clients").then().statusCode(201);
        return Tokens.fresh(clientId, secret);
    }

    private static Map<String, Object> mapper(String name, String type, Map<String, String> config) {
        return Map.of("name", name, "protocol", "openid-connect", "protocolMapper", type, "config", config);
    }
}
