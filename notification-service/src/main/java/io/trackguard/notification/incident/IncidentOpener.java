package io.trackguard.notification.incident;

import io.trackguard.notification.casefile.Incident;
import io.trackguard.notification.casefile.IncidentHistory;
import io.trackguard.notification.casefile.IncidentKind;
import io.trackguard.notification.casefile.IncidentLog;
import io.trackguard.notification.casefile.IncidentStatus;
import io.trackguard.notification.casefile.SecurityEvent;
import io.trackguard.notification.config.NotifyConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Opens an incident for a security event, or adds the event to the open incident about the
 * same actor (or partner): its window widens, its evidence grows, and its scope is read again.
 * Two events about one actor handled at once by two replicas meet on an advisory lock, so
 * they never open two incidents.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class IncidentOpener {

    /** What became of an event. */
    public record Result(UUID incidentId, boolean opened) {
    }

    private final EntityManager em;
    private final IncidentLog log;
    private final NotifyConfig config;

    public IncidentOpener(EntityManager em, IncidentLog log, NotifyConfig config) {
        this.em = em;
        this.log = log;
        this.config = config;
    }

    public Result fromEvent(SecurityEvent event, String entryId) {
        boolean scraping = event.type() == SecurityEvent.Type.DISTRIBUTED_SCRAPING;
        boolean surge = event.type() == SecurityEvent.Type.MISSES_SURGE;
        lock(surge ? "misses-surge" : scraping ? "partner:" + event.partner() : "actor:" + event.actor());
        Optional<Incident> open = surge ? openSurge() : scraping ? openForPartner(event.partner()) : openForActor(event.actor(), event.actors());
        String what = event.type() + " " + entryId + " from " + event.source() + ": "
                + (event.evidence().isEmpty() ? "no evidence given" : event.evidence());
        if (open.isPresent()) {
            Incident i = open.get();
            i.windowStart = min(i.windowStart, event.windowStart());
            i.windowEnd = max(i.windowEnd, event.windowEnd());
            i.distinctNumbers = Math.max(i.distinctNumbers, event.distinctNumbers());
            i.misses = Math.max(i.misses, event.misses());
            i.failedVerifications = Math.max(i.failedVerifications, event.failedVerifications());
            i.blockedUntil = max(i.blockedUntil, event.blockedUntil());
            i.memberActors = union(i.memberActors, event.actors());
            i.evidence = IncidentLog.cut(i.evidence == null ? what : i.evidence + "\n" + what, 8000);
            i.revision++;
            i.scopeNextAt = null;
            i.scopeAttempts = 0;
            i.updatedAt = Instant.now();
            log.note(i, IncidentHistory.What.EVIDENCE, IncidentLog.CONSUMER, "New evidence; the window is now " + i.windowStart + " to "
                    + i.windowEnd + " and the scope will be read again. " + what);
            return new Result(i.id, false);
        }
        Incident i = newIncident(surge ? IncidentKind.MISSES_SURGE : scraping ? IncidentKind.DISTRIBUTED_SCRAPING : IncidentKind.ENUMERATION,
                Incident.Origin.STREAM,
                event.source(), event.windowStart(), event.windowEnd());
        i.actor = event.actor();
        i.partnerId = event.partner();
        i.memberActors = event.actors().toArray(new String[0]);
        i.evidence = IncidentLog.cut(what, 8000);
        i.distinctNumbers = event.distinctNumbers();
        i.misses = event.misses();
        i.failedVerifications = event.failedVerifications();
        i.blockedUntil = event.blockedUntil();
        i.description = surge
                ? "Public lookups that matched no shipment surged, all clients together (tracking numbers being guessed): no actor or "
                        + "partner is known, so no scope can be read; an officer reviews it."
                : scraping
                ? "Tracking numbers of partner " + event.partner() + " were looked up from many addresses (distributed scraping)."
                : "One " + (event.bucket() ? "network" : "client") + " looked up many tracking numbers (enumeration).";
        i.persist();
        log.note(i, IncidentHistory.What.OPENED, IncidentLog.CONSUMER, what);
        return new Result(i.id, true);
    }

    /** An incident recorded by a privacy officer. */
    public Incident manual(String officer, IncidentKind kind, String description, Instant periodStart, Instant periodEnd, String actor,
                           String partner) {
        if (actor != null) {
            lock("actor:" + actor);
        } else if (partner != null) {
            lock("partner:" + partner);
        }
        Incident i = newIncident(kind, Incident.Origin.MANUAL, officer, periodStart, periodEnd);
        i.description = description;
        i.actor = actor;
        i.partnerId = partner;
        i.persist();
        log.note(i, IncidentHistory.What.OPENED, IncidentLog.officer(officer), "Recorded by hand: " + description);
        return i;
    }

    private Incident newIncident(IncidentKind kind, Incident.Origin origin, String by, Instant start, Instant end) {
        Instant now = Instant.now();
        Incident i = new Incident();
        i.id = UUID.randomUUID();
        i.openedAt = now;
        i.updatedAt = now;
        i.awareAt = now;
        i.regulatorDeadline = now.plus(config.clock().regulatorDeadline());
        i.status = IncidentStatus.DETECTED;
        i.kind = kind;
        i.origin = origin;
        i.openedBy = IncidentLog.cut(by, 200);
        i.windowStart = start;
        i.windowEnd = end;
        return i;
    }

    private void lock(String key) {
        em.createNativeQuery("SELECT pg_advisory_xact_lock(hashtextextended(?1, 7))").setParameter(1, key).getSingleResult();
    }

    private Optional<Incident> openForActor(String actor, List<String> members) {
        @SuppressWarnings("unchecked")
        List<Object> ids = em.createNativeQuery("""
                SELECT id FROM incident WHERE status <> 'CLOSED' AND (actor_pseudonym = ?1 OR ?1 = ANY (member_actors)
                    OR actor_pseudonym = ANY (string_to_array(?2, ',')) OR member_actors && string_to_array(?2, ','))
                ORDER BY opened_at LIMIT 1""")
                .setParameter(1, actor).setParameter(2, String.join(",", members)).getResultList();
        return ids.isEmpty() ? Optional.empty() : Optional.of(em.find(Incident.class, ids.get(0), LockModeType.PESSIMISTIC_WRITE));
    }

    /** Misses of all clients have no actor or partner: one open surge incident gathers them. */
    private Optional<Incident> openSurge() {
        return Incident.<Incident>find("status <> ?1 and kind = ?2 order by openedAt", IncidentStatus.CLOSED, IncidentKind.MISSES_SURGE)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    private Optional<Incident> openForPartner(String partner) {
        return Incident.<Incident>find("status <> ?1 and partnerId = ?2 and actor is null order by openedAt", IncidentStatus.CLOSED, partner)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    private static String[] union(String[] known, List<String> more) {
        Set<String> all = new LinkedHashSet<>(List.of(known));
        all.addAll(more);
        return new ArrayList<>(all).toArray(new String[0]);
    }

    private static Instant min(Instant a, Instant b) {
        return a == null ? b : b == null || a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }
}
