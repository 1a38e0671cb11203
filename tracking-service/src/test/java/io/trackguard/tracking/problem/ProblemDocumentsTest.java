package io.trackguard.tracking.problem;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.trackguard.tracking.partner.PartnerCaller;
import io.trackguard.tracking.support.Relayed;
import org.junit.jupiter.api.Test;

/** Errors that the framework raises itself are problem documents too, with no internals. */
@QuarkusTest
class ProblemDocumentsTest {

    @Test
    void unknownPathsAre404Problems() {
        for (String path : new String[] {"/nothing-here", "/api/v1/nothing", "/q/nothing"}) {
            given().get(path).then().statusCode(404).contentType("application/problem+json")
                    .body("status", equalTo(404)).body("requestId", notNullValue());
        }
    }

    @Test
    void aWrongMethodIs405() {
        given().delete("/api/v1/track/ABC").then().statusCode(405).contentType("application/problem+json");
    }

    @Test
    @TestSecurity(user = Relayed.GATEWAY, roles = PartnerCaller.RELAY_ROLE, permissions = {"shipments:write", "shipments:read"})
    void badBodiesAre4xxProblems() {
        Relayed.as("ocs").contentType(ContentType.TEXT).body("hello").post("/api/v1/shipments")
                .then().statusCode(415).contentType("application/problem+json");
        Relayed.as("ocs").contentType(ContentType.JSON).body("{\"orderReference\": ").post("/api/v1/shipments")
                .then().statusCode(400).contentType("application/problem+json")
                .body(not(containsString("Exception"))).body(not(containsString("jackson")));
        Relayed.as("ocs").contentType(ContentType.JSON).body("[]").post("/api/v1/shipments")
                .then().statusCode(400).contentType("application/problem+json");
        Relayed.as("ocs").contentType(ContentType.JSON).post("/api/v1/shipments")
                .then().statusCode(400).contentType("application/problem+json");
        Relayed.as("ocs").contentType(ContentType.JSON).body("{\"orderReference\": \"" + "a".repeat(70_000) + "\"}").post("/api/v1/shipments")
                .then().statusCode(413).contentType("application/problem+json");
    }

    @Test
    void aCallersRequestIdIsKeptOnlyWhenHarmless() {
        Relayed.as("ocs").header("X-Request-Id", "trace-1234-abcd").get("/nothing").then()
                .header("X-Request-Id", "trace-1234-abcd").body("requestId", equalTo("trace-1234-abcd"));
        Relayed.as("ocs").header("X-Request-Id", "<script>alert(1)</script>").get("/nothing").then()
                .header("X-Request-Id", not(containsString("<")));
    }
}
