package io.trackguard.notification.webhook;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamCommands;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trackguard.notification.support.Mailbox;
import io.trackguard.notification.support.Receiver;
import io.trackguard.notification.support.StandIns;
import io.trackguard.testsupport.Await;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Not a test: the measurement of bench/webhooks.sh (tag "bench", left out of normal runs).
 * N shipment events are written to the stream as tracking-service's relay writes them, each
 * carrying the time it was written; the HTTPS receiver records when each arrived. Prints
 * deliveries per second and the delay from stream to endpoint (p50, p99), and writes them to
 * target/bench-webhooks.txt. Nothing is asserted beyond every event arriving.
 */
@QuarkusTest
@Tag("bench")
@QuarkusTestResource(value = StandIns.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = Mailbox.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = Receiver.class, restrictToAnnotatedClass = true)
class WebhookThroughputBench {

    private static final Pattern SENT = Pattern.compile("\"sentNanos\":(\\d+)");

    @Inject
    RedisDataSource redis;
    @ConfigProperty(name = "trackguard.webhooks.stream")
    String stream;

    @Test
    void deliver() throws Exception {
        int events = Integer.getInteger("bench.events", 10_000);
        int partners = Integer.getInteger("bench.partners", 10);
        List<String> ids = new ArrayList<>();
        for (int p = 0; p < partners; p++) {
            String partner = "bench-" + p + "-" + UUID.randomUUID().toString().substring(0, 6);
            ids.add(partner);
            StandIns.subscription(partner, UUID.randomUUID(), Receiver.url("/bench/" + p), List.of("shipment.in_transit"),
                    "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]), null);
        }
        Receiver.REQUESTS.clear();
        StreamCommands<String, String, String> streams = redis.stream(String.class);
        long origin = System.nanoTime();
        Instant start = Instant.now();
        for (int i = 0; i < events; i++) {
            String partner = ids.get(i % partners);
            long sent = System.nanoTime() - origin;
            String body = "{\"type\":\"shipment.in_transit\",\"timestamp\":\"" + Instant.now() + "\",\"data\":{\"trackingNumber\":\"B"
                    + i + "\",\"sentNanos\":" + sent + "}}";
            streams.xadd(stream, Map.of("id", UUID.randomUUID().toString(), "type", "shipment.in_transit", "partner", partner,
                    "shipment", "bench-ship-" + i, "occurredAt", Instant.now().toString(), "payload", body));
        }
        Instant written = Instant.now();
        Await.until("every event delivered", Duration.ofMinutes(15), () -> Receiver.REQUESTS.size(), n -> n >= events);

        List<Long> delays = new ArrayList<>();
        Instant last = start;
        List<Receiver.Request> arrived;
        synchronized (Receiver.REQUESTS) {
            arrived = new ArrayList<>(Receiver.REQUESTS);
        }
        for (Receiver.Request r : arrived) {
            Matcher m = SENT.matcher(r.body());
            if (m.find()) {
                long sentAt = Long.parseLong(m.group(1));
                long arrivedAt = Duration.between(start, r.at()).toNanos();
                delays.add(Math.max(0, arrivedAt - sentAt) / 1_000_000);
                last = r.at().isAfter(last) ? r.at() : last;
            }
        }
        Collections.sort(delays);
        double seconds = Duration.between(start, last).toMillis() / 1000.0;
        String report = String.format("""
                events: %d to %d partners' endpoints (HTTPS, loopback), written in %.1f s
                delivered: %d in %.1f s from the first write: %.0f deliveries/s
                delay stream -> endpoint: p50 %d ms, p99 %d ms, max %d ms
                """, events, partners, Duration.between(start, written).toMillis() / 1000.0, delays.size(), seconds,
                delays.size() / seconds, delays.get(delays.size() / 2), delays.get((int) (delays.size() * 0.99)),
                delays.get(delays.size() - 1));
        System.out.println(report);
        Files.writeString(Path.of("target", "bench-webhooks.txt"), report);
    }
}
