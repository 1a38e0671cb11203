package io.trackguard.tracking.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * "Who looked at this shipment" as the access audit log holds it, for its recipient: the newest
 * 100 records that disclosed it, proved or tried to prove being its recipient, or issued a link.
 * The reason is read only for the recipient's own kinds of record, never a staff reason.
 */
@ApplicationScoped
public class ShipmentAccesses {

    /** One record: when, the actor's kind, the tier disclosed (null for an attempt), the outcome, the reason if it may be shown. */
    public record Access(Instant at, String actorKind, String tier, String outcome, String reason) {
    }

    private final AccessLog log;
    private final EntityManager em;

    public ShipmentAccesses(AccessLog log, EntityManager em) {
        this.log = log;
        this.em = em;
    }

    /** Newest first; waits until every record appended before the call is in the table (503 when it cannot). */
    public List<Access> forRecipient(UUID shipmentId) {
        // what is still queued belongs in the answer too: the recipient may have just verified
        log.flush();
        // the reason is read only for the recipient's own kinds of record, never a staff reason
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT occurred_at, actor_kind, tier, outcome,
                       CASE WHEN outcome IN ('VERIFIED', 'VERIFY_FAILED', 'LINK_ISSUED') THEN reason END
                FROM access_record
                WHERE shipment_id = ?1 AND outcome IN ('DISCLOSED', 'VERIFIED', 'VERIFY_FAILED', 'LINK_ISSUED')
                ORDER BY occurred_at DESC LIMIT 100""").setParameter(1, shipmentId).getResultList();
        return rows.stream()
                .map(r -> new Access(SqlTimes.instant(r[0]), (String) r[1], (String) r[2], (String) r[3], (String) r[4]))
                .toList();
    }
}
