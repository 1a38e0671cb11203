package io.trackguard.e2e;

import static io.restassured.RestAssured.given;

import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Real access tokens from the running Keycloak (client-credentials grant), and forgeries of them. */
public final class Tokens {

    /** DEMO-ONLY secrets (scripts/demo-env/keycloak.env, deploy/keycloak/demo-realm-additions.json). */
    private static final Map<String, String> SECRETS = Map.of(
            "partner-ocs", "demo-only-partner-ocs-secret",
            "partner-acme", "demo-only-partner-acme-secret",
            "carrier-operations", "demo-only-carrier-operations-secret",
            "notification-service", "demo-only-notification-service-secret",
            "platform-admin", "demo-only-platform-admin-secret",
            "partner-gateway", "demo-only-partner-gateway-secret",
            "partner-gateway-admin", "demo-only-partner-gateway-admin-secret");
    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

    private Tokens() {
    }

    /** A token for the client, reused within the run (they live 5 minutes; the suite is shorter). */
    public static String of(String clientId) {
        return CACHE.computeIfAbsent(clientId, id -> fresh(id, SECRETS.get(id)));
    }

    public static String fresh(String clientId, String secret) {
        return given().formParam("grant_type", "client_credentials").auth().preemptive().basic(clientId, secret)
                .post(Stack.ISSUER + "/protocol/openid-connect/token")
                .then().statusCode(200).extract().path("access_token");
    }

    public static String ocs() {
        return of("partner-ocs");
    }

    public static String acme() {
        return of("partner-acme");
    }

    public static String operations() {
        return of("carrier-operations");
    }

    /** partner-gateway's own account (role partner-relay), the only caller of tracking-service's partner API. */
    public static String gateway() {
        return of("partner-gateway");
    }

    /** The same claims with one signature byte changed. */
    public static String tampered(String token) {
        int dot = token.lastIndexOf('.');
        char c = token.charAt(dot + 5);
        return token.substring(0, dot + 5) + (c == 'A' ? 'B' : 'A') + token.substring(dot + 6);
    }

    /** The same claims, unsigned, with {"alg":"none"}. */
    public static String algNone(String token) {
        String header = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes());
        return header + "." + token.split("\\.")[1] + ".";
    }

    /** Claims of the token, decoded without verification, for assertions. */
    public static String payload(String token) {
        return new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
    }
}
