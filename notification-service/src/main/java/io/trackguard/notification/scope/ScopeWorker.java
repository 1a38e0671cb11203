package io.trackguard.notification.scope;

import io.quarkus.scheduler.Scheduled;
import io.trackguard.notification.casefile.SecurityEvent;
import io.trackguard.notification.config.NotifyConfig;
import io.trackguard.notification.work.Workers;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Reads the scope of incidents that need it (new, or with new evidence): claims one with a
 * lease (so replicas share the work and a crashed one's incident is taken over), reads every
 * page of tracking-service's exposures outside any transaction, then stores scope, people,
 * assessment and decision in one. If new evidence arrived meanwhile, it reads again.
 */
@ApplicationScoped
public class ScopeWorker {

    private static final Logger LOG = Logger.getLogger(ScopeWorker.class);
    /** tracking-service answers windows of at most 93 days. */
    static final Duration MAX_QUERY_WINDOW = Duration.ofDays(90);

    private final ScopeStore store;
    private final TrackingServiceClient tracking;
    private final NotifyConfig.Scope config;
    private final ManagedExecutor executor;
    private final AtomicBoolean running = new AtomicBoolean();

    public ScopeWorker(ScopeStore store, TrackingServiceClient tracking, NotifyConfig config, Workers workers) {
        this.store = store;
        this.tracking = tracking;
        this.config = config.scope();
        this.executor = workers.executor();
    }

    @Scheduled(every = "${trackguard.notify.scope.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, delayed = "1s")
    void poll() {
        drain();
    }

    /** Runs a pass now, off the caller's thread (after new incidents were committed). */
    public void wake() {
        executor.runAsync(this::drain);
    }

    /** Scopes every incident that waits; answers how many were handled. */
    public int drain() {
        if (!running.compareAndSet(false, true)) {
            return 0;
        }
        int n = 0;
        try {
            ScopeStore.Claim claim;
            while ((claim = store.claimNext(config.lease())) != null) {
                scope(claim);
                n++;
            }
        } catch (RuntimeException e) {
            LOG.warnf("scoping stopped for now: %s", e.getClass().getSimpleName());
        } finally {
            running.set(false);
        }
        return n;
    }

    private void scope(ScopeStore.Claim claim) {
        List<Subject> subjects = subjects(claim);
        if (subjects.isEmpty()) {
            store.store(claim, null);
            return;
        }
        Map<String, Exposure> merged = new LinkedHashMap<>();
        try {
            Instant from = claim.windowStart().minus(config.margin());
            Instant to = claim.windowEnd().plus(config.margin());
            for (Subject s : subjects) {
                for (Instant start = from; start.isBefore(to); start = start.plus(MAX_QUERY_WINDOW)) {
                    Instant end = start.plus(MAX_QUERY_WINDOW).isBefore(to) ? start.plus(MAX_QUERY_WINDOW) : to;
                    String cursor = null;
                    do {
                        Exposure.Page page = tracking.exposures(s.actor(), s.partner(), start, end, cursor, config.pageSize());
                        for (Exposure e : page.exposures()) {
                            merged.merge(e.trackingNumber(), e, ScopeWorker::merge);
                        }
                        cursor = page.nextCursor();
                    } while (cursor != null);
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("scope of incident %s could not be read: %s", claim.incidentId(), e.getClass().getSimpleName());
            store.failed(claim, describe(e));
            return;
        }
        store.store(claim, new ArrayList<>(merged.values()));
    }

    /** Whom to ask about: each member of a bucket, the actor itself, or the partner. */
    static List<Subject> subjects(ScopeStore.Claim c) {
        List<Subject> out = new ArrayList<>();
        if (c.memberActors().length > 0) {
            for (String m : c.memberActors()) {
                out.add(new Subject(m, null));
            }
        } else if (c.actor() != null && SecurityEvent.AUDIT_ACTOR.matcher(c.actor()).matches()) {
            out.add(new Subject(c.actor(), null));
        }
        if (c.partnerId() != null && (c.actor() == null || out.isEmpty())) {
            out.add(new Subject(null, c.partnerId()));
        }
        return out;
    }

    record Subject(String actor, String partner) {
    }

    /** The same shipment seen by several actors: one exposure with everything each of them saw. */
    static Exposure merge(Exposure a, Exposure b) {
        TreeSet<String> fields = new TreeSet<>(a.fieldsOrEmpty());
        fields.addAll(b.fieldsOrEmpty());
        TreeSet<String> tiers = new TreeSet<>(a.tiersOrEmpty());
        tiers.addAll(b.tiersOrEmpty());
        return new Exposure(a.trackingNumber(), a.partnerId(), a.partnerSensitive() || b.partnerSensitive(), List.copyOf(fields),
                List.copyOf(tiers), a.firstSeen().isBefore(b.firstSeen()) ? a.firstSeen() : b.firstSeen(),
                a.lastSeen().isAfter(b.lastSeen()) ? a.lastSeen() : b.lastSeen(), a.accesses() + b.accesses(), a.recipient());
    }

    private static String describe(RuntimeException e) {
        if (e instanceof TrackingServiceRefused r) {
            return "tracking-service refused the exposure query (" + r.status() + ")";
        }
        if (e instanceof CircuitBreakerOpenException) {
            return "tracking-service is failing (circuit breaker open)";
        }
        if (e instanceof TimeoutException) {
            return "tracking-service did not answer in time";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
