package io.trackguard.tracking.audit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The access audit log (environment: TRACKGUARD_AUDIT_*). */
@ConfigMapping(prefix = "trackguard.audit")
public interface AuditConfig {

    /** How often queued records are written (read by the scheduler; a crash loses at most this much). */
    @WithDefault("1s")
    String flushInterval();

    /** When partitions are maintained (Quartz-style cron, read by the scheduler). */
    @WithDefault("0 17 3 * * ?")
    String maintenanceCron();

    /** Records waiting to be written; when full, the request writes its record itself. */
    @WithDefault("50000")
    int queueCapacity();

    /** Most records in one batch insert. */
    @WithDefault("1000")
    int batchSize();

    /** Monthly partitions created ahead of time. */
    @WithDefault("2")
    int partitionsAhead();
}
