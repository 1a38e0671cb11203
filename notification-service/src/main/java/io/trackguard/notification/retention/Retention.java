package io.trackguard.notification.retention;

import io.quarkus.scheduler.Scheduled;
import io.trackguard.notification.config.NotifyConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * SOR/2018-64 s.6: records of every breach are kept 24 months; after that they are deleted
 * (the incident, and by cascade its history, scope, people and notices), and so are handled
 * stream entries and dead letters of the same age. Open incidents are never deleted.
 */
@ApplicationScoped
public class Retention {

    private static final Logger LOG = Logger.getLogger(Retention.class);

    private final EntityManager em;
    private final NotifyConfig.Retention config;

    public Retention(EntityManager em, NotifyConfig config) {
        this.em = em;
        this.config = config.retention();
    }

    @Scheduled(cron = "${trackguard.notify.retention.cron}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void nightly() {
        purge(Instant.now());
    }

    /** Deletes what is older than the retention period at {@code now}; answers how many incidents went. */
    @Transactional
    public int purge(Instant now) {
        Timestamp cutoff = Timestamp.from(now.minus(config.keep()));
        int incidents = em.createNativeQuery("DELETE FROM incident WHERE status = 'CLOSED' AND closed_at < ?1")
                .setParameter(1, cutoff).executeUpdate();
        int events = em.createNativeQuery("DELETE FROM processed_event WHERE processed_at < ?1").setParameter(1, cutoff).executeUpdate();
        int dead = em.createNativeQuery("DELETE FROM dead_event WHERE received_at < ?1").setParameter(1, cutoff).executeUpdate();
        if (incidents + events + dead > 0) {
            LOG.infof("retention: %d incidents, %d handled events, %d dead letters older than %s deleted", incidents, events, dead, cutoff);
        }
        return incidents;
    }
}
