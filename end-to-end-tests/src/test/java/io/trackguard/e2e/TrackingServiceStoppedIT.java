package io.trackguard.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** With the real tracking-service stopped, partners get a 503 problem with Retry-After, then service again. */
@ExtendWith(Stack.class)
class TrackingServiceStoppedIT {

    @Test
    void theGatewayAnswers503WhileTrackingServiceIsDownAndRecoversAfter() throws Exception {
        String number = Shipments.createThroughGateway(Tokens.ocs());
        Stack.stopService("tracking-service");
        try {
            given().auth().oauth2(Tokens.ocs()).get(Stack.GATEWAY + "/api/v1/shipments/" + number)
                    .then().statusCode(503).header("Retry-After", notNullValue()).contentType("application/problem+json")
                    .body("type", equalTo("urn:trackguard:problem:tracking-unavailable"));
            given().auth().oauth2(Tokens.ocs()).contentType(ContentType.JSON).header("Idempotency-Key", "down-" + number)
                    .body(Shipments.body("ORD-DOWN-" + number))
                    .post(Stack.GATEWAY + "/api/v1/shipments")
                    .then().statusCode(503).header("Retry-After", notNullValue());
        } finally {
            Stack.restartService("tracking-service");
        }
        // the breaker may still be open for its delay: wait on the condition, bounded
        long deadline = System.currentTimeMillis() + 30_000;
        int status = 0;
        while (System.currentTimeMillis() < deadline && status != 200) {
            status = given().auth().oauth2(Tokens.ocs()).get(Stack.GATEWAY + "/api/v1/shipments/" + number).statusCode();
            if (status != 200) {
                Thread.sleep(500);
            }
        }
        given().auth().oauth2(Tokens.ocs()).get(Stack.GATEWAY + "/api/v1/shipments/" + number)
                .then().statusCode(200).body("trackingNumber", equalTo(number));
    }
}
