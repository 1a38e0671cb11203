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
 * "What did actor X see between t1 and t2", the question incident response asks first, and,
 * for a scrape spread over many addresses, "what of partner P's shipments was disclosed between
 * t1 and t2". Each is served by an index of the partitioned audit log ((actor_id, occurred_at),
 * (partner_id, occurred_at)), a page of shipments at a time, with the recipient contact and
 * language needed to notify them. The query itself is audited.
 */
@ApplicationScoped
public class ExposureService {

    /** Who is asked about: one actor's disclosures, or those of one partner's shipments to anyone outside it. */
    public enum Subject {
        /** access_record_actor_idx: every disclosure to that actor. */
        ACTOR("actor_id = ?1"),
        /**
         * access_record_partner_idx: disclosures of the partner's shipments to the public, to
         * (would-be) recipients and to other services; not the partner's own reads nor staff's.
         */
        PARTNER("partner_id = ?1 AND (tier IS NULL OR tier NOT IN ('PARTNER', 'STAFF'))");

        private final String query;

        Subject(String where) {
            this.query = """
                    WITH hits AS (
                        SELECT shipment_id, occurred_at, fields, tier FROM access_record
                        WHERE %s AND occurred_at >= ?2 AND occurred_at < ?3
                          AND outcome = 'DISCLOSED' AND shipment_id IS NOT NULL AND shipment_id > ?4
                    ), per_shipment AS (
                        SELECT shipment_id, min(occurred_at) AS first_seen, max(occurred_at) AS last_seen, count(*) AS accesses,
                               array_agg(DISTINCT tier ORDER BY tier) FILTER (WHERE tier IS NOT NULL) AS tiers
                        FROM hits GROUP BY shipment_id ORDER BY shipment_id LIMIT ?5
                    ), disclosed AS (
                        SELECT h.shipment_id, array_agg(DISTINCT f ORDER BY f) AS fields
                        FROM hits h CROSS JOIN LATERAL unnest(h.fields) AS f
                        WHERE h.shipment_id IN (SELECT shipment_id FROM per_shipment) GROUP BY h.shipment_id
                    )
                    SELECT p.shipment_id, s.tracking_number, s.partner_id, d.fields, p.first_seen, p.last_seen, p.accesses,
                           s.recipient_name, s.recipient_email, s.recipient_phone, s.recipient_language, pa.sensitive, p.tiers
                    FROM per_shipment p JOIN shipment s ON s.id = p.shipment_id JOIN partner pa ON pa.id = s.partner_id
                    LEFT JOIN disclosed d ON d.shipment_id = p.shipment_id
                    ORDER BY p.shipment_id""".formatted(where);
        }
    }

    private static final UUID BEFORE_ALL = new UUID(0, 0);

    private final EntityManager em;
    private final Audit audit;
    private final AccessLog log;

    public ExposureService(EntityManager em, Audit audit, AccessLog log) {
        this.em = em;
        this.audit = audit;
        this.log = log;
    }

    @Transactional
    public Exposure.Page exposures(Actor asker, Subject subject, String who, Instant from, Instant to, UUID after, int limit) {
        // every record any replica appended before the question is in the table, or the answer is a 503:
        // an incident's scope never misses a lookup that was answered but not yet written
        log.flush();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(subject.query)
                .setParameter(1, who)
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
            page.add(new Exposure((String) r[1], (String) r[2], Boolean.TRUE.equals(r[11]), fields(r[3]), fields(r[12]),
                    SqlTimes.instant(r[4]), SqlTimes.instant(r[5]), ((Number) r[6]).longValue(),
                    new Exposure.Contact((String) r[7], (String) r[8], (String) r[9], (String) r[10])));
        }
        audit.attempt(asker, null, subject == Subject.PARTNER ? who : null, null, Outcome.QUERIED,
                "exposures of " + (subject == Subject.PARTNER ? "partner " : "") + who + " from " + from + " to " + to
                        + (after == null ? "" : " after " + after) + ": " + page.size() + " shipments");
        return subject == Subject.ACTOR ? new Exposure.Page(who, null, from, to, page, next) : new Exposure.Page(null, who, from, to, page, next);
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
