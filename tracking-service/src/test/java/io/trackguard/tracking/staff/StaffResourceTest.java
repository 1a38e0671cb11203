package io.trackguard.tracking.staff;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.trackguard.tracking.client.Pseudonyms;
import io.trackguard.tracking.shipment.ShipmentFixtures;
import io.trackguard.tracking.support.AccessRecords;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class StaffResourceTest {

    @Inject
    ShipmentFixtures fixtures;
    @Inject
    AccessRecords records;
    @Inject
    Pseudonyms pseudonyms;

    @Test
    @TestSecurity(user = "sam.support", roles = "support")
    @OidcSecurity(claims = @Claim(key = "sub", value = "sam-subject"))
    void supportSeesTheStaffViewWithAReasonThatIsAudited() {
        String number = fixtures.create(ShipmentFixtures.SENSITIVE_PARTNER);
        given().queryParam("reason", "Customer called about a missing parcel, ticket 4711")
                .get("/api/v1/staff/shipments/" + number).then().statusCode(200)
                .body("productCategory", equalTo("cannabis"))
                .body("recipient.name", equalTo("Jane Roe"));
        List<Map<String, Object>> rows = records.where("number_hash", pseudonyms.trackingNumber(number));
        Map<String, Object> access = rows.get(rows.size() - 1);
        assertEquals("STAFF", access.get("actor_kind"));
        assertEquals("user:sam-subject", access.get("actor_id"));
        assertEquals("Customer called about a missing parcel, ticket 4711", access.get("reason"));
    }

    @Test
    @TestSecurity(user = "sam.support", roles = "support")
    void noReasonNoView() {
        String number = fixtures.create(ShipmentFixtures.OTHER_PARTNER);
        given().get("/api/v1/staff/shipments/" + number).then().statusCode(400).contentType("application/problem+json");
        given().queryParam("reason", "because").get("/api/v1/staff/shipments/" + number).then().statusCode(400);
    }

    @Test
    @TestSecurity(user = "priya.officer", roles = "privacy-officer")
    void otherRolesAreForbidden() {
        given().queryParam("reason", "Just curious about this one parcel").get("/api/v1/staff/shipments/" + ShipmentFixtures.unknownNumber())
                .then().statusCode(403);
    }
}
