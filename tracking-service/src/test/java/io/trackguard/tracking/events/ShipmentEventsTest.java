package io.trackguard.tracking.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;
import io.trackguard.testsupport.Await;
import io.trackguard.tracking.scan.NewScanEvent;
import io.trackguard.tracking.shipment.ScanEventType;
import io.trackguard.tracking.scan.ScanService;
import io.trackguard.tracking.shipment.ShipmentFixtures;
import io.trackguard.tracking.shipment.ShipmentService;
import io.trackguard.tracking.trackingnumber.TrackingNumber;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Status changes become stream events through the outbox, with the owning partner's view, and none is lost. */
@QuarkusTest
class ShipmentEventsTest {

    @Inject
    ShipmentFixtures fixtures;
    @Inject
    ShipmentService shipments;
    @Inject
    ShipmentEventRelay relay;
    @Inject
    ScanService scans;
    @Inject
    Scheduler scheduler;
    @Inject
    RedisDataSource redis;
    @Inject
    ObjectMapper json;
    @Inject
    EntityManager em;
    @Inject
    MeterRegistry metrics;
    @ConfigProperty(name = "trackguard.events.stream")
    String stream;
    @ConfigProperty(name = "trackguard.events.relay-fallback-interval")
    String fallbackInterval;

    @Test
    void aCommittedChangeIsOnTheStreamWithinSecondsWithoutWaitingForThePoll() {
        assertEquals("1h", fallbackInterval, "the tests' fallback poll is too rare to be what relays");
        String number = fixtures.create(ShipmentFixtures.OTHER_PARTNER);
        shipments.cancel(ShipmentFixtures.OTHER_PARTNER, TrackingNumber.tryParse(number).orElseThrow());
        // nobody calls the relay here: the commits wake it
        List<String> types = Await.until("both events on the stream", Duration.ofSeconds(10),
                () -> eventsOf(number).stream().map(e -> e.payload().get("type")).toList(), t -> t.size() >= 2);
        assertEquals(List.of("shipment.created", "shipment.cancelled"), types);
    }

    @Test
    void anIdleRelayDoesNotLookAtTheOutbox() throws InterruptedException {
        // the fallback poll's first look, a second after the start, is behind us
        Await.until("the fallback poll's first look", () -> looks("poll"), n -> n >= 1);
        double before = looks("poll") + looks("commit");
        Thread.sleep(3000);
        assertEquals(before, looks("poll") + looks("commit"), "no look at the outbox in 3 s without a change");
    }

    @Test
    void everyStatusChangeIsAnEventInOrderWithThePartnersView() throws Exception {
        String number = fixtures.createDelivered(ShipmentFixtures.OTHER_PARTNER);
        relayAll();

        List<StreamMessage<String, String, String>> events = eventsOf(number);
        assertEquals(List.of("shipment.created", "shipment.accepted", "shipment.in_transit", "shipment.out_for_delivery",
                "shipment.delivered"), events.stream().map(e -> e.payload().get("type")).toList());
        StreamMessage<String, String, String> delivered = events.get(4);
        assertEquals(ShipmentFixtures.OTHER_PARTNER, delivered.payload().get("partner"));
        JsonNode body = json.readTree(delivered.payload().get("payload"));
        assertEquals("shipment.delivered", body.get("type").asText());
        JsonNode data = body.get("data");
        // the owning partner's tier, field by field: what GET /api/v1/shipments/{n} shows the partner, nothing else
        assertEquals(Set.of("trackingNumber", "status", "partnerId", "orderReference", "sender", "recipient", "destination",
                "productCategory", "expectedDeliveryDate", "deliveredOn", "deliveredAt", "signerName", "createdAt", "events"), names(data));
        assertEquals("DELIVERED", data.get("status").asText());
        assertEquals("J. Roe", data.get("signerName").asText());
        assertEquals("Jane Roe", data.get("recipient").get("name").asText());
        assertEquals("M5H1A1", data.get("destination").get("postalCode").asText());
        assertEquals("cannabis", data.get("productCategory").asText());
        assertEquals(4, data.get("events").size());
        // every event its own id
        assertEquals(5, events.stream().map(e -> e.payload().get("id")).distinct().count());
    }

