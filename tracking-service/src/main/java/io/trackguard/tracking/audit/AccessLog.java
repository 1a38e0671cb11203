package io.trackguard.tracking.audit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.stream.ReactiveStreamCommands;
import io.trackguard.problem.DependencyFailures;
import io.trackguard.problem.Problem;
import io.trackguard.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The access audit log, durable before the answer leaves: {@link #append} returns only once the
 * record is in the Redis stream (Redis runs with its append-only file, fsync every second in
 * deployments) or, when Redis cannot take it, in PostgreSQL itself; when neither can, the
 * request is refused 503 and nothing is disclosed. A replica that crashes after appending loses
 * nothing: the record is in Redis, and {@link AuditConsumer} (every replica runs one) writes it
 * to the partitioned table. One Redis round trip per record is the whole cost on the request path.
 */
@ApplicationScoped
public class AccessLog {

    private static final Logger LOG = Logger.getLogger(AccessLog.class);

    private final ReactiveStreamCommands<String, String, String> streams;
    private final AuditWriter writer;
    private final AuditConsumer consumer;
    private final AuditConfig config;
    private final Counter direct;
    /** Until when records go straight to PostgreSQL, after Redis failed to take one (as the limiter skips Redis). */
    private final AtomicLong redisSkippedUntil = new AtomicLong();

    public AccessLog(ReactiveRedisDataSource redis, AuditWriter writer, AuditConsumer consumer, AuditConfig config, MeterRegistry metrics) {
        this.streams = redis.stream(String.class);
        this.writer = writer;
        this.consumer = consumer;
        this.config = config;
        this.direct = Counter.builder("trackguard.audit.direct.writes")
                .description("Access records written to PostgreSQL by the request itself because Redis could not take them")
                .register(metrics);
    }

    public void append(AccessRecord record) {
        Map<String, String> fields = StreamedRecords.encode(record);
        if (System.currentTimeMillis() >= redisSkippedUntil.get()) {
            try {
                streams.xadd(config.stream(), fields).await().atMost(config.redisTimeout());
                return;
            } catch (RuntimeException e) {
                // A timed-out XADD may still land: the record is then kept twice, never lost.
                redisSkippedUntil.set(System.currentTimeMillis() + config.redisRetryAfterFailure().toMillis());
                LOG.warnf("access audit log: Redis did not take a record (%s); records go to PostgreSQL directly for %s",
                        e.getClass().getSimpleName(), config.redisRetryAfterFailure());
            }
        }
        try {
            writer.write(List.of(new AuditWriter.Entry("db-" + UUID.randomUUID(), fields)));
            direct.increment();
        } catch (AuditWriter.Unavailable e) {
            LOG.errorf("access audit log: neither Redis nor PostgreSQL took a record (%s); refusing the request", e.getMessage());
            throw unavailable();
        }
    }

    /**
     * Returns once every record appended before the call, by any replica, is in PostgreSQL (or
     * kept as rejected): for the readers that answer from the table. Refused 503 when that cannot
     * be within trackguard.audit.catch-up-timeout.
     */
    public void flush() {
        try {
            consumer.catchUp(config.catchUpTimeout());
        } catch (AuditConsumer.Unavailable e) {
            LOG.warnf("access audit log: records could not all be written in %s (%s)", config.catchUpTimeout(), e.getMessage());
            throw unavailable();
        }
    }

    /** Records appended and not yet in PostgreSQL, by every replica. */
    public int queued() {
        return (int) Math.min(Integer.MAX_VALUE, consumer.backlog());
    }

    private static ProblemException unavailable() {
        return new ProblemException(Problem.typed(DependencyFailures.SLUG, 503, "Service unavailable",
                "This request cannot be recorded right now, so it is not answered. Try again later."),
                Map.of("Retry-After", "5"));
    }
}
