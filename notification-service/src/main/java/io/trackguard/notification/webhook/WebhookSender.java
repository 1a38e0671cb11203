package io.trackguard.notification.webhook;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.trackguard.notification.work.Workers;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

/**
 * Turns webhook events into deliveries (one per matching subscription, read from
 * partner-gateway) and sends what is due: Standard Webhooks headers, the same webhook-id on
 * every attempt, only 2xx a success; 410 disables the endpoint; 429/503 Retry-After is
 * honoured; otherwise the retry schedule, then given up. An endpoint failing for
 * disable-after is disabled and its partner told ({@link EndpointNotices}). At most
 * concurrency sends at once, per-endpoint-concurrency to one endpoint.
 */
@ApplicationScoped
public class WebhookSender {

    private static final Logger LOG = Logger.getLogger(WebhookSender.class);
    /** The scheduler's name of the poll (tests pause it to stage a crash). */
    public static final String JOB = "webhook-deliveries";

    private final DeliveryStore store;
    private final RecordedStream recorded;
    private final Subscriptions subscriptions;
    private final WebhookClient client;
    private final WebhookConfig config;
    private final RetrySchedule schedule;
    private final EndpointNotices notices;
    private final ManagedExecutor executor;
    private final MeterRegistry metrics;
    private final Map<UUID, Semaphore> perEndpoint = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();

    public WebhookSender(DeliveryStore store, RecordedStream recorded, Subscriptions subscriptions, WebhookClient client, WebhookConfig config,
                         EndpointNotices notices, Workers workers, MeterRegistry metrics) {
        this.store = store;
        this.recorded = recorded;
        this.subscriptions = subscriptions;
        this.client = client;
        this.config = config;
        this.schedule = new RetrySchedule(config);
        this.notices = notices;
        this.executor = workers.executor();
        this.metrics = metrics;
    }

