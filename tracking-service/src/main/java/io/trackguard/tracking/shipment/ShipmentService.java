package io.trackguard.tracking.shipment;

import io.trackguard.problem.Problem;
import io.trackguard.problem.ProblemException;
import io.trackguard.tracking.partner.Partner;
import io.trackguard.tracking.partner.PartnerRegistry;
import io.trackguard.tracking.trackingnumber.TrackingNumber;
import io.trackguard.tracking.trackingnumber.TrackingNumberGenerator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Shipments: creation by a partner, and the lookups each kind of caller may make. */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRED)
public class ShipmentService {

    private final TrackingNumberGenerator generator;
    private final PartnerRegistry partners;
    private final EntityManager em;
    private final Event<ShipmentStatusChanged> statusChanges;

    public ShipmentService(TrackingNumberGenerator generator, PartnerRegistry partners, EntityManager em,
                           Event<ShipmentStatusChanged> statusChanges) {
        this.generator = generator;
        this.partners = partners;
        this.em = em;
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
        } catch (jakarta.persistence.PersistenceException e) {
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
