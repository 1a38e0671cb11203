package io.trackguard.notification.notice;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.scheduler.Scheduled;
import io.trackguard.notification.config.NotifyConfig;
import io.trackguard.notification.partner.PartnerDirectory;
import io.trackguard.notification.scope.TrackingServiceUnavailable;
import io.trackguard.notification.work.Workers;
import io.vertx.ext.mail.SMTPException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

/**
 * Delivers the outbox. Each pass claims due notices (FOR UPDATE SKIP LOCKED, with a lease, so
 * replicas share the work and a crashed sender's notices return when its lease runs out),
 * sends them with at most delivery.concurrency at once and delivery.per-destination-concurrency
 * per mail domain, and records each outcome:
 * <ul>
 * <li>accepted by the SMTP server (250): SENT;</li>
 * <li>refused for good (5xx): BOUNCED, with the server's reply, never tried again;</li>
 * <li>refused for now (4xx), timed out, tracking-service or partner-gateway unavailable: tried
 *     again after an exponential backoff with jitter, DEAD after delivery.max-attempts;</li>
 * <li>the SMTP server unreachable: waits delivery.server-down-retry and keeps its tries;</li>
 * <li>no address can be found (a partner without privacy contact): HELD for an officer.</li>
 * </ul>
 * At least once: a crash after the server accepted a message and before SENT is recorded sends
 * it again when the lease runs out, with the same Message-ID (the idempotency key). The window
 * is the time between the server's 250 and one UPDATE, a few milliseconds.
 */
@ApplicationScoped
public class NoticeSender {

    private static final Logger LOG = Logger.getLogger(NoticeSender.class);

    private final OutboxStore store;
    private final NoticeComposer composer;
    private final ReactiveMailer mailer;
    private final NotifyConfig.Delivery config;
    private final ManagedExecutor executor;
    private final Completion completion;
    private final String replica = "sender-" + UUID.randomUUID().toString().substring(0, 8);
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private final Map<String, Semaphore> perDestination = new ConcurrentHashMap<>();
    /** Until when (epoch ms) the SMTP server is taken as away: nothing is claimed, built or minted meanwhile. */
    private volatile long mailServerAwayUntil;
    private final Counter sent;
    private final Counter bounced;
    private final Counter dead;
    private final Counter retried;

    public NoticeSender(OutboxStore store, NoticeComposer composer, ReactiveMailer mailer, NotifyConfig config, Workers workers,
                        Completion completion, MeterRegistry metrics) {
        this.store = store;
        this.composer = composer;
        this.mailer = mailer;
        this.config = config.delivery();
        this.executor = workers.executor();
        this.completion = completion;
        this.sent = counter(metrics, "SENT");
        this.bounced = counter(metrics, "BOUNCED");
        this.dead = counter(metrics, "DEAD");
        this.retried = counter(metrics, "RETRY");
    }

    private static Counter counter(MeterRegistry metrics, String outcome) {
        return Counter.builder("trackguard.notices").tag("outcome", outcome)
                .description("Notice delivery outcomes (alert on DEAD and BOUNCED)").register(metrics);
    }

