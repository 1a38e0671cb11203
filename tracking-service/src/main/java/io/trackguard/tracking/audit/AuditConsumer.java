package io.trackguard.tracking.audit;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.ClaimedMessages;
import io.quarkus.redis.datasource.stream.StreamCommands;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.redis.datasource.stream.XGroupCreateArgs;
import io.quarkus.redis.datasource.stream.XReadGroupArgs;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Moves access records from the Redis stream to PostgreSQL, as one consumer of a group every
 * replica joins. Each pass writes, in order: this consumer's own pending entries (read before a
 * failure), the entries a dead consumer left pending longer than claim-idle, then new ones. An
 * entry is deleted from the stream and acknowledged only once its batch is committed (or it is
 * kept as rejected): the stream holds exactly what is not yet settled, and a replica that dies
 * mid-batch leaves its entries to be claimed and written again (the writes are idempotent).
 * Deleting before acknowledging means a death between the two leaves a pending id whose entry
 * is gone, which the next read or claim drops: never an entry that is written but still there.
 */
@ApplicationScoped
public class AuditConsumer {

    private static final Logger LOG = Logger.getLogger(AuditConsumer.class);
    /** The scheduler's name of the pass (tests pause it). */
    public static final String JOB = "audit-writer";
    /** How long a catch-up waits before it takes over another consumer's entries: they may simply be being written. */
    private static final Duration CATCH_UP_CLAIM_IDLE = Duration.ofSeconds(2);

    private final StreamCommands<String, String, String> streams;
    private final AuditWriter writer;
    private final AuditConfig config;
    private final String consumer = "audit-" + UUID.randomUUID().toString().substring(0, 8);
    private volatile boolean groupReady;
    private volatile boolean failing;

    public AuditConsumer(RedisDataSource redis, AuditWriter writer, AuditConfig config) {
        this.streams = redis.stream(String.class);
        this.writer = writer;
        this.config = config;
    }

    @Scheduled(identity = JOB, every = "${trackguard.audit.flush-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        try {
            pollOnce(config.claimIdle());
            if (failing) {
                failing = false;
                LOG.info("access audit log: records are written to PostgreSQL again");
            }
        } catch (RuntimeException e) {
            groupReady = false;
            if (!failing) {
                failing = true;
                // the records wait in the stream; said once per outage, not every pass
                LOG.warnf("access audit log: records cannot be written now (%s); they wait in %s", e.getMessage(), config.stream());
            }
        }
    }

    /**
     * One pass; answers how many entries were settled. Throws when Redis or PostgreSQL cannot
     * be used: what was not settled stays in the stream.
     */
    public synchronized int pollOnce(Duration claimIdle) {
        ensureGroup();
        int n = drain("0");
        ClaimedMessages<String, String, String> claimed = streams.xautoclaim(config.stream(), config.group(), consumer, claimIdle,
                "0-0", config.batchSize());
        if (claimed != null) {
            n += settle(claimed.getMessages());
        }
        return n + drain(">");
    }

    /**
     * Returns once every record appended (by any replica) before the call is in PostgreSQL or
     * kept as rejected, writing them itself if need be; throws {@link Unavailable} when that
     * cannot be done within {@code bound}.
     */
    public void catchUp(Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        try {
            List<StreamMessage<String, String, String>> newest = streams.xrevrange(config.stream(), StreamRange.of("+", "-"), 1);
            if (newest == null || newest.isEmpty()) {
                return;
            }
            String upTo = newest.get(0).id();
            while (!streams.xrange(config.stream(), StreamRange.of("-", upTo), 1).isEmpty()) {
                int settled;
                try {
                    settled = pollOnce(CATCH_UP_CLAIM_IDLE.compareTo(config.claimIdle()) < 0 ? CATCH_UP_CLAIM_IDLE : config.claimIdle());
                } catch (AuditWriter.Unavailable e) {
                    settled = 0;
                }
                if (System.nanoTime() > deadline) {
                    throw new Unavailable("the access records are not all written yet");
                }
                if (settled == 0) {
                    Thread.sleep(25);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted");
        } catch (Unavailable e) {
            throw e;
        } catch (RuntimeException e) {
            groupReady = false;
            throw new Unavailable(e.getClass().getSimpleName());
        }
    }

    /** Records not settled yet, by every replica (the stream's length). */
    public long backlog() {
        return streams.xlen(config.stream());
    }

    private int drain(String from) {
        int n = 0;
        while (true) {
            List<StreamMessage<String, String, String>> read = streams.xreadgroup(config.group(), consumer, config.stream(), from,
                    new XReadGroupArgs().count(config.batchSize()));
            if (read == null || read.isEmpty()) {
                return n;
            }
            n += settle(read);
            if (read.size() < config.batchSize()) {
                return n;
            }
        }
    }

    private int settle(List<StreamMessage<String, String, String>> messages) {
        if (messages == null || messages.isEmpty()) {
            return 0;
        }
        List<AuditWriter.Entry> entries = new ArrayList<>(messages.size());
        String[] ids = new String[messages.size()];
        for (int i = 0; i < messages.size(); i++) {
            StreamMessage<String, String, String> m = messages.get(i);
            ids[i] = m.id();
            // an entry deleted but still pending (a consumer died between the two) was written: only acknowledged
            if (m.payload() != null && !m.payload().isEmpty()) {
                entries.add(new AuditWriter.Entry(m.id(), m.payload()));
            }
        }
        writer.write(entries);
        streams.xdel(config.stream(), ids);
        streams.xack(config.stream(), config.group(), ids);
        return messages.size();
    }

    private void ensureGroup() {
        if (groupReady) {
            return;
        }
        try {
            streams.xgroupCreate(config.stream(), config.group(), "0", new XGroupCreateArgs().mkstream());
        } catch (RuntimeException e) {
            if (!String.valueOf(e.getMessage()).contains("BUSYGROUP")) {
                throw e;
            }
        }
        groupReady = true;
    }

    /** The records could not be brought to PostgreSQL in time. */
    public static class Unavailable extends RuntimeException {
        Unavailable(String why) {
            super(why);
        }
    }
}
