package io.trackguard.notification.incident;

import io.quarkus.arc.Arc;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.trackguard.notification.casefile.Incident;
import io.trackguard.notification.casefile.IncidentHistory;
import io.trackguard.notification.casefile.IncidentKind;
import io.trackguard.notification.casefile.IncidentLog;
import io.trackguard.notification.casefile.IncidentStatus;
import io.trackguard.notification.notice.Outbox;
import io.trackguard.notification.scope.ScopeWorker;
import io.trackguard.problem.Problem;
import io.trackguard.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/** The officers' reads and decisions. Reads are plain; each decision locks its incident. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class IncidentService {

    /** List filters; any may be null. */
    public record Filter(IncidentStatus status, IncidentKind kind, String partner, Instant from, Instant to) {
    }

    private final EntityManager em;
    private final IncidentOpener opener;
    private final Decisions decisions;
    private final IncidentLog log;
    private final Outbox outbox;
    private final ScopeWorker scopes;

    public IncidentService(EntityManager em, IncidentOpener opener, Decisions decisions, IncidentLog log, Outbox outbox,
                           ScopeWorker scopes) {
        this.em = em;
        this.opener = opener;
        this.decisions = decisions;
        this.log = log;
        this.outbox = outbox;
        this.scopes = scopes;
    }

    public Views.Page<Views.Summary> list(Filter f, int page, int size) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters p = new Parameters();
        if (f.status() != null) {
            where.append(" and status = :status");
            p.and("status", f.status());
        }
        if (f.kind() != null) {
            where.append(" and kind = :kind");
            p.and("kind", f.kind());
        }
        if (f.partner() != null) {
            @SuppressWarnings("unchecked")
            List<UUID> scoped = em.createNativeQuery("SELECT DISTINCT incident_id FROM incident_exposure WHERE partner_id = ?1")
                    .setParameter(1, f.partner()).getResultList();
            where.append(scoped.isEmpty() ? " and partnerId = :partner" : " and (partnerId = :partner or id in :scoped)");
            p.and("partner", f.partner());
            if (!scoped.isEmpty()) {
                p.and("scoped", scoped);
            }
        }
        if (f.from() != null) {
            where.append(" and windowEnd >= :from");
            p.and("from", f.from());
        }
        if (f.to() != null) {
            where.append(" and windowStart < :to");
            p.and("to", f.to());
        }
        var query = Incident.<Incident>find(where.toString(), Sort.descending("openedAt").and("id"), p);
        long total = query.count();
        List<Views.Summary> items = query.page(Page.of(page, size)).list().stream().map(Views.Summary::of).toList();
        return new Views.Page<>(items, page, size, total);
    }

    public Optional<Views.Detail> detail(UUID id) {
        Incident i = Incident.findById(id);
        if (i == null) {
            return Optional.empty();
        }
        List<Views.HistoryLine> history = IncidentHistory.<IncidentHistory>find("incidentId = ?1 order by id", id).list().stream()
                .map(Views.HistoryLine::of).toList();
        List<Views.PartnerScope> partners = new ArrayList<>();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT partner_id, bool_or(partner_sensitive), count(*), count(DISTINCT person_id) FROM incident_exposure
                WHERE incident_id = ?1 GROUP BY partner_id ORDER BY partner_id""").setParameter(1, id).getResultList();
        for (Object[] r : rows) {
            partners.add(new Views.PartnerScope((String) r[0], (Boolean) r[1], ((Number) r[2]).intValue(), ((Number) r[3]).intValue()));
        }
        Instant now = Instant.now();
        return Optional.of(new Views.Detail(Views.Summary.of(i), i.description, i.openedBy, i.evidence, List.of(i.memberActors),
                new Views.Signals(i.distinctNumbers, i.misses, i.failedVerifications, i.blockedUntil),
                new Views.Scope(i.revision, i.scopedRevision, i.scopedRevision >= i.revision, i.scopeProblem, i.scopeNextAt),
                new Views.AssessmentView(i.sensitivity, i.probability, i.risk, List.of(i.assessmentReasons),
                        i.decision == null ? null : i.decision.name(), i.decidedBy, i.decidedAt, i.decisionReason),
                new Views.Clock(i.awareAt, i.regulatorDeadline, Duration.between(now, i.regulatorDeadline).toSeconds(), i.escalatedAt,
                        i.regulatorReportedAt, i.regulatorReference),
                progress(id), partners, history));
    }

    /** Notices by channel and status: QUEUED, SENDING, SENT, BOUNCED, DEAD, HELD, CANCELLED. */
    public Map<String, Map<String, Integer>> progress(UUID id) {
        Map<String, Map<String, Integer>> out = new TreeMap<>();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT channel, status, count(*) FROM notice WHERE incident_id = ?1 GROUP BY channel, status")
                .setParameter(1, id).getResultList();
        for (Object[] r : rows) {
            out.computeIfAbsent((String) r[0], k -> new TreeMap<>()).put((String) r[1], ((Number) r[2]).intValue());
        }
        return out;
    }

    public Optional<List<Views.HistoryLine>> history(UUID id) {
        if (Incident.findById(id) == null) {
            return Optional.empty();
        }
        return Optional.of(IncidentHistory.<IncidentHistory>find("incidentId = ?1 order by id", id).list().stream()
                .map(Views.HistoryLine::of).toList());
    }

    public Optional<Views.ExposurePage> exposures(UUID id, String after, int limit) {
        if (Incident.findById(id) == null) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT tracking_number, partner_id, partner_sensitive, array_to_string(fields, ','), array_to_string(tiers, ','),
                       first_seen, last_seen, accesses
                FROM incident_exposure WHERE incident_id = ?1 AND tracking_number > ?2 ORDER BY tracking_number LIMIT ?3""")
                .setParameter(1, id).setParameter(2, after == null ? "" : after).setParameter(3, limit + 1).getResultList();
        List<Views.ExposureLine> items = new ArrayList<>();
        for (int k = 0; k < Math.min(limit, rows.size()); k++) {
            Object[] r = rows.get(k);
            items.add(new Views.ExposureLine((String) r[0], (String) r[1], (Boolean) r[2], split((String) r[3]), split((String) r[4]),
                    instant(r[5]), instant(r[6]), ((Number) r[7]).longValue()));
        }
        return Optional.of(new Views.ExposurePage(items, rows.size() > limit ? items.get(limit - 1).trackingNumber() : null));
    }

    /** Lookups over time, from the scope: per bucket (minute or hour) of first sight, how many shipments and accesses. */
    public Optional<List<Views.LookupBucket>> lookups(UUID id, String bucket) {
        if (Incident.findById(id) == null) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT date_trunc(?2, first_seen) AS at, count(*), sum(accesses) FROM incident_exposure WHERE incident_id = ?1
                GROUP BY 1 ORDER BY 1""").setParameter(1, id).setParameter(2, bucket).getResultList();
        List<Views.LookupBucket> out = new ArrayList<>();
        for (Object[] r : rows) {
            out.add(new Views.LookupBucket(instant(r[0]), ((Number) r[1]).intValue(), ((Number) r[2]).longValue()));
        }
        return Optional.of(out);
    }

    public Optional<Views.NoticePage> notices(UUID id, String channel, String status, String after, int limit) {
        if (Incident.findById(id) == null) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT id, channel, status, address, partner_id, language, attempts, last_error, created_at, next_attempt_at, sent_at
                FROM notice WHERE incident_id = ?1 AND (CAST(?2 AS varchar) IS NULL OR channel = ?2)
                  AND (CAST(?3 AS varchar) IS NULL OR status = ?3) AND id > ?4
                ORDER BY id LIMIT ?5""")
                .setParameter(1, id).setParameter(2, channel).setParameter(3, status)
                .setParameter(4, after == null ? new UUID(0, 0) : UUID.fromString(after)).setParameter(5, limit + 1).getResultList();
        List<Views.NoticeLine> items = new ArrayList<>();
        for (int k = 0; k < Math.min(limit, rows.size()); k++) {
            Object[] r = rows.get(k);
            items.add(new Views.NoticeLine((UUID) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4], (String) r[5],
                    ((Number) r[6]).intValue(), (String) r[7], instant(r[8]), instant(r[9]), instant(r[10])));
        }
        return Optional.of(new Views.NoticePage(items, rows.size() > limit ? items.get(limit - 1).id().toString() : null));
    }

    @Transactional
    public UUID open(String officer, Requests.NewIncident in) {
        if (!in.periodEnd().isAfter(in.periodStart())) {
            throw invalid("periodEnd: after periodStart");
        }
        if (Duration.between(in.periodStart(), in.periodEnd()).toDays() > 366) {
            throw invalid("period: at most a year");
        }
        Incident i = opener.manual(officer, IncidentKind.valueOf(in.kind()), in.description(), in.periodStart(), in.periodEnd(),
                in.actor(), in.partner());
        em.flush();
        afterCommit(scopes::wake);
        return i.id;
    }

    @Transactional
    public void decide(UUID id, String officer, Requests.Decision in) {
        decisions.officerDecides(locked(id), officer, in.notifyPeople(), in.reason());
    }

    @Transactional
    public void override(UUID id, String officer, Requests.Decision in) {
        decisions.override(locked(id), officer, in.notifyPeople(), in.reason());
    }

    @Transactional
    public void close(UUID id, String officer, Requests.Close in) {
        decisions.close(locked(id), officer, in.reason());
    }

    @Transactional
    public void reported(UUID id, String officer, Requests.RegulatorReport in) {
        Incident i = locked(id);
        if (i.regulatorReportedAt != null) {
            throw Decisions.conflict("The report is already marked sent (" + i.regulatorReportedAt + ").");
        }
        i.regulatorReportedAt = in.reportedAt() == null ? Instant.now() : in.reportedAt();
        i.regulatorReference = in.reference();
        i.updatedAt = Instant.now();
        log.note(i, IncidentHistory.What.REPORT, IncidentLog.officer(officer), "Report sent to the regulator at " + i.regulatorReportedAt
                + " (" + in.reference() + ")" + (i.regulatorReportedAt.isAfter(i.regulatorDeadline) ? ", after the 72-hour deadline" : "")
                + ".");
    }

    @Transactional
    public void address(UUID id, UUID noticeId, String officer, Requests.Address in) {
        Incident i = locked(id);
        if (!outbox.release(id, noticeId, in.email().trim())) {
            throw new ProblemException(Problem.typed("notice-not-held", 409, "Conflict with the notice's state",
                    "No held notice with this id in this incident."));
        }
        log.note(i, IncidentHistory.What.NOTICE, IncidentLog.officer(officer), "Address given for held notice " + noticeId + ": "
                + in.reason());
    }

    private Incident locked(UUID id) {
        Incident i = em.find(Incident.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (i == null) {
            throw notFound();
        }
        return i;
    }

    private static void afterCommit(Runnable r) {
        TransactionSynchronizationRegistry registry = Arc.container().instance(TransactionSynchronizationRegistry.class).get();
        registry.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    r.run();
                }
            }
        });
    }

    public static ProblemException notFound() {
        return new ProblemException(Problem.typed("incident-not-found", 404, "Incident not found", "No incident with this id."));
    }

    static ProblemException invalid(String detail) {
        return new ProblemException(Problem.typed("invalid-request", 400, "Invalid request", detail));
    }

    private static List<String> split(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : List.of(joined.split(","));
    }

    private static Instant instant(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof Instant t) {
            return t;
        }
        if (v instanceof Timestamp t) {
            return t.toInstant();
        }
        if (v instanceof OffsetDateTime t) {
            return t.toInstant();
        }
        throw new IllegalStateException("not a time: " + v.getClass());
    }
}
