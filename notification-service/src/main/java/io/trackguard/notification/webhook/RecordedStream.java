package io.trackguard.notification.webhook;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamCommands;
import io.quarkus.redis.datasource.stream.XPendingSummary;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * How far the shipment-event stream is recorded without a gap, so that events are fanned out in
 * the stream's order even when several replicas record them: replica B may record a shipment's
 * second event while replica A still holds its first (slow, or crashed until its entry is
 * claimed). Every entry below the group's lowest pending entry is recorded (entries are
 * acknowledged only after they are), and when nothing is pending, every entry up to the
 * highest one recorded before asking. Events at or above the bound wait for the next pass.
 */
@ApplicationScoped
public class RecordedStream {

    private static final Logger LOG = Logger.getLogger(RecordedStream.class);

    private final StreamCommands<String, String, String> streams;
    private final DeliveryStore store;
    private final WebhookConfig config;

    public RecordedStream(RedisDataSource redis, DeliveryStore store, WebhookConfig config) {
        this.streams = redis.stream(String.class);
        this.store = store;
        this.config = config;
    }

    /**
     * The exclusive bound: stream events below it may be fanned out. {@link StreamPosition#START}
     * (none) when Redis cannot be asked: events that do not come from the stream still go.
     */
    public StreamPosition bound() {
        // the highest recorded entry is read BEFORE the pending list: an entry delivered after it
        // may be recorded by one replica before an earlier one by another, and is not below it
        Optional<StreamPosition> recorded = store.highestRecordedStreamEntry();
        Optional<StreamPosition> lowestPending;
        try {
            XPendingSummary pending = streams.xpending(config.stream(), config.group());
            lowestPending = pending == null || pending.getPendingCount() == 0 ? Optional.empty()
                    : StreamPosition.parse(pending.getLowestId());
        } catch (RuntimeException e) {
            if (String.valueOf(e.getMessage()).contains("NOGROUP")) {
                lowestPending = Optional.empty(); // nobody has read the stream yet
            } else {
                LOG.debugf("pending shipment events could not be read: %s", e.getClass().getSimpleName());
                return StreamPosition.START;
            }
        }
        return lowestPending.orElseGet(() -> recorded.map(StreamPosition::next).orElse(StreamPosition.START));
    }
}
