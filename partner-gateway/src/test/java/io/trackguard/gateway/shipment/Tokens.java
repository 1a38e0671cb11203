package io.trackguard.gateway.shipment;

import io.smallrye.jwt.build.Jwt;
import java.time.Instant;
import java.util.Set;

/** Signed access tokens as Keycloak would mint them, from the test-only key. */
final class Tokens {

    static final String ISSUER = "urn:trackguard:test-issuer";
    static final String AUDIENCE = "trackguard-gateway";

    private Tokens() {
    }

    static String partner(String partnerId, String scope) {
        return Jwt.issuer(ISSUER).audience(Set.of(AUDIENCE, "trackguard-tracking")).subject("sa-" + partnerId)
                .claim("partner_id", partnerId).claim("scope", scope).expiresIn(300).sign();
    }

    static String partner(String partnerId) {
        return partner(partnerId, "shipments:read shipments:write webhooks:manage");
    }

    static String expired(String partnerId) {
        return Jwt.issuer(ISSUER).audience(AUDIENCE).subject("sa-" + partnerId).claim("partner_id", partnerId)
                .claim("scope", "shipments:read").issuedAt(Instant.now().minusSeconds(3600))
                .expiresAt(Instant.now().minusSeconds(1800)).sign();
    }

    static String forAudience(String partnerId, String audience) {
        return Jwt.issuer(ISSUER).audience(audience).subject("sa-" + partnerId).claim("partner_id", partnerId)
                .claim("scope", "shipments:read").expiresIn(300).sign();
    }

    static String withoutPartner() {
        return Jwt.issuer(ISSUER).audience(AUDIENCE).subject("ops").claim("scope", "shipments:read shipments:write")
                .expiresIn(300).sign();
    }
}
