package io.trackguard.tracking.shipment;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One scan by carrier operations. Facility city and province are public; nothing else here is personal. */
@Entity
@Table(name = "scan_event")
public class ScanEvent extends PanacheEntityBase {

    @Id
    public UUID id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "shipment_id", nullable = false, updatable = false)
    public Shipment shipment;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    public ScanEventType type;

    @Column(name = "occurred_at", nullable = false, updatable = false)
    public Instant occurredAt;
    @Column(name = "facility_city", updatable = false)
    public String facilityCity;
    @Column(name = "facility_province", updatable = false)
    public String facilityProvince;

    @Column(name = "recorded_at", nullable = false, updatable = false)
    public Instant recordedAt;
    @Column(name = "recorded_by", nullable = false, updatable = false)
    public String recordedBy;
}
