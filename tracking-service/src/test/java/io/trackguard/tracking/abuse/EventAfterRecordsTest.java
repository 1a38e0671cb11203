package io.trackguard.tracking.abuse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agroal.api.AgroalDataSource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.trackguard.tracking.client.Pseudonyms;
import io.trackguard.tracking.support.BulkShipments;
import io.trackguard.tracking.support.Clients;
import io.trackguard.tracking.support.HourlyFlush;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * notification-service scopes an incident from the audit log as soon as the event allows: by the
 * time the event is on the stream, every lookup this replica answered to the actor is in the table.
 * The consumer's scheduled pass is made hourly here, so only the catch-up the event waits for can
 * have written them (records are durable in the Redis stream from the answer on; the table is
 * what notification-service reads).
 */
@QuarkusTest
@TestProfile(HourlyFlush.class)
class EventAfterRecordsTest {

    @Inject
    BulkShipments bulk;
    @Inject
    RedisDataSource redis;
    @Inject
    AbuseConfig abuseConfig;
    @Inject
    Pseudonyms pseudonyms;
    @Inject
    AgroalDataSource dataSource;

    @Test
    void theAnsweredLookupsAreInTheAuditLogBeforeTheEventIsOnTheStream() throws Exception {
        int threshold = abuseConfig.distinctNumbers();
        List<String> numbers = bulk.delivered("settle-before-event", "Settle Before Event", true, threshold + 1);
        String address = Clients.freshAddress();
        String actor = pseudonyms.address(InetAddress.getByName(address));
        int answered = 0;
        for (String number : numbers) {
            int status = Clients.from(address).get("/api/v1/track/" + number).statusCode();
            if (status == 429) {
                break;
            }
            assertEquals(200, status);
            answered++;
        }
        assertEquals(threshold, answered, "blocked past the threshold");
        long events = redis.stream(String.class).xrange(abuseConfig.stream(), StreamRange.of("-", "+")).stream()
                .map(StreamMessage::payload).filter(e -> actor.equals(e.get("actor"))).count();
        assertEquals(1, events, "the episode's event is on the stream");
        assertEquals(answered, answeredRows(actor), "every answered lookup is in the audit log once the event is out");
    }

    /** Read straight from the table: nothing here flushes the queue. */
    private long answeredRows(String actor) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM access_record WHERE actor_id = ? AND shipment_id IS NOT NULL")) {
            ps.setString(1, actor);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
