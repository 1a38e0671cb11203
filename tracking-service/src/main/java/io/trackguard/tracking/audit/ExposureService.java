package io.trackguard.tracking.audit;

import io.trackguard.tracking.client.Actor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Array;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * "What did actor X see between t1 and t2": the question incident response asks first. Served
 * by the (actor_id, occurred_at) index of the partitioned audit log, a page of shipments at a
 * time, with the recipient contact needed to notify them. The query itself is audited.
 */
@ApplicationScoped
public class ExposureService {

    private static final String QUERY = """
            WITH hits AS (
                SELECT shipment_id, occurred_at, fields FROM access_record
                WHERE actor_id = ?1 AND occurred_at >= ?2 AND occurred_at < ?3
                  AND outcome = 'DISCLOSED' AND shipment_id IS NOT NULL AND shipment_id > ?4
            ), per_shipment AS (
                SELECT shipment_id, min(occurred_at) AS first_seen, max(occurred_at) AS last_seen, count(*) AS accesses
                FROM hits GROUP BY shipment_id ORDER BY shipment_id LIMIT ?5
            ), disclosed AS (
                SELECT h.shipment_id, array_agg(DISTINCT f ORDER BY f) AS fields
                FROM hits h CROSS JOIN LATERAL unnest(h.fields) AS f
                WHERE h.shipment_id IN (SELECT shipment_id FROM per_shipment) GROUP BY h.shipment_id
            )
            SELECT p.shipment_id, s.tracking_number, s.partner_id, d.fields, p.first_seen, p.last_seen, p.accesses,
                   s.recipient_name, s.recipient_email, s.recipient_phone
            FROM per_shipment p JOIN shipment s ON s.id = p.shipment_id LEFT JOIN disclosed d ON d.shipment_id = p.shipment_id
            ORDER BY p.shipment_id""";

    private static final UUID BEFORE_ALL = new UUID(0, 0);

    private final EntityManager em;
    private final Audit audit;

    public ExposureService(EntityManager em, Audit audit) {
        this.em = em;
        this.audit = audit;
    }

    @Transactional
    public Exposure.Page exposures(Actor asker, String actor, Instant from, Instant to, UUID after, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(QUERY)
                .setParameter(1, actor)
                .setParameter(2, OffsetDateTime.ofInstant(from, java.time.ZoneOffset.UTC))
                .setParameter(3, OffsetDateTime.ofInstant(to, java.time.ZoneOffset.UTC))
                .setParameter(4, after == null ? BEFORE_ALL : after)
                .setParameter(5, limit + 1)
                .getResultList();
        List<Exposure> page = new ArrayList<>();
        String next = null;
        for (int i = 0; i < rows.size(); i++) {
            Object[] r = rows.get(i);
            if (i == limit) {
                next = rows.get(limit - 1)[0].toString();
                break;
            }
            page.add(new Exposure((String) r[1], (String) r[2], fields(r[3]), SqlTimes.instant(r[4]), SqlTimes.instant(r[5]),
                    ((Number) r[6]).longValue(), new Exposure.Contact((String) r[7], (String) r[8], (String) r[9])));
        }
        audit.attempt(asker, null, null, null, Outcome.QUERIED,
                "exposures of " + actor + " from " + from + " to " + to + (after == null ? "" : " after " + after) + ": " + page.size() + " shipments");
        return new Exposure.Page(actor, from, to, page, next);
    }

    private static List<String> fields(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof String[] strings) {
            return Arrays.asList(strings);
        }
        if (value instanceof Array array) {
            try {
                return Arrays.asList((String[]) array.getArray());
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        return List.of(value.toString());
    }

}
