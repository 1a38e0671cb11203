package io.trackguard.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trackguard.testsupport.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * tracking-service killed (SIGKILL: no shutdown, nothing flushed) in the middle of a load of
 * public lookups, then started again: every lookup a client got a 200 for has its row in the
 * audit log, found by the X-Request-Id the answer carried. The load is paced and spread over a
 * handful of numbers so that it stays below the partner's scraping signal (other tests read the
 * same partner's shipments).
 */
@ExtendWith(Stack.class)
class KilledTrackingServiceIT {

    private static final int WORKERS = 2;
    /** Answers before the kill: enough that some are always in flight when it comes. */
    private static final int ANSWERS_BEFORE_KILL = 60;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ConcurrentLinkedQueue<String> answered = new ConcurrentLinkedQueue<>();
    private final AtomicInteger failures = new AtomicInteger();
    private volatile boolean loading = true;

    @Test
    void noAnsweredLookupLosesItsRecordWhenTheServiceIsKilledUnderLoad() throws Exception {
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            numbers.add(create());
        }
        ExecutorService load = Executors.newFixedThreadPool(WORKERS);
        AtomicInteger next = new AtomicInteger();
        for (int w = 0; w < WORKERS; w++) {
            load.submit(() -> {
                while (loading) {
                    lookup(numbers.get(Math.floorMod(next.getAndIncrement(), numbers.size())));
                    Thread.sleep(20); // the pace is the point: below the partner's scraping signal
                }
                return null;
            });
        }
        try {
            Await.until(ANSWERS_BEFORE_KILL + " lookups answered before the kill", Duration.ofSeconds(120), answered::size,
                    n -> n >= ANSWERS_BEFORE_KILL);
            Stack.killService("tracking-service");
            int atKill = answered.size();
            Stack.restartService("tracking-service");
            int atRestart = answered.size();
            Await.until("20 lookups answered after the restart", Duration.ofSeconds(120), answered::size, n -> n >= atRestart + 20);
            System.out.printf("KilledTrackingServiceIT: %d answered before the kill, %d in all, %d failed while it was away%n",
                    atKill, answered.size(), failures.get());
        } finally {
            loading = false;
            load.shutdown();
            assertTrue(load.awaitTermination(30, TimeUnit.SECONDS), "the load stopped");
        }

        // the killed replica's pending entries are claimed by the new one (claim-idle 5 s here): wait for the stream to drain
        Await.until("the audit stream drained", Duration.ofSeconds(90), Duration.ofMillis(500),
                KilledTrackingServiceIT::backlog, n -> n == 0);
        Set<String> missing = new HashSet<>(answered);
        missing.removeAll(recordedRequestIds());
        assertEquals(0, missing.size(), "answered lookups without their audit record, of " + answered.size() + ", e.g. "
                + missing.stream().limit(5).toList());
    }

    /** The first calls meet cold services on a shared machine: a create the gateway timed out (503) is tried again until one is made. */
    private static String create() {
        AtomicReference<String> number = new AtomicReference<>();
        Await.until("a shipment created through the gateway", Duration.ofSeconds(60), Duration.ofSeconds(1), () -> {
            try {
                number.set(Shipments.createThroughGateway(Tokens.acme()));
                return "created";
            } catch (AssertionError e) {
                return e.getMessage();
            }
        }, "created"::equals);
        return number.get();
    }

    private void lookup(String number) throws InterruptedException {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(Stack.TRACKING + "/api/v1/track/" + number))
                    .header("X-Forwarded-For", Clients.freshAddress()).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
                answered.add(r.headers().firstValue("X-Request-Id").orElseThrow());
            }
        } catch (IOException e) {
            // the service is down: no answer, nothing to count; a pause so the load does not spin while it is away
            failures.incrementAndGet();
            Thread.sleep(200);
        }
    }

    private static long backlog() {
        String out = run("redis-cli", "-h", "127.0.0.1", "-p", "6379", "XLEN", Stack.auditStream()).strip();
        return out.isEmpty() ? 0 : Long.parseLong(out);
    }

    private static Set<String> recordedRequestIds() {
        return new HashSet<>(run("psql", "-At", "-h", "127.0.0.1", "-U", "tracking", "-d", "tracking_e2e", "-c",
                "SELECT request_id FROM access_record WHERE outcome = 'DISCLOSED' AND actor_kind = 'PUBLIC' AND request_id IS NOT NULL")
                .lines().toList());
    }

    private static String run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
