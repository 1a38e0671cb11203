package io.trackguard.gateway.shipment;

import io.smallrye.jwt.build.Jwt;
import java.time.Instant;

/** Signed access tokens as Keycloak would mint them, from the test-only key. */
public final class Tokens {

    static final String ISSUER = "urn:trackguard:test-issuer";
    static final String AUDIENCE = "trackguard-gateway";

    private Tokens() {
    }

    /** A partner's token: the gateway's audience only, its own client (azp partner-<id>), its id, name and sensitivity. */
    static String partner(String partnerId, String scope) {
        return Jwt.issuer(ISSUER).audience(AUDIENCE).subject("sa-" + partnerId).claim("azp", "partner-" + partnerId)
                .claim("partner_id", partnerId).claim("partner_name", "ocs".equals(partnerId) ? "Ontario Cannabis Retail" : "Société " + partnerId)
                .claim("partner_sensitive", "ocs".equals(partnerId)).claim("scope", scope).expiresIn(300).sign();
    }

    /** A token of some other client that carries a partner's id (registered with a stolen onboarding secret, say). */
    public static String fromAnotherClientForTests() {
        return fromAnotherClient("ocs");
    }

    static String fromAnotherClient(String partnerId) {
        return Jwt.issuer(ISSUER).audience(AUDIENCE).subject("sa-evil").claim("azp", "evil-client")
                .claim("partner_id", partnerId).claim("scope", "shipments:read shipments:write webhooks:manage").expiresIn(300).sign();
    }

    public static String partner(String partnerId) {
        return partner(partnerId, "shipments:read shipments:write webhooks:manage");
    }

    static String expired(String partnerId) {
        return Jwt.issuer(ISSUER).audience(AUDIENCE).subject("sa-" + partnerId).claim("azp", "partner-" + partnerId).claim("partner_id", partnerId)
                .claim("scope", "shipments:read").issuedAt(Instant.now().minusSeconds(3600))
                .expiresAt(Instant.now().minusSeconds(1800)).sign();
    }

    static String forAudience(String partnerId, String audience) {
        return Jwt.issuer(ISSUER).audience(audience).subject("sa-" + partnerId).claim("azp", "partner-" + partnerId)
                .claim("partner_id", partnerId).claim("scope", "shipments:read").expiresIn(300).sign();
    }

    static String withoutPartner() {
        return Jwt.issuer(ISSUER).audience(AUDIENCE).subject("ops").claim("scope", "shipments:read shipments:write")
                .expiresIn(300).sign();
    }
}
