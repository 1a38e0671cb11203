package io.trackguard.tracking.audit;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.jboss.logging.Logger;

/**
 * Keeps the audit log's monthly partitions: the coming months exist before their first
 * record, and months past the 24-month retention are dropped whole (never row by row).
 * Runs at start and daily; any replica may run it, the functions are idempotent. The
 * retention is the database's own (migration V5): this service cannot choose what to drop.
 */
@ApplicationScoped
public class AuditPartitions {

    private static final Logger LOG = Logger.getLogger(AuditPartitions.class);

    private final EntityManager em;
    private final AuditConfig config;

    public AuditPartitions(EntityManager em, AuditConfig config) {
        this.em = em;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        maintain();
    }

    @Scheduled(cron = "${trackguard.audit.maintenance-cron:0 17 3 * * ?}")
    @Transactional
    public void maintain() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        for (int m = 0; m <= config.partitionsAhead(); m++) {
            ensure(today.plusMonths(m));
        }
        int dropped = dropExpired();
        if (dropped > 0) {
            LOG.infof("access audit log: dropped %d monthly partitions past the retention", dropped);
        }
    }

    @Transactional
    public boolean ensure(LocalDate day) {
        return (Boolean) em.createNativeQuery("SELECT access_record_ensure_partition(?1)").setParameter(1, day).getSingleResult();
    }

    /** Drops the partitions older than the retention the database fixes; returns how many. */
    @Transactional
    public int dropExpired() {
        return ((Number) em.createNativeQuery("SELECT access_record_drop_expired_partitions()").getSingleResult()).intValue();
    }
}
