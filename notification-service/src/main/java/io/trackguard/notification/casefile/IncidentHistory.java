package io.trackguard.notification.casefile;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One append-only line of an incident's history: when, who or which rule, what, why. */
@Entity
@Table(name = "incident_history")
public class IncidentHistory extends PanacheEntityBase {

    /** What happened. */
    public enum What { OPENED, EVIDENCE, TRANSITION, SCOPE, ASSESSMENT, DECISION, OVERRIDE, ESCALATION, NOTICE, REPORT, CLOSED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "incident_id", nullable = false, updatable = false)
    public UUID incidentId;
    @Column(nullable = false, updatable = false)
    public Instant at;
    @Column(name = "by_whom", nullable = false, updatable = false)
    public String byWhom;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    public What what;
    @Enumerated(EnumType.STRING)
    @Column(name = "from_status", updatable = false)
    public IncidentStatus fromStatus;
    @Enumerated(EnumType.STRING)
    @Column(name = "to_status", updatable = false)
    public IncidentStatus toStatus;
    @Column(nullable = false, updatable = false)
    public String reason;
}
