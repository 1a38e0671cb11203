package io.trackguard.tracking.abuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.test.junit.QuarkusTest;
import io.trackguard.tracking.shipment.ShipmentFixtures;
import io.trackguard.tracking.support.Clients;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A crowd that guesses numbers, each address missing once: no address crosses its own miss
 * limit, but the misses of all clients together cross theirs, and one MISSES_SURGE event says
 * so (there is no one to block: it is for people to look at).
 */
@QuarkusTest
class MissesSurgeTest {

    @Inject
    AbuseConfig config;
    @Inject
    RedisDataSource redis;

    @Test
    void missesFromManyAddressesRaiseOneSurgeEvent() {
        long floor = config.globalMisses().floor();
        // Other tests of this run missed a little too, so the surge can come sooner; and a miss whose
        // count did not reach Redis (a timeout on a loaded machine: the lookup is still answered)
        // makes it come a little later, so up to 10 % more are allowed.
        List<Map<String, String>> surges = List.of();
        for (long i = 0; i <= floor + floor / 10 && surges.isEmpty(); i++) {
            Clients.fresh().get("/api/v1/track/" + ShipmentFixtures.unknownNumber()).then().statusCode(404);
            if (i >= floor) {
                surges = surges();
            }
        }
        surges = surges();
        assertEquals(1, surges.size(), "one event per window while it lasts");
        Map<String, String> event = surges.get(0);
        assertFalse(event.containsKey("actor") || event.containsKey("partner"), event.toString());
        assertTrue(Long.parseLong(event.get("misses")) > floor, event.toString());
        assertEquals("0", event.get("distinctNumbers"));
        assertEquals("tracking-service", event.get("source"));
        assertTrue(Instant.parse(event.get("windowStart")).isBefore(Instant.parse(event.get("windowEnd"))));

        for (int i = 0; i < 20; i++) {
            Clients.fresh().get("/api/v1/track/" + ShipmentFixtures.unknownNumber()).then().statusCode(404);
        }
        assertEquals(1, surges().size(), "not one event per miss");
    }

    private List<Map<String, String>> surges() {
        return redis.stream(String.class).xrange(config.stream(), StreamRange.of("-", "+")).stream()
                .map(StreamMessage::payload).filter(e -> "MISSES_SURGE".equals(e.get("type"))).toList();
    }
}
