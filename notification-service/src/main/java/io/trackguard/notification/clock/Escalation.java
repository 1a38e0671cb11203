package io.trackguard.notification.clock;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.trackguard.notification.casefile.Incident;
import io.trackguard.notification.casefile.IncidentHistory;
import io.trackguard.notification.casefile.IncidentLog;
import io.trackguard.notification.casefile.IncidentStatus;
import io.trackguard.notification.config.NotifyConfig;
import io.trackguard.notification.notice.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The 72-hour clock of GDPR Art. 33: an open incident that may need reporting (not closed
 * with no notice, not yet marked reported) whose deadline is closer than clock.escalate-before
 * is escalated once: a history row, a metric, and an email to the officers' address through
 * the outbox.
 */
@ApplicationScoped
public class Escalation {

    private final EntityManager em;
    private final IncidentLog log;
    private final Outbox outbox;
    private final NotifyConfig.Clock config;
    private final Counter escalations;

    public Escalation(EntityManager em, IncidentLog log, Outbox outbox, NotifyConfig config, MeterRegistry metrics) {
        this.em = em;
        this.log = log;
        this.outbox = outbox;
        this.config = config.clock();
        this.escalations = Counter.builder("trackguard.incidents.escalated")
                .description("Incidents whose 72-hour regulator deadline runs low without a report (alert on any)").register(metrics);
    }

    @Scheduled(every = "${trackguard.notify.clock.check-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "5s")
    void check() {
        escalateDue();
    }

    @Transactional
    public int escalateDue() {
        Instant now = Instant.now();
        List<Incident> due = Incident.<Incident>find("""
                        status <> ?1 and escalatedAt is null and regulatorReportedAt is null
                        and (decision is null or decision <> ?2) and regulatorDeadline <= ?3""",
                IncidentStatus.CLOSED, Incident.Decision.NO_NOTICE, now.plus(config.escalateBefore()))
                .withLock(LockModeType.PESSIMISTIC_WRITE).list();
        for (Incident i : due) {
            i.escalatedAt = now;
            Duration left = Duration.between(now, i.regulatorDeadline);
            String when = left.isNegative() ? "passed " + (-left.toMinutes() / 60) + " h ago" : left.toHours() + " h " + left.toMinutesPart() + " min left";
            log.note(i, IncidentHistory.What.ESCALATION, IncidentLog.CLOCK, "The 72-hour regulator deadline (" + i.regulatorDeadline
                    + ") is near: " + when + ", and the incident is not marked reported. The privacy officers are emailed.");
            outbox.queueOfficers(i.id, config.officersEmail());
            escalations.increment();
        }
        em.flush();
        return due.size();
    }
}
