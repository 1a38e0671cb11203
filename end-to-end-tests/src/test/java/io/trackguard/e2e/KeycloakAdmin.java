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
     * real, correctly signed token expire without waiting five minutes. The partner has no record
     * in partner-gateway (so it is on the standard plan) and may only read.
     */
    static String shortLivedPartnerToken() {
        return partnerToken(2, List.of("trackguard-gateway"));
    }

    /**
     * A token of a new partner client, made by the realm's administrator (not by onboarding), with
     * the given lifespan and audiences: a partner of no record, or one whose token a careless
     * administrator also addressed to tracking-service.
     */
    static String partnerToken(int lifespanSeconds, List<String> audiences) {
        String partnerId = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
        String clientId = "partner-" + partnerId;
        String secret = UUID.randomUUID().toString();
        List<Map<String, Object>> mappers = new java.util.ArrayList<>();
        mappers.add(mapper("partner_id", "oidc-hardcoded-claim-mapper", Map.of("claim.name", "partner_id", "claim.value", partnerId,
                "jsonType.label", "String", "access.token.claim", "true")));
        for (String audience : audiences) {
            mappers.add(mapper("aud-" + audience, "oidc-audience-mapper", Map.of("included.client.audience", audience, "access.token.claim", "true")));
        }
        Map<String, Object> client = Map.of(
                "clientId", clientId, "enabled", true, "publicClient", false, "secret", secret,
                "standardFlowEnabled", false, "serviceAccountsEnabled", true,
                "attributes", Map.of("access.token.lifespan", String.valueOf(lifespanSeconds)),
                "defaultClientScopes", List.of("basic", "shipments:read"),
                "protocolMappers", mappers);
        given().auth().oauth2(adminToken()).contentType(ContentType.JSON).body(client)
                .post(Stack.KEYCLOAK + "/admin/realms/trackguard/clients").then().statusCode(201);
        return Tokens.fresh(clientId, secret);
    }

    /** The Keycloak id of a client, as the realm's administrator sees it. */
    static String clientUuid(String clientId) {
        return given().auth().oauth2(adminToken()).queryParam("clientId", clientId)
                .get(Stack.KEYCLOAK + "/admin/realms/trackguard/clients").then().statusCode(200).extract().path("[0].id");
    }

    private static Map<String, Object> mapper(String name, String type, Map<String, String> config) {
        return Map.of("name", name, "protocol", "openid-connect", "protocolMapper", type, "config", config);
    }
}
