package io.trackguard.tracking.bench;

import static io.restassured.RestAssured.given;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's bare endpoint exists only in a build made with the "bench" profile
 * (bench/request-path.sh). A test build, like a production one, is built without it, so the
 * route does not exist: a deployment never answers it.
 */
@QuarkusTest
class BareEndpointAbsentTest {

    @Test
    void aNormalBuildDoesNotServeTheBenchmarkEndpoint() {
        given().get("/bench/bare").then().statusCode(404);
    }
}
