package io.trackguard.tracking.support;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;
import io.trackguard.tracking.partner.PartnerCaller;
import io.trackguard.tracking.shipment.ShipmentFixtures;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Requests as partner-gateway makes them: its own identity (the test's @TestSecurity, with the
 * partner-relay role) and the partner named in the Trackguard-Partner-* headers.
 */
public final class Relayed {

    /** The test identity of partner-gateway's own account. */
    public static final String GATEWAY = "service-account-partner-gateway";

    private Relayed() {
    }

    public static RequestSpecification as(String partnerId) {
        boolean sensitive = ShipmentFixtures.SENSITIVE_PARTNER.equals(partnerId);
        String name = sensitive ? ShipmentFixtures.SENSITIVE_PARTNER_NAME
                : ShipmentFixtures.OTHER_PARTNER.equals(partnerId) ? ShipmentFixtures.OTHER_PARTNER_NAME : partnerId;
        return given().header(PartnerCaller.ID_HEADER, partnerId)
                .header(PartnerCaller.CLIENT_HEADER, "partner-" + partnerId)
                .header(PartnerCaller.NAME_HEADER, URLEncoder.encode(name, StandardCharsets.UTF_8))
                .header(PartnerCaller.SENSITIVE_HEADER, String.valueOf(sensitive));
    }
}
