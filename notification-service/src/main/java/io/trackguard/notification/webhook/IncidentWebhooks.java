package io.trackguard.notification.webhook;

import io.trackguard.notification.notice.NoticesQueued;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Incident notices to partners as a webhook event of their own ({@code incident.notice}),
 * besides the email: observed synchronously where the outbox queues the partners' notices, so
 * the event commits with them. The event's id is the partner notice's id (queueing again adds
 * nothing); it carries what the partner's own notice says: the incident, its window, and how
 * many of the partner's shipments were disclosed.
 */
@ApplicationScoped
public class IncidentWebhooks {

    public static final String TYPE = "incident.notice";

    private final EntityManager em;

    public IncidentWebhooks(EntityManager em) {
        this.em = em;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void onNoticesQueued(@Observes NoticesQueued queued) {
        em.createNativeQuery("""
                INSERT INTO webhook_event (id, partner_id, type, ordering_key, payload, received_at)
                SELECT n.id, n.partner_id, ?2, 'incident:' || n.incident_id,
                       json_build_object('type', ?2,
                                         'timestamp', to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
                                         'data', json_build_object(
                                             'incidentId', i.id,
                                             'windowStart', to_char(i.window_start AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
                                             'windowEnd', to_char(i.window_end AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
                                             'affectedShipments', (SELECT count(*) FROM incident_exposure e
                                                                   WHERE e.incident_id = i.id AND e.partner_id = n.partner_id)))::text,
                       clock_timestamp()
                FROM notice n JOIN incident i ON i.id = n.incident_id
                WHERE n.incident_id = ?1 AND n.channel = 'PARTNER' AND n.partner_id IS NOT NULL
                ON CONFLICT (id) DO NOTHING""")
                .setParameter(1, queued.incidentId()).setParameter(2, TYPE).executeUpdate();
    }
}
