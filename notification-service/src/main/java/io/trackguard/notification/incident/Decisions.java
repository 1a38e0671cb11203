package io.trackguard.notification.incident;

import io.trackguard.notification.assessment.Assessment;
import io.trackguard.notification.casefile.Incident;
import io.trackguard.notification.casefile.IncidentHistory;
import io.trackguard.notification.casefile.IncidentLog;
import io.trackguard.notification.casefile.IncidentStatus;
import io.trackguard.notification.notice.Outbox;
import io.trackguard.notification.scope.ScopeAssessed;
import io.trackguard.problem.Problem;
import io.trackguard.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.time.Instant;

/**
 * The decision to tell people, by a rule or by an officer, and what follows from it: the
 * notices are written to the outbox in the same transaction as the decision. An officer's
 * decision stands when new evidence widens the scope (new people are told if it was to
 * notify); a rule's decision is taken again.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class Decisions {

    private final IncidentLog log;
    private final Outbox outbox;

    public Decisions(IncidentLog log, Outbox outbox) {
        this.log = log;
        this.outbox = outbox;
    }

    /** The scope store announces each stored scope this way (it sits below incident); same thread, same transaction. */
    void onScopeAssessed(@Observes ScopeAssessed stored) {
        assessed(stored.incident(), stored.assessment());
    }

    /** After a scope was stored: the rules' assessment, and the decision unless an officer already took it. */
    public void assessed(Incident i, Assessment a) {
        i.sensitivity = a.sensitivity();
        i.probability = a.probability();
        i.risk = a.risk();
        i.assessmentReasons = a.reasons().toArray(new String[0]);
        log.note(i, IncidentHistory.What.ASSESSMENT, IncidentLog.rule(a.rule()),
                "Sensitivity " + a.sensitivity() + ", probability " + a.probability() + ", risk " + a.risk() + ". "
                        + String.join(" ", a.reasons()));
        log.move(i, IncidentStatus.ASSESSED, IncidentLog.SCOPE, i.shipmentsExposed + " shipment(s) and " + i.peopleAffected
                + " person(s) in scope.");
        if (i.decidedBy != null && i.decidedBy.startsWith("officer:") && i.decision != Incident.Decision.PENDING) {
            log.note(i, IncidentHistory.What.DECISION, IncidentLog.SCOPE, "The officer's decision (" + i.decision + ") stands for the new scope.");
            if (i.decision == Incident.Decision.NOTIFY) {
                notifyAll(i, IncidentLog.SCOPE, "people newly in scope are told, as the officer decided");
            }
            return;
        }
        switch (a.decision()) {
            case NOTIFY -> {
                decide(i, Incident.Decision.NOTIFY, IncidentLog.rule(a.rule()), a.reasons().get(a.reasons().size() - 1));
                notifyAll(i, IncidentLog.rule(a.rule()), "a real risk of significant harm");
            }
            case NO_NOTICE -> {
                decide(i, Incident.Decision.NO_NOTICE, IncidentLog.rule(a.rule()), a.reasons().get(0));
                int partners = outbox.queuePartners(i.id);
                log.move(i, IncidentStatus.CLOSED, IncidentLog.rule(a.rule()), a.reasons().get(0)
                        + (partners > 0 ? " " + partners + " partner notice(s) queued." : ""));
            }
            case PENDING -> {
                decide(i, Incident.Decision.PENDING, IncidentLog.rule(a.rule()), a.reasons().get(a.reasons().size() - 1));
            }
        }
    }

    /** An officer decides an incident that waits for one. */
    public void officerDecides(Incident i, String officer, boolean notify, String reason) {
        if (i.decision != Incident.Decision.PENDING) {
            throw conflict(i.decision == null
                    ? "The incident is not assessed yet; decide once its scope is read."
                    : "The incident is already decided (" + i.decision + "); use override to change it.");
        }
        apply(i, officer, notify, reason, IncidentHistory.What.DECISION);
    }

    /** An officer reverses a decision, a rule's or an officer's. */
    public void override(Incident i, String officer, boolean notify, String reason) {
        if (i.decision == null || i.decision == Incident.Decision.PENDING) {
            throw conflict("Nothing is decided yet: use decision.");
        }
        if ((i.decision == Incident.Decision.NOTIFY) == notify) {
            throw conflict("The incident is already decided so (" + i.decision + ").");
        }
        apply(i, officer, notify, reason, IncidentHistory.What.OVERRIDE);
    }

    public void close(Incident i, String officer, String reason) {
        if (!i.open()) {
            throw conflict("The incident is already closed.");
        }
        log.move(i, IncidentStatus.CLOSED, IncidentLog.officer(officer), reason);
    }

    private void apply(Incident i, String officer, boolean notify, String reason, IncidentHistory.What what) {
        String by = IncidentLog.officer(officer);
        i.decision = notify ? Incident.Decision.NOTIFY : Incident.Decision.NO_NOTICE;
        i.decidedBy = by;
        i.decidedAt = Instant.now();
        i.decisionReason = IncidentLog.cut(reason, 2000);
        log.note(i, what, by, (notify ? "People are told: " : "People are not told: ") + reason);
        if (notify) {
            notifyAll(i, by, "decided by an officer");
        } else {
            int cancelled = outbox.cancelPeople(i.id);
            int partners = outbox.queuePartners(i.id);
            if (cancelled > 0 || partners > 0) {
                log.note(i, IncidentHistory.What.NOTICE, by, cancelled + " notice(s) to people cancelled; " + partners
                        + " partner notice(s) queued.");
            }
            if (i.open()) {
                log.move(i, IncidentStatus.ASSESSED, by, "No notices to people; waiting to be closed.");
            }
        }
    }

    private void notifyAll(Incident i, String by, String why) {
        int people = outbox.queuePeople(i.id);
        int partners = outbox.queuePartners(i.id);
        log.note(i, IncidentHistory.What.NOTICE, by, people + " notice(s) to people and " + partners + " to partners queued (" + why + ").");
        log.move(i, IncidentStatus.NOTIFYING, by, "Notices are being delivered.");
    }

    private static void decide(Incident i, Incident.Decision d, String by, String reason) {
        i.decision = d;
        i.decidedBy = by;
        i.decidedAt = Instant.now();
        i.decisionReason = IncidentLog.cut(reason, 2000);
    }

    static ProblemException conflict(String detail) {
        return new ProblemException(Problem.typed("incident-conflict", 409, "Conflict with the incident's state", detail));
    }
}