    @Scheduled(identity = JOB, every = "${trackguard.webhooks.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "1s")
    void poll() {
        drain();
    }

    /** New events arrived: a pass now rather than at the next poll. */
    void wake() {
        executor.runAsync(this::drain);
    }

    /**
     * Fans out what arrived and sends what is due; answers how many attempts were made, or -1
     * when a pass was already running (it takes another look before it ends). One pass at a time per replica.
     */
    public int drain() {
        if (!running.compareAndSet(false, true)) {
            again.set(true);
            return -1;
        }
        int attempts = 0;
        try {
            do {
                again.set(false);
                // one batch fanned out, one batch sent, in turn: a burst of events is not all fanned out before the first is sent
                boolean more = true;
                while (more) {
                    int fanned = fanOut();
                    List<DeliveryStore.Claimed> batch = store.claim(config.batchSize(), config.lease());
                    deliver(batch);
                    attempts += batch.size();
                    more = fanned > 0 || !batch.isEmpty();
                }
            } while (again.get());
        } catch (DeliveryStore.Failed e) {
            // logged by the store (operation, SQLState, time); this pass ends, the next poll tries again
            LOG.debugf("webhook delivery pass skipped: the store's %s failed", e.operation());
        } catch (RuntimeException e) {
            LOG.warnf("webhook delivery stopped for now: %s", e.getClass().getSimpleName());
        } finally {
            running.set(false);
        }
        return attempts;
    }

    /**
     * Writes the deliveries of one batch of events; answers how many events (0 when another replica
     * is fanning out). The partner's subscriptions are read once per partner and type in a batch.
     */
    private int fanOut() {
        // a shipment's later event waits until every earlier entry of the stream is recorded (RecordedStream)
        List<DeliveryStore.Event> events = store.toFanOut(config.batchSize(), recorded.bound());
        Map<String, List<Subscriptions.Subscription>> matching = new HashMap<>();
        int n = 0;
        for (DeliveryStore.Event e : events) {
            // partner-gateway away: Unavailable ends this pass; the event waits for the next
            List<Subscriptions.Subscription> subs = matching.computeIfAbsent(e.partnerId() + "\u0000" + e.type(),
                    k -> subscriptions.of(e.partnerId(), e.type()));
            if (!store.fanOut(e, subs)) {
                return n; // another replica is fanning out
            }
            n++;
        }
        return n;
    }

    private void deliver(List<DeliveryStore.Claimed> batch) {
        if (batch.isEmpty()) {
            return;
        }
        Queue<DeliveryStore.Claimed> queue = new ConcurrentLinkedQueue<>(batch);
        Map<String, List<Subscriptions.Subscription>> byPartner = new ConcurrentHashMap<>();
        int workers = Math.min(config.concurrency(), batch.size());
        CompletableFuture<?>[] all = new CompletableFuture<?>[workers];
        for (int w = 0; w < workers; w++) {
            all[w] = executor.runAsync(() -> work(queue, byPartner));
        }
        CompletableFuture.allOf(all).join();
    }

    private void work(Queue<DeliveryStore.Claimed> queue, Map<String, List<Subscriptions.Subscription>> byPartner) {
        int misses = 0;
        DeliveryStore.Claimed d;
        while ((d = queue.poll()) != null) {
            Semaphore slot = perEndpoint.computeIfAbsent(d.subscriptionId(), k -> new Semaphore(config.perEndpointConcurrency()));
            if (!slot.tryAcquire()) {
                queue.add(d); // that endpoint is busy: take another, come back to this one
                if (++misses > queue.size()) {
                    sleep(5);
                    misses = 0;
                }
                continue;
            }
            misses = 0;
            try {
                deliverOne(d, byPartner);
            } catch (RuntimeException e) {
                // the lease brings it back
                LOG.warnf("webhook delivery %s not settled: %s", d.id(), e.getClass().getSimpleName());
            } finally {
                slot.release();
            }
        }
    }

    private void deliverOne(DeliveryStore.Claimed d, Map<String, List<Subscriptions.Subscription>> byPartner) {
        List<Subscriptions.Subscription> current;
        try {
            current = byPartner.computeIfAbsent(d.partnerId(), p -> subscriptions.of(p, null));
        } catch (RuntimeException e) {
            store.release(d, Instant.now().plusSeconds(15), "partner-gateway away: the subscription could not be read");
            return;
        }
        Optional<Subscriptions.Subscription> sub = current.stream().filter(s -> s.id().equals(d.subscriptionId())).findFirst();
        if (sub.isEmpty()) {
            store.abandon(d, "subscription deleted");
            return;
        }
        Instant at = Instant.now();
        String id = d.id().toString();
        long timestamp = at.getEpochSecond();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("webhook-id", id);
        headers.put("webhook-timestamp", Long.toString(timestamp));
        headers.put("webhook-signature", Signatures.header(id, timestamp, d.payload(), sub.get().signingSecrets()));
        long started = System.nanoTime();
        WebhookClient.Outcome outcome = client.post(sub.get().url(), headers, d.payload());
        long millis = (System.nanoTime() - started) / 1_000_000;
        metrics.counter("trackguard.webhooks.attempts", "outcome", outcome.success() ? "delivered"
                : outcome.status() == null ? "error" : String.valueOf(outcome.status() / 100 * 100)).increment();

        if (outcome.status() != null && outcome.status() == 410) {
            store.attempted(d, at, outcome, millis, Optional.empty());
            if (store.disable(d.subscriptionId(), d.partnerId(), "the endpoint answered 410 Gone")) {
                LOG.infof("webhook subscription %s disabled: 410 Gone", d.subscriptionId());
            }
            return;
        }
        Optional<Duration> retryAfter = outcome.status() != null && (outcome.status() == 429 || outcome.status() == 503)
                ? RetrySchedule.retryAfter(outcome.retryAfter(), at) : Optional.empty();
        Optional<Instant> next = outcome.success() ? Optional.empty() : schedule.next(d.attempts() + 1, at, retryAfter);
        Optional<Instant> failingSince = store.attempted(d, at, outcome, millis, next);
        if (failingSince.isPresent() && failingSince.get().isBefore(at.minus(config.disableAfter()))) {
            if (store.disable(d.subscriptionId(), d.partnerId(), "failing since " + failingSince.get())) {
                LOG.infof("webhook subscription %s disabled: failing since %s", d.subscriptionId(), failingSince.get());
                notices.disabled(d.partnerId(), d.subscriptionId(), sub.get().url(), failingSince.get());
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
