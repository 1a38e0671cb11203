package io.trackguard.notification.notice;

import io.trackguard.notification.config.NotifyConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.UUID;

/**
 * Writes notices into the outbox, always in the caller's transaction: the decision to notify
 * and the notices it implies commit together or not at all. One notice per person and one per
 * partner per incident (unique indexes); queueing again adds only the missing ones, so a wider
 * scope adds its new people and nobody gets a second notice.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class Outbox {

    static final String NO_EMAIL = "No email address on the shipment: reach this person another way (through the partner) and record it.";

    private final EntityManager em;
    private final Event<NoticesQueued> queued;
    private final String messageIdDomain;

    public Outbox(EntityManager em, Event<NoticesQueued> queued, NotifyConfig config) {
        this.em = em;
        this.queued = queued;
        this.messageIdDomain = config.delivery().messageIdDomain();
    }

    /** A notice to each affected person who has none yet; people without an email are held for an officer. */
    public int queuePeople(UUID incidentId) {
        int n = em.createNativeQuery("""
                INSERT INTO notice (id, incident_id, channel, person_id, address, destination, language, status, next_attempt_at,
                                    idempotency_key, last_error, created_at, updated_at)
                SELECT x.id, x.incident_id, 'PERSON', x.person_id, x.email, lower(split_part(x.email, '@', 2)),
                       coalesce(x.language, 'en+fr'), CASE WHEN x.email IS NULL THEN 'HELD' ELSE 'QUEUED' END, ?2,
                       '<' || x.id || '@' || ?3 || '>', CASE WHEN x.email IS NULL THEN ?4 END, ?2, ?2
                FROM (SELECT gen_random_uuid() AS id, p.incident_id, p.id AS person_id, p.email, p.language
                      FROM affected_person p WHERE p.incident_id = ?1
                        AND NOT EXISTS (SELECT 1 FROM notice n WHERE n.incident_id = p.incident_id AND n.channel = 'PERSON'
                                                                 AND n.person_id = p.id)) x
                ON CONFLICT DO NOTHING""")
                .setParameter(1, incidentId).setParameter(2, Instant.now()).setParameter(3, messageIdDomain).setParameter(4, NO_EMAIL)
                .executeUpdate();
        fire(incidentId, n);
        return n;
    }

    /** A notice to each partner whose shipments are in the scope; its address is looked up at delivery. */
    public int queuePartners(UUID incidentId) {
        int n = em.createNativeQuery("""
                INSERT INTO notice (id, incident_id, channel, partner_id, language, status, next_attempt_at, idempotency_key,
                                    created_at, updated_at)
                SELECT x.id, ?1, 'PARTNER', x.partner_id, 'en+fr', 'QUEUED', ?2, '<' || x.id || '@' || ?3 || '>', ?2, ?2
                FROM (SELECT gen_random_uuid() AS id, d.partner_id
                      FROM (SELECT DISTINCT partner_id FROM incident_exposure WHERE incident_id = ?1) d
                      WHERE NOT EXISTS (SELECT 1 FROM notice n WHERE n.incident_id = ?1 AND n.channel = 'PARTNER'
                                                               AND n.partner_id = d.partner_id)) x
                ON CONFLICT DO NOTHING""")
                .setParameter(1, incidentId).setParameter(2, Instant.now()).setParameter(3, messageIdDomain).executeUpdate();
        fire(incidentId, n);
        return n;
    }

    /** One escalation to the privacy officers' address. */
    public void queueOfficers(UUID incidentId, String address) {
        UUID id = UUID.randomUUID();
        Instant now = Instant.now();
        em.createNativeQuery("""
                INSERT INTO notice (id, incident_id, channel, address, destination, language, status, next_attempt_at, idempotency_key,
                                    created_at, updated_at)
                VALUES (?1, ?2, 'OFFICERS', ?3, lower(split_part(?3, '@', 2)), 'en', 'QUEUED', ?4, ?5, ?4, ?4)""")
                .setParameter(1, id).setParameter(2, incidentId).setParameter(3, address).setParameter(4, now)
                .setParameter(5, "<" + id + "@" + messageIdDomain + ">").executeUpdate();
        fire(incidentId, 1);
    }

    /** An officer decided people are not told after all: what has not gone yet is cancelled. */
    public int cancelPeople(UUID incidentId) {
        return em.createNativeQuery("""
                UPDATE notice SET status = 'CANCELLED', updated_at = ?2, lease_token = NULL, lease_until = NULL
                WHERE incident_id = ?1 AND channel = 'PERSON' AND status IN ('QUEUED', 'HELD')""")
                .setParameter(1, incidentId).setParameter(2, Instant.now()).executeUpdate();
    }

    /** An officer gives the address of a held notice: it goes out. */
    public boolean release(UUID incidentId, UUID noticeId, String address) {
        return em.createNativeQuery("""
                UPDATE notice SET status = 'QUEUED', address = ?3, destination = lower(split_part(?3, '@', 2)), next_attempt_at = ?4,
                                  updated_at = ?4, last_error = NULL
                WHERE incident_id = ?1 AND id = ?2 AND status = 'HELD'""")
                .setParameter(1, incidentId).setParameter(2, noticeId).setParameter(3, address).setParameter(4, Instant.now())
                .executeUpdate() == 1 && fire(incidentId, 1);
    }

    private boolean fire(UUID incidentId, int n) {
        if (n > 0) {
            queued.fire(new NoticesQueued(incidentId, n));
        }
        return true;
    }
}