    @Test
    void anExceptionIsPublishedLikeAnyStatusAndSoIsWhatFollowsIt() throws Exception {
        String number = fixtures.create(ShipmentFixtures.OTHER_PARTNER);
        TrackingNumber tn = TrackingNumber.tryParse(number).orElseThrow();
        Instant t = Instant.now().minusSeconds(3600);
        scans.record(tn, new NewScanEvent(ScanEventType.ACCEPTED, t, new NewScanEvent.Facility("Mississauga", "ON"), null), "test");
        scans.record(tn, new NewScanEvent(ScanEventType.EXCEPTION, t.plusSeconds(600), new NewScanEvent.Facility("Toronto", "ON"), null), "test");
        scans.record(tn, new NewScanEvent(ScanEventType.IN_TRANSIT, t.plusSeconds(1200), new NewScanEvent.Facility("Toronto", "ON"), null), "test");
        relayAll();

        List<StreamMessage<String, String, String>> events = eventsOf(number);
        assertEquals(List.of("shipment.created", "shipment.accepted", "shipment.exception", "shipment.in_transit"),
                events.stream().map(e -> e.payload().get("type")).toList());
        StreamMessage<String, String, String> exception = events.get(2);
        assertEquals(ShipmentFixtures.OTHER_PARTNER, exception.payload().get("partner"));
        JsonNode body = json.readTree(exception.payload().get("payload"));
        assertEquals("shipment.exception", body.get("type").asText());
        assertEquals("EXCEPTION", body.get("data").get("status").asText());
        assertEquals("EXCEPTION", body.get("data").get("events").get(1).get("type").asText());
    }

    @Test
    void aCrashBeforeOrDuringTheRelayLosesNothingAndRepublishesUnderTheSameId() {
        scheduler.pause(ShipmentEventRelay.JOB);
        String number;
        try {
            // the relay is not running (the process died after the commit): the change is there, its event waits
            number = fixtures.create(ShipmentFixtures.OTHER_PARTNER);
            shipments.cancel(ShipmentFixtures.OTHER_PARTNER, TrackingNumber.tryParse(number).orElseThrow());
            assertTrue(eventsOf(number).isEmpty(), "nothing published while the relay is down");
            assertEquals(2L, pending(number));
        } finally {
            scheduler.resume(ShipmentEventRelay.JOB);
        }
        relayAll();
        List<StreamMessage<String, String, String>> first = eventsOf(number);
        assertEquals(List.of("shipment.created", "shipment.cancelled"), first.stream().map(e -> e.payload().get("type")).toList());
        assertEquals(0L, pending(number));

        // a crash after XADD and before the rows were marked: they are published again, under the same ids
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "UPDATE shipment_event_outbox SET relayed_at = NULL WHERE payload LIKE ?1").setParameter(1, "%" + number + "%").executeUpdate());
        relayAll();
        List<String> ids = eventsOf(number).stream().map(e -> e.payload().get("id")).toList();
        String created = first.get(0).payload().get("id");
        String cancelled = first.get(1).payload().get("id");
        assertEquals(List.of(created, cancelled, created, cancelled), ids);
    }

    /** Relays until the outbox is empty, after any relay the scheduler is running (it holds the lock meanwhile). */
    private void relayAll() {
        int guard = 0;
        int n;
        while ((n = relay.relayOnce()) != 0 && guard++ < 1000) {
            if (n < 0) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private double looks(String cause) {
        return metrics.find("trackguard.events.relay.looks").tag("cause", cause).counter().count();
    }

    private long pending(String number) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM shipment_event_outbox WHERE relayed_at IS NULL AND payload LIKE ?1")
                .setParameter(1, "%" + number + "%").getSingleResult()).longValue());
    }

    private List<StreamMessage<String, String, String>> eventsOf(String number) {
        List<StreamMessage<String, String, String>> all = redis.stream(String.class).xrange(stream, StreamRange.of("-", "+"));
        List<StreamMessage<String, String, String>> mine = new ArrayList<>();
        for (StreamMessage<String, String, String> m : all) {
            if (m.payload().get("payload").contains("\"trackingNumber\":\"" + number + "\"")) {
                mine.add(m);
            }
        }
        return mine;
    }

    private static Set<String> names(JsonNode node) {
        Set<String> names = new TreeSet<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
