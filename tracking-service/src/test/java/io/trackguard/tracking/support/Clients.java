package io.trackguard.tracking.support;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Distinct anonymous clients for tests. The test profile trusts 127.0.0.1 as a proxy, so a
 * request that carries {@code X-Forwarded-For} comes from the address it names.
 */
public final class Clients {

    private Clients() {
    }

    /** A fresh address from 198.18.0.0/15, the range reserved for benchmarks. */
    public static String freshAddress() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "198." + (18 + r.nextInt(2)) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254));
    }

    public static RequestSpecification from(String address) {
        return given().header("X-Forwarded-For", address);
    }

    public static RequestSpecification fresh() {
        return from(freshAddress());
    }
}
