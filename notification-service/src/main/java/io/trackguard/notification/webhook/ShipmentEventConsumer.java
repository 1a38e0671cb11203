package io.trackguard.notification.webhook;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.ClaimedMessages;
import io.quarkus.redis.datasource.stream.StreamCommands;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.XGroupCreateArgs;
import io.quarkus.redis.datasource.stream.XReadGroupArgs;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Reads tracking-service's shipment events ({@code trackguard:shipment-events}) as one consumer
 * of a group every replica joins, and records each as a webhook event (de-duplicated on the
 * event's id: the relay may publish an entry twice) before acknowledging it. Pending entries of
 * this consumer are read again first, those of a crashed one claimed after claim-idle. Each event
 * keeps its entry id: deliveries follow the stream's order, not the order replicas recorded them
 * in ({@link RecordedStream}).
 */
@ApplicationScoped
public class ShipmentEventConsumer {

    private static final Logger LOG = Logger.getLogger(ShipmentEventConsumer.class);
    /** The scheduler's name of the poll (tests pause it). */
    public static final String JOB = "shipment-events";

    private final StreamCommands<String, String, String> streams;
    private final DeliveryStore store;
    private final WebhookConfig config;
    private final WebhookSender sender;
    private final String consumer;
    private volatile boolean groupReady;

    @Inject
    public ShipmentEventConsumer(RedisDataSource redis, DeliveryStore store, WebhookConfig config, WebhookSender sender) {
        this(redis, store, config, sender, "webhooks-" + UUID.randomUUID().toString().substring(0, 8));
    }

    /** A consumer of the given name: tests stand in for another replica with a second one. */
    ShipmentEventConsumer(RedisDataSource redis, DeliveryStore store, WebhookConfig config, WebhookSender sender, String consumer) {
        this.streams = redis.stream(String.class);
        this.store = store;
        this.config = config;
        this.sender = sender;
        this.consumer = consumer;
    }

    @Scheduled(identity = JOB, every = "${trackguard.webhooks.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "1s")
    void poll() {
        try {
            if (pollOnce() > 0) {
                sender.wake();
            }
        } catch (RuntimeException e) {
            groupReady = false;
            LOG.warnf("shipment events could not be read from %s: %s", config.stream(), e.getClass().getSimpleName());
        }
    }

    /** One pass over the stream; answers how many entries were recorded. */
    public int pollOnce() {
        ensureGroup();
        int n = handle(streams.xreadgroup(config.group(), consumer, config.stream(), "0", new XReadGroupArgs().count(config.batchSize())));
        ClaimedMessages<String, String, String> claimed = streams.xautoclaim(config.stream(), config.group(), consumer,
                config.claimIdle(), "0-0", config.batchSize());
        if (claimed != null) {
            n += handle(claimed.getMessages());
        }
        while (true) {
            List<StreamMessage<String, String, String>> fresh = streams.xreadgroup(config.group(), consumer, config.stream(), ">",
                    new XReadGroupArgs().count(config.batchSize()));
            n += handle(fresh);
            if (fresh == null || fresh.size() < config.batchSize()) {
                return n;
            }
        }
    }

    private int handle(List<StreamMessage<String, String, String>> messages) {
        if (messages == null) {
            return 0;
        }
        int n = 0;
        for (StreamMessage<String, String, String> m : messages) {
            Map<String, String> e = m.payload();
            UUID id = parse(e.get("id"));
            Optional<StreamPosition> entry = StreamPosition.parse(m.id());
            if (id == null || entry.isEmpty() || blank(e.get("partner")) || blank(e.get("type")) || blank(e.get("shipment"))
                    || blank(e.get("payload"))) {
                LOG.errorf("shipment event %s is not of the contract (id, type, partner, shipment, payload); skipped", m.id());
            } else if (record(m.id(), id, e, entry.get())) {
                n++;
            }
            streams.xack(config.stream(), config.group(), m.id());
        }
        return n;
    }

    /**
     * Records one entry; false when the database refuses it for what it holds (it is skipped and
     * acknowledged: left pending, it would hold every later event back, see RecordedStream). Any
     * other failure (the database away) propagates, and the entry stays pending for the next pass.
     */
    private boolean record(String entryId, UUID id, Map<String, String> e, StreamPosition entry) {
        try {
            store.accept(id, e.get("partner"), e.get("type"), e.get("shipment"), e.get("payload"), entry);
            return true;
        } catch (RuntimeException x) {
            String state = sqlState(x);
            if (state != null && (state.startsWith("22") || state.startsWith("23"))) {
                LOG.errorf("shipment event %s refused by the database (SQLState %s); skipped", entryId, state);
                return false;
            }
            throw x;
        }
    }

    private static String sqlState(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SQLException s && s.getSQLState() != null) {
                return s.getSQLState();
            }
        }
        return null;
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

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static UUID parse(String s) {
        try {
            return s == null ? null : UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
