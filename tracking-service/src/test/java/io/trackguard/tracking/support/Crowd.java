package io.trackguard.tracking.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Many visitors at once: public lookups, each from an address of its own, a few in flight
 * together (as a botnet or ordinary traffic would be), through a plain HTTP client so that
 * thousands of them take seconds rather than minutes.
 */
public final class Crowd {

    /**
     * One lookup's answer, with when it was sent and received ({@link System#nanoTime()}): the
     * order in which the service handled concurrent lookups is not the order they were sent in.
     */
    public record Answer(int status, String body, long sentNanos, long receivedNanos) {
    }

    private Crowd() {
    }

    /** Looks up every number, in order, {@code inFlight} at a time; the answers in the same order. */
    public static List<Answer> lookUp(URI base, List<String> numbers, int inFlight) {
        ExecutorService pool = Executors.newFixedThreadPool(inFlight);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        try {
            List<Future<Answer>> pending = new ArrayList<>(numbers.size());
            for (String number : numbers) {
                HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/v1/track/" + number))
                        .header("X-Forwarded-For", Clients.crowdAddress()).timeout(Duration.ofSeconds(30)).GET().build();
                pending.add(pool.submit(() -> {
                    long sent = System.nanoTime();
                    HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                    return new Answer(r.statusCode(), r.body(), sent, System.nanoTime());
                }));
            }
            List<Answer> answers = new ArrayList<>(numbers.size());
            for (Future<Answer> f : pending) {
                answers.add(f.get());
            }
            return answers;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a lookup failed", e.getCause() instanceof IOException io ? io : e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
