package io.trackguard.e2e;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;
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
    /**
     * A cached token is asked for again when it has less than this left. Tokens live 5 minutes
     * and the whole suite runs longer (KeycloakFaultIT alone takes minutes): a token cached for the
     * run expired in the middle of it and every test after got 401s from a correct service.
     */
    static final long RENEW_BEFORE_EXPIRY_MILLIS = 60_000;

    private record Held(String token, long expiresAt) {
    }

    private static final Map<String, Held> CACHE = new ConcurrentHashMap<>();

    private Tokens() {
    }

    /** A token for the client, reused until a minute before it expires (by the token's own expires_in). */
    public static String of(String clientId) {
        return CACHE.compute(clientId, (id, held) -> {
            if (held != null && System.currentTimeMillis() < held.expiresAt() - RENEW_BEFORE_EXPIRY_MILLIS) {
                return held;
            }
            if (held != null) {
                // in the log, so a run shows how often a token cached for the whole run would have expired
                System.out.printf("Tokens: %s's cached token expires in %d s: asking for a new one%n", id,
                        (held.expiresAt() - System.currentTimeMillis()) / 1000);
            }
            return request(id, SECRETS.get(id));
        }).token();
    }

    /** A new token for one of the suite's clients, not the cached one: for a test that holds it for minutes. */
    public static String fresh(String clientId) {
        return request(clientId, SECRETS.get(clientId)).token();
    }

    public static String fresh(String clientId, String secret) {
        return request(clientId, secret).token();
    }

    private static Held request(String clientId, String secret) {
        long asked = System.currentTimeMillis();
        Response r = given().formParam("grant_type", "client_credentials").auth().preemptive().basic(clientId, secret)
                .post(Stack.ISSUER + "/protocol/openid-connect/token");
        r.then().statusCode(200);
        return new Held(r.path("access_token"), asked + 1000L * r.<Integer>path("expires_in"));
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
