package io.trackguard.testsupport;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Requests sent without pause by a few threads while a fault test moves from phase to phase
 * (before, stopped, frozen, recovering, after), each answer kept with the phase it ended in, its
 * status, its duration, its problem type, Retry-After and X-Request-Id (to find its audit record).
 * An answer counts in the phase it ended in: one asked before a stop and answered after it is of
 * the outage. Every wait is on a count of answers, not a time: load for a phase, not seconds.
 */
public final class PhasedLoad implements AutoCloseable {

    /** {@code status} 0: no answer within the give-up time ({@code type} is then the exception's name). */
    public record Answer(String phase, String kind, int status, long millis, String type, String retryAfter, String requestId) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Duration giveUp;
    private final ExecutorService workers = Executors.newCachedThreadPool();
    private final List<String> phases = new ArrayList<>();
    private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
    private volatile String phase;
    private volatile boolean running = true;
    private volatile boolean paused;
    private final AtomicInteger inFlight = new AtomicInteger();

    /** {@code giveUp}: how long a request may wait for its answer before it is counted as none (status 0). */
    public PhasedLoad(String firstPhase, Duration giveUp) {
        this.giveUp = giveUp;
        phase(firstPhase);
    }

    /** Starts {@code threads} threads, each sending {@code request} again as soon as it is answered. */
    public void add(String kind, int threads, Supplier<HttpRequest.Builder> request) {
        add(kind, threads, 0, request);
    }

    /**
     * Starts {@code threads} threads, each sending {@code request} again {@code pauseMillis} after
     * it is answered (a pause keeps a partner within its plan's rate, so a 429 never blurs the count).
     */
    public void add(String kind, int threads, long pauseMillis, Supplier<HttpRequest.Builder> request) {
        for (int i = 0; i < threads; i++) {
            workers.submit(() -> {
                while (running) {
                    if (paused) {
                        Thread.sleep(20);
                        continue;
                    }
                    inFlight.incrementAndGet();
                    try {
                        if (!paused) {
                            send(kind, request.get());
                        }
                    } finally {
                        inFlight.decrementAndGet();
                    }
                    if (pauseMillis > 0) {
                        Thread.sleep(pauseMillis);
                    }
                }
                return null;
            });
        }
    }

    public void phase(String next) {
        phases.add(next);
        phase = next;
    }

    public String phase() {
        return phase;
    }

    /** Holds every thread before its next request and returns once no request is in flight: nobody asks until {@link #resume()}. */
    public void pause(Duration within) throws InterruptedException {
        paused = true;
        long deadline = System.nanoTime() + within.toNanos();
        while (inFlight.get() > 0) {
            assertTrue(System.nanoTime() < deadline, "within " + within + ", the requests in flight answered");
            Thread.sleep(20);
        }
    }

    public void resume() {
        paused = false;
    }

    private void send(String kind, HttpRequest.Builder request) {
        long start = System.nanoTime();
        try {
            HttpResponse<String> r = http.send(request.timeout(giveUp).build(), HttpResponse.BodyHandlers.ofString());
            String type = r.statusCode() < 300 ? null : r.body().replaceAll("(?s).*\"type\"\\s*:\\s*\"([^\"]*)\".*", "$1");
            answers.add(new Answer(phase, kind, r.statusCode(), (System.nanoTime() - start) / 1_000_000, type,
                    r.headers().firstValue("Retry-After").orElse(null), r.headers().firstValue("X-Request-Id").orElse(null)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // no answer at all within giveUp: counted as the slowest kind of failure
            answers.add(new Answer(phase, kind, 0, (System.nanoTime() - start) / 1_000_000, e.getClass().getSimpleName(), null, null));
        }
    }

    /** Waits (polling) until an answer of {@code kind} that matches ended in the current phase. */
    public void awaitAnswer(String kind, Predicate<Answer> matching, Duration within) throws InterruptedException {
        String current = phase;
        long deadline = System.nanoTime() + within.toNanos();
        while (answers.stream().noneMatch(a -> a.phase().equals(current) && a.kind().equals(kind) && matching.test(a))) {
            assertTrue(System.nanoTime() < deadline, "within " + within + ", a " + kind + " answer as expected in phase "
                    + current + ": " + counts());
            Thread.sleep(50);
        }
    }

    /**
     * Waits (polling) until the last {@code n} answers of {@code kind} in the current phase all
     * match: recovered for good, not one lucky answer (a half-open breaker lets a trial call
     * through and still refuses the calls beside it until it closes).
     */
    public void awaitSteady(String kind, Predicate<Answer> matching, int n, Duration within) throws InterruptedException {
        String current = phase;
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            List<Answer> mine = answers.stream().filter(a -> a.phase().equals(current) && a.kind().equals(kind)).toList();
            if (mine.size() >= n && mine.subList(mine.size() - n, mine.size()).stream().allMatch(matching)) {
                return;
            }
            assertTrue(System.nanoTime() < deadline, "within " + within + ", " + n + " " + kind + " answers in a row as expected in phase "
                    + current + ": " + counts());
            Thread.sleep(50);
        }
    }

    /** Waits (polling) until {@code n} answers of {@code kind} ended in the current phase: load for the phase, not a time. */
    public void awaitAnswers(String kind, int n, Duration within) throws InterruptedException {
        String current = phase;
        long deadline = System.nanoTime() + within.toNanos();
        while (answers.stream().filter(a -> a.phase().equals(current) && a.kind().equals(kind)).count() < n) {
            assertTrue(System.nanoTime() < deadline, "within " + within + ", " + n + " " + kind + " answers in phase " + current);
            Thread.sleep(50);
        }
    }

    public List<Answer> answers() {
        return List.copyOf(answers);
    }

    /** phase -> kind -> status -> count, phases in the order they came. */
    public Map<String, Map<String, Map<Integer, Long>>> counts() {
        Map<String, Map<String, Map<Integer, Long>>> out = new LinkedHashMap<>();
        for (String p : phases) {
            out.put(p, new TreeMap<>());
        }
        for (Answer a : answers) {
            out.computeIfAbsent(a.phase(), p -> new TreeMap<>()).computeIfAbsent(a.kind(), k -> new TreeMap<>())
                    .merge(a.status(), 1L, Long::sum);
        }
        return out;
    }

    public Map<Integer, Long> counts(String phase, String kind) {
        return counts().getOrDefault(phase, Map.of()).getOrDefault(kind, Map.of());
    }

    public long slowest() {
        return answers.stream().mapToLong(Answer::millis).max().orElse(0);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        workers.shutdown();
        assertTrue(workers.awaitTermination(giveUp.toSeconds() + 10, TimeUnit.SECONDS), "the load stopped");
    }
}
