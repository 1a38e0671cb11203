package io.trackguard.tracking.shipment;

import io.agroal.api.AgroalDataSource;
import io.trackguard.problem.Problem;
import io.trackguard.problem.ProblemException;
import io.trackguard.tracking.partner.Partner;
import io.trackguard.tracking.partner.PartnerRegistry;
import io.trackguard.tracking.trackingnumber.TrackingNumber;
import io.trackguard.tracking.trackingnumber.TrackingNumberGenerator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Shipments: creation by a partner, and the lookups each kind of caller may make. */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRED)
public class ShipmentService {

    /**
     * The public lookup's read: the shipment's public columns and its timeline in one statement,
     * one row per scan (one row with null scan columns when there is none, none for an unknown
     * number). The number is cast to the column's type so that the unique index answers it.
     */
    private static final String PUBLIC_READ = """
            SELECT s.id, s.partner_id, s.status, s.destination_province, s.expected_delivery_date, s.delivered_at,
                   e.type, e.occurred_at, e.facility_city, e.facility_province
            FROM shipment s
            LEFT JOIN scan_event e ON e.shipment_id = s.id
            WHERE s.tracking_number = CAST(? AS char(18))
            ORDER BY e.occurred_at""";

    private final TrackingNumberGenerator generator;
    private final PartnerRegistry partners;
    private final EntityManager em;
    private final AgroalDataSource dataSource;
    private final Event<ShipmentStatusChanged> statusChanges;

    public ShipmentService(TrackingNumberGenerator generator, PartnerRegistry partners, EntityManager em, AgroalDataSource dataSource,
                           Event<ShipmentStatusChanged> statusChanges) {
        this.generator = generator;
        this.partners = partners;
        this.em = em;
        this.dataSource = dataSource;
        this.statusChanges = statusChanges;
    }

    /** The partner identity comes from the caller's token; the body never names a partner. */
    public Shipment create(String partnerId, String partnerName, boolean partnerSensitive, NewShipment in) {
        partners.upsert(partnerId, partnerName, partnerSensitive);
        if (Shipment.count("partner.id = ?1 and orderReference = ?2", partnerId, in.orderReference()) > 0) {
            throw duplicateReference();
        }
        Instant now = Instant.now();
        Shipment s = new Shipment();
        s.id = UUID.randomUUID();
        // 84 random bits: a collision would need ~2^42 shipments; the unique index is the last guard.
        s.trackingNumber = generator.next().value();
        s.partner = em.find(Partner.class, partnerId);
        s.orderReference = in.orderReference();
        s.recipientName = in.recipient().name();
        s.recipientEmail = in.recipient().email();
        s.recipientPhone = in.recipient().phone();
        s.recipientLanguage = in.recipient().language();
        s.destinationLine1 = in.destination().line1();
        s.destinationLine2 = in.destination().line2();
        s.destinationCity = in.destination().city();
        s.destinationProvince = in.destination().province();
        s.destinationPostalCode = Provinces.canonicalPostalCode(in.destination().postalCode());
        s.destinationCountry = in.destination().country() == null ? "CA" : in.destination().country();
        s.productCategory = in.productCategory();
        s.expectedDeliveryDate = in.expectedDeliveryDate();
        s.status = ShipmentStatus.CREATED;
        s.createdAt = now;
        s.updatedAt = now;
        try {
            s.persistAndFlush();
        } catch (PersistenceException e) {
            // Two concurrent creates with the same reference: the unique constraint decides.
            if (e.getCause() instanceof org.hibernate.exception.ConstraintViolationException) {
                throw duplicateReference();
            }
            throw e;
        }
        statusChanges.fire(new ShipmentStatusChanged(s, s.status, now));
        return s;
    }

    /** A partner's own shipment. Another partner's is indistinguishable from a missing one. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Shipment> findOwned(String partnerId, TrackingNumber number) {
        return Shipment.find("trackingNumber = ?1 and partner.id = ?2", number.value(), partnerId).firstResultOptional();
    }

    /** Any shipment by its public number, for views that the disclosure policy then narrows. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Shipment> findByNumber(TrackingNumber number) {
        return Shipment.find("trackingNumber", number.value()).firstResultOptional();
    }

    /**
     * What the public lookup needs of a shipment, by its public number: one statement through the
     * connection pool, no entity, no persistence context. A failure keeps its SQLException as the
     * cause, so that PostgreSQL away is answered 503 like any other read.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<PublicShipment> findPublic(TrackingNumber number) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(PUBLIC_READ)) {
            ps.setString(1, number.value());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                UUID id = rs.getObject(1, UUID.class);
                String partnerId = rs.getString(2);
                ShipmentStatus status = ShipmentStatus.valueOf(rs.getString(3));
                String province = rs.getString(4);
                LocalDate expected = rs.getObject(5, LocalDate.class);
                Instant deliveredAt = instant(rs.getObject(6, OffsetDateTime.class));
                List<PublicShipment.Event> events = new ArrayList<>();
                do {
                    String type = rs.getString(7);
                    if (type != null) {
                        events.add(new PublicShipment.Event(ScanEventType.valueOf(type), instant(rs.getObject(8, OffsetDateTime.class)),
                                rs.getString(9), rs.getString(10)));
                    }
                } while (rs.next());
                return Optional.of(new PublicShipment(id, number.value(), partnerId, status, province, expected, deliveredAt, events));
            }
        } catch (SQLException e) {
            throw new PersistenceException("reading the public columns of a shipment", e);
        }
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    /** Cancels one of the partner's shipments, only while it is not yet in transit. */
    public Optional<Shipment> cancel(String partnerId, TrackingNumber number) {
        Optional<Shipment> found = findOwned(partnerId, number);
        found.ifPresent(s -> {
            if (s.status == ShipmentStatus.CANCELLED) {
                return; // cancelling twice is the same as once
            }
            if (!s.status.cancellable()) {
                throw new ProblemException(Problem.typed("not-cancellable", 409, "Shipment cannot be cancelled",
                        "The shipment is already in transit or delivered."));
            }
            s.status = ShipmentStatus.CANCELLED;
            s.updatedAt = Instant.now();
            statusChanges.fire(new ShipmentStatusChanged(s, s.status, s.updatedAt));
        });
        return found;
    }

    /** One page of the partner's own shipments, newest first, after the cursor. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Shipment> page(String partnerId, ShipmentFilter filter, ShipmentCursor after, int limit) {
        StringBuilder where = new StringBuilder("partner.id = :partner");
        Map<String, Object> params = new HashMap<>();
        params.put("partner", partnerId);
        if (filter.reference() != null) {
            where.append(" and orderReference = :reference");
            params.put("reference", filter.reference());
        }
        if (filter.status() != null) {
            where.append(" and status = :status");
            params.put("status", filter.status());
        }
        if (filter.createdFrom() != null) {
            where.append(" and createdAt >= :from");
            params.put("from", filter.createdFrom());
        }
        if (filter.createdTo() != null) {
            where.append(" and createdAt < :to");
            params.put("to", filter.createdTo());
        }
        if (after != null) {
            where.append(" and (createdAt < :afterTime or (createdAt = :afterTime and id < :afterId))");
            params.put("afterTime", after.createdAt());
            params.put("afterId", after.id());
        }
        return Shipment.<Shipment>find(where + " order by createdAt desc, id desc", params).page(0, limit).list();
    }

    private static ProblemException duplicateReference() {
        return new ProblemException(Problem.typed("duplicate-order-reference", 409, "Duplicate order reference",
                "You already have a shipment with this order reference."));
    }
}
