package io.trackguard.notification.incident;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A suspected exposure, opened from a security event and reviewed by privacy officers. */
@Entity
@Table(name = "incident")
public class Incident extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "opened_at", nullable = false)
    public Instant openedAt;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public IncidentStatus status;
    @Column(nullable = false)
    public String kind;
    @Column(name = "actor_pseudonym", nullable = false)
    public String actorPseudonym;
    @Column(name = "window_start", nullable = false)
    public Instant windowStart;
    @Column(name = "window_end", nullable = false)
    public Instant windowEnd;
    public String summary;
}
