package io.trackguard.e2e;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;
import java.util.concurrent.ThreadLocalRandom;

/** Distinct anonymous visitors: the suite is tracking-service's trusted proxy (see Stack). */
final class Clients {

    private Clients() {
    }

    /** An address from 198.18.0.0/15, the range reserved for benchmarks and tests. */
    static String freshAddress() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "198." + (18 + r.nextInt(2)) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254));
    }

    static RequestSpecification fresh() {
        return given().header("X-Forwarded-For", freshAddress());
    }
}
