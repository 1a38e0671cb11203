package io.trackguard.tracking.audit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The access audit log (environment: TRACKGUARD_AUDIT_*). */
@ConfigMapping(prefix = "trackguard.audit")
public interface AuditConfig {

    /** How often this replica's consumer moves records from the stream to PostgreSQL (read by the scheduler). */
    @WithDefault("1s")
    String flushInterval();

    /** When partitions are maintained (Quartz-style cron, read by the scheduler). */
    @WithDefault("0 17 3 * * ?")
    String maintenanceCron();

    /** The Redis stream every answered request's record is appended to before the answer leaves. */
    @WithDefault("trackguard:access-records")
    String stream();

    /** The consumer group every replica joins to write the stream to PostgreSQL. */
    @WithDefault("audit-writers")
    String group();

    /** Most records in one batch insert (and read from the stream at once). */
    @WithDefault("1000")
    int batchSize();

    /** How long a record may sit unacknowledged with a consumer before another replica claims it (the first one died). */
    @WithDefault("30s")
    Duration claimIdle();

    /**
     * How long a reader that needs every record in PostgreSQL (a security event, an exposure
     * query, a recipient's access report) waits for the consumers to catch up before it is
     * answered 503.
     */
    @WithDefault("10s")
    Duration catchUpTimeout();

    /** How long a request waits for Redis to take its record before writing it to PostgreSQL itself. */
    @WithDefault("1s")
    Duration redisTimeout();

    /** After Redis failed to take a record, how long requests write their records to PostgreSQL directly. */
    @WithDefault("5s")
    Duration redisRetryAfterFailure();

    /** Monthly partitions created ahead of time. */
    @WithDefault("2")
    int partitionsAhead();
}
