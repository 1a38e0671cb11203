package io.trackguard.e2e;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;

/** tracking-service's partner API called as partner-gateway calls it: its own token, the partner named in headers. */
final class Relayed {

    static final String PARTNER_HEADER = "Trackguard-Partner-Id";

    private Relayed() {
    }

    static RequestSpecification as(String partnerId) {
        return given().auth().oauth2(Tokens.gateway()).header(PARTNER_HEADER, partnerId).header("Trackguard-Partner-Client", "partner-" + partnerId);
    }
}
