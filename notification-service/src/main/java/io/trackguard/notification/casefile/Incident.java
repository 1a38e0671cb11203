package io.trackguard.notification.casefile;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A suspected breach: what raised it, its window and evidence, its scope's totals, the risk
 * assessment and decision, and the 72-hour clock. Each change also leaves a row in
 * {@link IncidentHistory}; the scope itself is in incident_exposure and affected_person.
 */
@Entity
@Table(name = "incident")
public class Incident extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "opened_at", nullable = false)
    public Instant openedAt;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public IncidentStatus status;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public IncidentKind kind;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Origin origin;
    @Column(name = "opened_by", nullable = false)
    public String openedBy;
    public String description;

    /** The audit actor id (ip:, user:, client:) or network bucket (net56:, net48:); null when none. */
    @Column(name = "actor_pseudonym")
    public String actor;
    @Column(name = "partner_id")
    public String partnerId;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "member_actors", nullable = false)
    public String[] memberActors = new String[0];
    @Column(name = "window_start", nullable = false)
    public Instant windowStart;
    @Column(name = "window_end", nullable = false)
    public Instant windowEnd;
    public String evidence;
    @Column(name = "distinct_numbers", nullable = false)
    public int distinctNumbers;
    @Column(nullable = false)
    public int misses;
    @Column(name = "failed_verifications", nullable = false)
    public int failedVerifications;
    @Column(name = "blocked_until")
    public Instant blockedUntil;

    @Column(nullable = false)
    public int revision = 1;
    @Column(name = "scoped_revision", nullable = false)
    public int scopedRevision;
    @Column(name = "scope_lease_until")
    public Instant scopeLeaseUntil;
    @Column(name = "scope_attempts", nullable = false)
    public int scopeAttempts;
    @Column(name = "scope_next_at")
    public Instant scopeNextAt;
    @Column(name = "scope_problem")
    public String scopeProblem;
    @Column(name = "shipments_exposed", nullable = false)
    public int shipmentsExposed;
    @Column(name = "people_affected", nullable = false)
    public int peopleAffected;

    public String sensitivity;
    public String probability;
    public String risk;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "assessment_reasons", nullable = false)
    public String[] assessmentReasons = new String[0];
    @Enumerated(EnumType.STRING)
    public Decision decision;
    @Column(name = "decided_by")
    public String decidedBy;
    @Column(name = "decided_at")
    public Instant decidedAt;
    @Column(name = "decision_reason")
    public String decisionReason;

    @Column(name = "aware_at", nullable = false)
    public Instant awareAt;
    @Column(name = "regulator_deadline", nullable = false)
    public Instant regulatorDeadline;
    @Column(name = "escalated_at")
    public Instant escalatedAt;
    @Column(name = "regulator_reported_at")
    public Instant regulatorReportedAt;
    @Column(name = "regulator_reference")
    public String regulatorReference;
    @Column(name = "closed_at")
    public Instant closedAt;
    @Column(name = "close_reason")
    public String closeReason;

    /** Where an incident came from. */
    public enum Origin { STREAM, MANUAL }

    /** Whether people are told: PENDING waits for an officer. */
    public enum Decision { PENDING, NOTIFY, NO_NOTICE }

    public boolean open() {
        return status != IncidentStatus.CLOSED;
    }
}
