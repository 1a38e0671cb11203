package io.trackguard.tracking.shipment;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.trackguard.tracking.partner.Partner;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A parcel and everything known about it. Holds personal data: it is never serialised
 * directly, only through a view chosen by the disclosure policy.
 */
@Entity
@Table(name = "shipment")
public class Shipment extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "tracking_number", nullable = false, updatable = false)
    public String trackingNumber;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "partner_id", nullable = false, updatable = false)
    public Partner partner;

    @Column(name = "order_reference", nullable = false, updatable = false)
    public String orderReference;

    @Column(name = "recipient_name", nullable = false)
    public String recipientName;
    @Column(name = "recipient_email")
    public String recipientEmail;
    @Column(name = "recipient_phone")
    public String recipientPhone;
    /** en or fr, when the partner said; notices are written in it. */
    @Column(name = "recipient_language")
    public String recipientLanguage;

    @Column(name = "destination_line1", nullable = false)
    public String destinationLine1;
    @Column(name = "destination_line2")
    public String destinationLine2;
    @Column(name = "destination_city", nullable = false)
    public String destinationCity;
    @Column(name = "destination_province", nullable = false)
    public String destinationProvince;
    /** Canonical: six upper-case characters, no space. */
    @Column(name = "destination_postal_code", nullable = false)
    public String destinationPostalCode;
    @Column(name = "destination_country", nullable = false)
    public String destinationCountry;

    @Column(name = "product_category", nullable = false)
    public String productCategory;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ShipmentStatus status;

    @Column(name = "expected_delivery_date")
    public LocalDate expectedDeliveryDate;
    @Column(name = "delivered_at")
    public Instant deliveredAt;
    @Column(name = "signer_name")
    public String signerName;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long version;

    @OneToMany(mappedBy = "shipment", fetch = FetchType.LAZY)
    @OrderBy("occurredAt ASC")
    public List<ScanEvent> events = new ArrayList<>();

    public String partnerId() {
        return partner.id;
    }
}
