package io.trackguard.notification.event;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.ClaimedMessages;
import io.quarkus.redis.datasource.stream.StreamCommands;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.XGroupCreateArgs;
import io.quarkus.redis.datasource.stream.XReadGroupArgs;
import io.quarkus.scheduler.Scheduled;
import io.trackguard.notification.config.NotifyConfig;
import io.trackguard.notification.scope.ScopeWorker;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PessimisticLockException;
import java.io.IOException;
import java.net.InetAddress;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.List;
import java.util.UUID;
import org.hibernate.exception.JDBCConnectionException;
import org.hibernate.exception.LockAcquisitionException;
import org.jboss.logging.Logger;

/**
 * Reads security events from the Redis Stream as one consumer of a group that every replica
 * joins under a name of its own. Each poll handles, in order: this consumer's own entries
 * still pending (delivered but not acknowledged, e.g. the database was away), entries that
 * another consumer left pending longer than claim-idle (a crashed replica: XAUTOCLAIM), then
 * new ones. An entry is acknowledged only after its transaction committed; a malformed entry
 * is dead-lettered and acknowledged; nothing blocks the stream. Runs on the scheduler, so no
 * thread exists before the application starts.
 */
@ApplicationScoped
public class SecurityEventConsumer {

    private static final Logger LOG = Logger.getLogger(SecurityEventConsumer.class);

    private final StreamCommands<String, String, String> streams;
    private final EventHandler handler;
    private final ScopeWorker scopes;
    private final NotifyConfig.Events config;
    private final String consumer;
    private volatile boolean groupReady;

    public SecurityEventConsumer(RedisDataSource redis, EventHandler handler, ScopeWorker scopes, NotifyConfig config) {
        this.streams = redis.stream(String.class);
        this.handler = handler;
        this.scopes = scopes;
        this.config = config.events();
        this.consumer = this.config.consumerName().orElseGet(SecurityEventConsumer::defaultName);
    }

    public String consumerName() {
        return consumer;
    }

    /** The scheduler's name of the poll (tests pause it to stage a crashed replica). */
    public static final String JOB = "security-events";

    @Scheduled(identity = JOB, every = "${trackguard.notify.events.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "1s")
    void poll() {
        try {
            pollOnce();
        } catch (RuntimeException e) {
            // Redis or the database away: nothing was acknowledged, so nothing is lost; the next poll tries again.
            groupReady = false;
            LOG.warnf("security events could not be read from %s: %s", config.stream(), e.getClass().getSimpleName());
        }
    }

    /** One pass over the stream; answers how many entries were handled. */
    public int pollOnce() {
        ensureGroup();
        int handled = handleAll(streams.xreadgroup(config.group(), consumer, config.stream(), "0",
                new XReadGroupArgs().count(config.batchSize())));
        ClaimedMessages<String, String, String> claimed = streams.xautoclaim(config.stream(), config.group(), consumer,
                config.claimIdle(), "0-0", config.batchSize());
        if (claimed != null && !claimed.getMessages().isEmpty()) {
            LOG.infof("claimed %d security events left pending by another consumer", claimed.getMessages().size());
            handled += handleAll(claimed.getMessages());
        }
        while (true) {
            List<StreamMessage<String, String, String>> fresh = streams.xreadgroup(config.group(), consumer, config.stream(), ">",
                    new XReadGroupArgs().count(config.batchSize()));
            handled += handleAll(fresh);
            if (fresh == null || fresh.size() < config.batchSize()) {
                break;
            }
        }
        if (handled > 0) {
            scopes.wake();
        }
        return handled;
    }

    private int handleAll(List<StreamMessage<String, String, String>> messages) {
        if (messages == null) {
            return 0;
        }
        int n = 0;
        for (StreamMessage<String, String, String> m : messages) {
            try {
                handler.handle(config.stream(), m.id(), m.payload());
            } catch (RuntimeException e) {
                if (transientFailure(e)) {
                    throw e; // left pending: handled again at the next poll, once the database is back
                }
                LOG.errorf(e, "security event %s could not be handled; dead-lettered", m.id());
                handler.failed(config.stream(), m.id(), m.payload(), "could not be handled: " + e.getClass().getSimpleName());
            }
            streams.xack(config.stream(), config.group(), m.id());
            n++;
        }
        return n;
    }

    /** The database being away is worth waiting for; anything else would fail again the same way. */
    private static boolean transientFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException
                    || t instanceof JDBCConnectionException
                    || t instanceof LockAcquisitionException
                    || t instanceof PessimisticLockException
                    || (t instanceof SQLException s && s.getSQLState() != null
                        && (s.getSQLState().startsWith("08") || s.getSQLState().startsWith("40") || s.getSQLState().startsWith("57")))) {
                return true;
            }
        }
        return false;
    }

    private void ensureGroup() {
        if (groupReady) {
            return;
        }
        try {
            // from the start of the stream: events written before this service first ran are handled too
            streams.xgroupCreate(config.stream(), config.group(), "0", new XGroupCreateArgs().mkstream());
            LOG.infof("consumer group %s created on %s", config.group(), config.stream());
        } catch (RuntimeException e) {
            if (!String.valueOf(e.getMessage()).contains("BUSYGROUP")) {
                throw e;
            }
        }
        groupReady = true;
    }

    private static String defaultName() {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                host = "replica";
            }
        }
        return host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
