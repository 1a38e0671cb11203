package io.trackguard.tracking.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.trackguard.tracking.client.Pseudonyms;
import io.trackguard.tracking.config.TrackingConfig;
import io.trackguard.tracking.shipment.ShipmentFixtures;
import io.trackguard.tracking.support.AccessRecords;
import io.trackguard.tracking.support.Clients;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A public lookup computes its number's pseudonym (an HMAC) once: the limits, the detectors and
 * the audit record all carry that one. Counted through the real lookup, so a second computation
 * anywhere on its way (the lookup, the disclosure, the audit) fails it.
 */
@QuarkusTest
class NumberPseudonymOnceTest {

    @Inject
    ShipmentFixtures fixtures;
    @Inject
    AccessRecords records;
    @Inject
    TrackingConfig config;
    @Inject
    RedisDataSource redis;
    @ConfigProperty(name = "trackguard.ratelimit.key-prefix")
    String limiterPrefix;
    @ConfigProperty(name = "trackguard.abuse.key-prefix")
    String abusePrefix;

    CountingPseudonyms pseudonyms;

    /** The real pseudonyms, which note each number they hash and what came out. */
    static final class CountingPseudonyms extends Pseudonyms {
        final Map<String, List<String>> computed = new ConcurrentHashMap<>();

        CountingPseudonyms(TrackingConfig config) {
            super(config);
        }

        @Override
        public String trackingNumber(String canonical) {
            String hash = super.trackingNumber(canonical);
            computed.computeIfAbsent(canonical, n -> new CopyOnWriteArrayList<>()).add(hash);
            return hash;
        }

        List<String> of(String number) {
            return computed.getOrDefault(number, List.of());
        }
    }

    @BeforeEach
    void countHashes() {
        pseudonyms = new CountingPseudonyms(config);
        QuarkusMock.installMockForType(pseudonyms, Pseudonyms.class);
    }

    @Test
    void aPublicAnswerHashesItsNumberOnceAndTheLimiterAndTheAuditRecordCarryThatHash() {
        String number = fixtures.create(ShipmentFixtures.OTHER_PARTNER);
        pseudonyms.computed.clear(); // only the lookup's
        String body = Clients.fresh().get("/api/v1/track/" + number).then().statusCode(200).extract().asString();
        assertTrue(JsonPath.from(body).getMap("$").containsKey("events"), "the public view: " + body);

        assertEquals(1, pseudonyms.of(number).size(), "one HMAC of the number per lookup");
        assertTheLimiterAndTheRecordCarry(pseudonyms.of(number).get(0));
    }

    @Test
    void aStatusOnlyAnswerOfAGuardedPartnerHashesItsNumberOnceToo() {
        String partner = "guarded-" + UUID.randomUUID().toString().substring(0, 8);
        String number = fixtures.create(partner, false, null);
        redis.value(String.class).set(abusePrefix + "{partner:" + partner + "}:guarded", "1");
        pseudonyms.computed.clear(); // only the lookup's
        String body = Clients.fresh().get("/api/v1/track/" + number).then().statusCode(200).extract().asString();
        assertFalse(JsonPath.from(body).getMap("$").containsKey("events"), "the status only: " + body);

        assertEquals(1, pseudonyms.of(number).size(), "one HMAC of the number per lookup");
        assertTheLimiterAndTheRecordCarry(pseudonyms.of(number).get(0));
    }

    private void assertTheLimiterAndTheRecordCarry(String hash) {
        assertTrue(redis.key().exists(limiterPrefix + "{number:" + hash + "}"), "the number's limit is counted under " + hash);
        List<Map<String, Object>> disclosed = records.where("number_hash", hash);
        assertEquals(1, disclosed.size(), "the lookup's record, under the same hash");
        assertEquals("DISCLOSED", disclosed.get(0).get("outcome"));
        assertEquals("PUBLIC", disclosed.get(0).get("tier"));
    }
}
