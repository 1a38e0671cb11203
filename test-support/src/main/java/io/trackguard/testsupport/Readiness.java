package io.trackguard.testsupport;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** /q/health/ready as Kubernetes asks it, each answer timed: a probe stuck on a hung dependency is one more thing stuck. */
public final class Readiness {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URL ready;
    private final Duration giveUp;
    private volatile long slowest;
    private volatile String last;

    public Readiness(URL ready, Duration giveUp) {
        this.ready = ready;
        this.giveUp = giveUp;
    }

    public int status() throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(ready.toURI()).timeout(giveUp).build(), HttpResponse.BodyHandlers.ofString());
        slowest = Math.max(slowest, (System.nanoTime() - start) / 1_000_000);
        last = r.body();
        return r.statusCode();
    }

    /** Polls until readiness answers {@code status} and returns it; fails after {@code within}. */
    public int await(int status, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        int got;
        while ((got = status()) != status) {
            assertTrue(System.nanoTime() < deadline, "readiness " + status + " within " + within + ": " + last);
            Thread.sleep(200);
        }
        return got;
    }

    public long slowestMillis() {
        return slowest;
    }

    public String last() {
        return last;
    }
}
