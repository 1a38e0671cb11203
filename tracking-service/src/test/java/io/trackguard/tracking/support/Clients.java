package io.trackguard.tracking.support;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Distinct anonymous clients for tests. The test profile trusts 127.0.0.1 as a proxy, so a
 * request that carries {@code X-Forwarded-For} comes from the address it names.
 */
public final class Clients {

    private Clients() {
    }

    /** Addresses handed out in turn from a random start, so no two tests of a run are ever the same client. */
    private static final AtomicInteger NEXT = new AtomicInteger(ThreadLocalRandom.current().nextInt(1 << 17));

    /** A fresh address from 198.18.0.0/15, the range reserved for benchmarks: unique for 131,072 calls. */
    public static String freshAddress() {
        int n = NEXT.getAndIncrement() & ((1 << 17) - 1);
        return "198." + (18 + (n >> 16)) + "." + ((n >> 8) & 0xff) + "." + (n & 0xff);
    }

    /** A fresh address for crowds of thousands, from 100.64.0.0/10 (shared address space): never one of {@link #freshAddress}. */
    public static String crowdAddress() {
        int n = NEXT_IN_CROWD.getAndIncrement() & ((1 << 22) - 1);
        return "100." + (64 + (n >> 16)) + "." + ((n >> 8) & 0xff) + "." + (n & 0xff);
    }

    private static final AtomicInteger NEXT_IN_CROWD = new AtomicInteger(ThreadLocalRandom.current().nextInt(1 << 22));

    public static RequestSpecification from(String address) {
        return given().header("X-Forwarded-For", address);
    }

    public static RequestSpecification fresh() {
        return from(freshAddress());
    }
}