    @Scheduled(every = "${trackguard.notify.delivery.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "1s")
    void poll() {
        drain();
        try {
            completion.settle();
        } catch (RuntimeException e) {
            LOG.warnf("incidents could not be marked notified: %s", e.getClass().getSimpleName());
        }
    }

    void onQueued(@Observes(during = TransactionPhase.AFTER_SUCCESS) NoticesQueued queued) {
        executor.runAsync(this::drain);
    }

    /** Delivers everything due; answers how many notices were handled. Runs once at a time per replica. */
    public int drain() {
        if (!running.compareAndSet(false, true)) {
            again.set(true); // the running pass takes another look before it ends
            return 0;
        }
        int handled = 0;
        try {
            if (System.currentTimeMillis() < mailServerAwayUntil) {
                return 0;
            }
            do {
                again.set(false);
                List<OutboxStore.Claimed> batch;
                while (!(batch = store.claim(replica, config.batchSize(), config.lease())).isEmpty()) {
                    deliver(batch);
                    handled += batch.size();
                }
            } while (again.get());
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("delivery stopped for now: %s", e.getClass().getSimpleName());
        } finally {
            running.set(false);
        }
        return handled;
    }

    /** Sends a claimed batch: at most delivery.concurrency at once, and per-destination-concurrency per mail domain. */
    private void deliver(List<OutboxStore.Claimed> batch) {
        Queue<OutboxStore.Claimed> queue = new ConcurrentLinkedQueue<>(batch);
        int workers = Math.min(config.concurrency(), batch.size());
        CompletableFuture<?>[] running = new CompletableFuture<?>[workers];
        for (int w = 0; w < workers; w++) {
            running[w] = executor.runAsync(() -> work(queue));
        }
        CompletableFuture.allOf(running).join();
    }

    private void work(Queue<OutboxStore.Claimed> queue) {
        int misses = 0;
        OutboxStore.Claimed n;
        while ((n = queue.poll()) != null) {
            Semaphore slot = perDestination.computeIfAbsent(n.destination() == null ? "" : n.destination(),
                    d -> new Semaphore(config.perDestinationConcurrency()));
            if (!slot.tryAcquire()) {
                queue.add(n); // that destination is busy: take another, come back to this one
                if (++misses > queue.size()) {
                    sleep(5);
                    misses = 0;
                }
                continue;
            }
            misses = 0;
            try {
                deliverOne(n);
            } finally {
                slot.release();
            }
        }
    }

    private void deliverOne(OutboxStore.Claimed n) {
        try {
            if (System.currentTimeMillis() < mailServerAwayUntil) {
                // another send of this batch just found the server away: no links minted for a message that cannot go
                store.serverDown(n, Instant.ofEpochMilli(mailServerAwayUntil), "the mail server could not be reached");
                return;
            }
            NoticeComposer.Composed composed;
            try {
                composed = composer.compose(n);
            } catch (NoticeComposer.NotReady e) {
                if (e.held) {
                    store.held(n, e.getMessage());
                } else {
                    failed(n, e.getMessage());
                }
                return;
            } catch (RuntimeException e) {
                failed(n, "the notice could not be prepared: " + describe(e));
                return;
            }
            if (composed.foundAddress() != null) {
                store.addressed(n, composed.foundAddress());
            }
            try {
                mailer.send(composed.mail()).await().atMost(config.sendTimeout());
            } catch (RuntimeException e) {
                smtpFailure(n, e);
                return;
            }
            if (store.sent(n, composed.subject())) {
                sent.increment();
            } else {
                LOG.warnf("notice %s was sent but its lease had run out: another sender may send it again", n.id());
            }
        } catch (SQLException e) {
            // The outcome could not be recorded: the lease runs out and the notice is tried again (at least once).
            LOG.warnf("notice %s: outcome not recorded (%s)", n.id(), e.getSQLState());
        }
    }

    private void smtpFailure(OutboxStore.Claimed n, RuntimeException e) throws SQLException {
        SMTPException smtp = find(e, SMTPException.class);
        if (smtp != null && smtp.isPermanent()) {
            // The reply may quote the address: it is kept on the notice for the officer, never logged.
            store.bounced(n, "refused by the mail server: " + smtp.getReplyCode() + " " + firstLine(smtp.getReplyMessage()));
            bounced.increment();
            LOG.infof("notice %s refused by the mail server (%d)", n.id(), smtp.getReplyCode());
            return;
        }
        if (smtp == null && unreachable(e)) {
            Instant retry = Instant.now().plus(config.serverDownRetry());
            mailServerAwayUntil = retry.toEpochMilli();
            store.serverDown(n, retry, "the mail server could not be reached");
            LOG.warnf("the mail server could not be reached; delivery waits until %s", retry);
            return;
        }
        failed(n, smtp != null ? "the mail server refused for now: " + smtp.getReplyCode() + " " + firstLine(smtp.getReplyMessage())
                : "the mail server did not accept it: " + describe(e));
    }

    private void failed(OutboxStore.Claimed n, String error) throws SQLException {
        if (n.attempts() >= config.maxAttempts()) {
            store.dead(n, "gave up after " + n.attempts() + " tries: " + error);
            dead.increment();
            LOG.warnf("notice %s dead-lettered after %d tries", n.id(), n.attempts());
            return;
        }
        store.retry(n, Instant.now().plus(backoff(n.attempts())), error);
        retried.increment();
    }

    Duration backoff(int attempts) {
        return Backoff.after(attempts, config.backoff(), config.maxBackoff(), bound -> ThreadLocalRandom.current().nextLong(bound + 1));
    }

    private static boolean unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException || t instanceof ClosedChannelException) {
                return true;
            }
        }
        return false;
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String describe(Throwable e) {
        String simple = e.getClass().getSimpleName();
        return e instanceof TrackingServiceUnavailable || e instanceof PartnerDirectory.Unavailable ? e.getMessage() : simple;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
