package io.trackguard.notification.webhook;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Webhook events, deliveries and attempts carry what partners see of their shipments: once a
 * delivery is finished (delivered or given up) for longer than {@code trackguard.webhooks.keep},
 * it goes with its attempts (cascade), and so does an event none of whose deliveries is left.
 * A delivery still waiting, and an event not yet fanned out, are never deleted.
 */
@ApplicationScoped
public class WebhookRetention {

    private static final Logger LOG = Logger.getLogger(WebhookRetention.class);

    private final EntityManager em;
    private final WebhookConfig config;

    public WebhookRetention(EntityManager em, WebhookConfig config) {
        this.em = em;
        this.config = config;
    }

    @Scheduled(identity = "webhook-retention", cron = "${trackguard.webhooks.retention-cron}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void nightly() {
        purge(Instant.now());
    }

    /** Deletes what finished before the kept period at {@code now}; answers how many deliveries went. */
    @Transactional
    public int purge(Instant now) {
        Timestamp cutoff = Timestamp.from(now.minus(config.keep()));
        // finished: delivered_at, or for one given up its last attempt (or its creation when it never got one)
        int deliveries = em.createNativeQuery("""
                DELETE FROM webhook_delivery d
                WHERE d.status IN ('DELIVERED', 'FAILED')
                  AND coalesce(d.delivered_at, (SELECT max(a.attempted_at) FROM webhook_attempt a WHERE a.delivery_id = d.id), d.created_at) < ?1""")
                .setParameter(1, cutoff).executeUpdate();
        int events = em.createNativeQuery("""
                DELETE FROM webhook_event e
                WHERE e.fanned_out_at < ?1
                  AND NOT EXISTS (SELECT 1 FROM webhook_delivery d WHERE d.event_id = e.id)""")
                .setParameter(1, cutoff).executeUpdate();
        if (deliveries + events > 0) {
            LOG.infof("webhook retention: %d finished deliveries and %d events older than %s deleted", deliveries, events, cutoff);
        }
        return deliveries;
    }
}
