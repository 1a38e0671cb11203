package io.trackguard.notification.webhook;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.XReadGroupArgs;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.trackguard.notification.support.Db;
import io.trackguard.notification.support.Mailbox;
import io.trackguard.notification.support.Receiver;
import io.trackguard.notification.support.StandIns;
import io.trackguard.testsupport.Await;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Shipment events from the stream to partners' endpoints: an HTTPS receiver with a self-signed
 * certificate, signatures checked with an independent implementation of Standard Webhooks
 * ({@code com.standardwebhooks:standardwebhooks}), scripted failures. The background jobs are
 * paused: each test drives the consumer and the sender itself, so what it asserts is settled.
 */
@QuarkusTest
@QuarkusTestResource(value = StandIns.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = Mailbox.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = Receiver.class, restrictToAnnotatedClass = true)
class WebhookDeliveryTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    ShipmentEventConsumer consumer;
    @Inject
    WebhookSender sender;
    @Inject
    DeliveryStore store;
    @Inject
    WebhookClient client;
    @Inject
    Scheduler scheduler;
    @Inject
    WebhookRetention retention;
    @Inject
    RedisDataSource redis;
    @ConfigProperty(name = "trackguard.webhooks.stream")
    String stream;
    @ConfigProperty(name = "trackguard.webhooks.per-endpoint-concurrency")
    int perEndpoint;
    @Inject
    WebhookConfig config;
    @Inject
    RecordedStream recorded;

    @BeforeEach
    void pauseBackgroundJobs() {
        scheduler.pause(ShipmentEventConsumer.JOB);
        scheduler.pause(WebhookSender.JOB);
    }

    @AfterEach
    void resumeBackgroundJobs() {
        scheduler.resume(ShipmentEventConsumer.JOB);
        scheduler.resume(WebhookSender.JOB);
    }

    @Test
    void anEventGoesSignedToTheOwnersMatchingSubscriptionOnlyAndOnceThoughPublishedTwice() throws Exception {
        String a = partner("a");
        String b = partner("b");
        String secret = secret();
        StandIns.subscription(a, UUID.randomUUID(), Receiver.url("/a/delivered"), List.of("shipment.delivered"), secret, null);
        StandIns.subscription(a, UUID.randomUUID(), Receiver.url("/a/created"), List.of("shipment.created"), secret(), null);
        StandIns.subscription(b, UUID.randomUUID(), Receiver.url("/b/delivered"), List.of("shipment.delivered"), secret(), null);

        UUID event = UUID.randomUUID();
        String body = body("shipment.delivered", "TG-A-1");
        publish(event, a, "shipment.delivered", "ship-1", body);
        publish(event, a, "shipment.delivered", "ship-1", body); // the relay published it again after a crash
        consumer.pollOnce();
        settle();

        List<Receiver.Request> got = Receiver.at("/a/delivered");
        assertEquals(1, got.size());
        Receiver.Request r = got.get(0);
        assertEquals(body, r.body());
        assertEquals("application/json", r.header("content-type"));
        assertDoesNotThrow(() -> new Webhook(secret).verify(r.body(), r.headers()));
        assertThrows(WebhookVerificationException.class, () -> new Webhook(secret()).verify(r.body(), r.headers()));
        assertEquals(List.of(), Receiver.at("/a/created"), "another event type");
        assertEquals(List.of(), Receiver.at("/b/delivered"), "another partner");
        assertEquals(1L, count("SELECT count(*) FROM webhook_delivery WHERE event_id = ?", event));
    }

    @Test
    void retriesKeepTheIdEachAttemptIsSignedAndRetryAfterIsHonoured() {
        String a = partner("retry");
        String current = secret();
        String previous = secret();
        // a rotation's overlap: both secrets sign
        StandIns.subscription(a, UUID.randomUUID(), Receiver.url("/retry"), List.of("shipment.in_transit"), current, previous);
        Receiver.script("/retry", "500", "CLOSE", "HANG", "503 1");
        UUID event = UUID.randomUUID();
        publish(event, a, "shipment.in_transit", "ship-r", body("shipment.in_transit", "TG-R-1"));
        consumer.pollOnce();

        List<Receiver.Request> got = Await.until("five attempts", () -> {
            settle();
            return Receiver.at("/retry");
        }, l -> l.size() >= 5 && delivered(event));
        assertEquals(5, got.size(), "500, closed, timed out, 503, then 200: five attempts, no more");
        String id = got.get(0).header("webhook-id");
        for (Receiver.Request r : got) {
            assertEquals(id, r.header("webhook-id"), "the same webhook-id on every attempt");
            assertEquals(2, r.header("webhook-signature").split(" ").length);
            assertDoesNotThrow(() -> new Webhook(current).verify(r.body(), r.headers()));
            assertDoesNotThrow(() -> new Webhook(previous).verify(r.body(), r.headers()));
        }
        List<Map<String, Object>> attempts = Db.rows("""
                SELECT a.n, a.status_code, a.error, a.attempted_at FROM webhook_attempt a JOIN webhook_delivery d ON d.id = a.delivery_id
                WHERE d.event_id = ? ORDER BY a.n""", event);
        assertEquals(5, attempts.size());
        assertEquals(500, attempts.get(0).get("status_code"));
        assertTrue(String.valueOf(attempts.get(1).get("error")).contains("connection"), String.valueOf(attempts.get(1)));
        assertTrue(String.valueOf(attempts.get(2).get("error")).contains("timeout"), String.valueOf(attempts.get(2)));
        assertEquals(503, attempts.get(3).get("status_code"));
        assertEquals(200, attempts.get(4).get("status_code"));
        Instant afterBusy = ((Timestamp) attempts.get(3).get("attempted_at")).toInstant();
        Instant next = ((Timestamp) attempts.get(4).get("attempted_at")).toInstant();
        assertTrue(!next.isBefore(afterBusy.plusSeconds(1)), "Retry-After: 1 is waited for (the schedule says 200 ms)");
        assertEquals(id, Db.rows("SELECT id FROM webhook_delivery WHERE event_id = ?", event).get(0).get("id").toString());
    }

    @Test
    void goneDisablesTheEndpointAndEndsWhatWaitsForIt() {
        String a = partner("gone");
        UUID subscription = UUID.randomUUID();
        StandIns.subscription(a, subscription, Receiver.url("/gone"), List.of("shipment.accepted", "shipment.in_transit"), secret(), null);
        Receiver.script("/gone", "410");
        UUID first = UUID.randomUUID();
        UUID waiting = UUID.randomUUID();
        // the second event of the shipment waits for the first, which is answered 410
        publish(first, a, "shipment.accepted", "ship-g1", body("shipment.accepted", "TG-G-1"));
        publish(waiting, a, "shipment.in_transit", "ship-g1", body("shipment.in_transit", "TG-G-1"));
        consumer.pollOnce();
        settle();

        assertEquals(1, Receiver.at("/gone").size(), "nothing after the 410");
        assertEquals(1L, count("SELECT count(*) FROM webhook_endpoint WHERE subscription_id = ? AND disabled_at IS NOT NULL", subscription));
        assertEquals(410, Db.rows("SELECT last_status_code FROM webhook_delivery WHERE event_id = ?", first).get(0).get("last_status_code"));
        assertEquals("FAILED", Db.rows("SELECT status FROM webhook_delivery WHERE event_id = ?", waiting).get(0).get("status"));
        UUID later = UUID.randomUUID();
        publish(later, a, "shipment.accepted", "ship-g3", body("shipment.accepted", "TG-G-3"));
        consumer.pollOnce();
        settle();
        assertEquals(0L, count("SELECT count(*) FROM webhook_delivery WHERE event_id = ?", later), "a disabled endpoint gets no new deliveries");
        assertEquals(1, Receiver.at("/gone").size());
    }

    @Test
    @TestSecurity(user = "service-account-partner-gateway", roles = "partner-relay")
    void theGatewayLearnsThatAnEndpointIsDisabledAndEnablesItAgainForItsPartnerOnly() {
        String a = partner("enable");
        UUID subscription = UUID.randomUUID();
        StandIns.subscription(a, subscription, Receiver.url("/enable"), List.of("shipment.accepted"), secret(), null);
        Receiver.script("/enable", "410");
        publish(UUID.randomUUID(), a, "shipment.accepted", "ship-en1", body("shipment.accepted", "TG-EN-1"));
        consumer.pollOnce();
        settle();
        given().queryParam("partner", a).get("/internal/v1/webhook-deliveries/endpoints").then().statusCode(200)
                .body("[0].subscriptionId", equalTo(subscription.toString()))
                .body("[0].disabledReason", equalTo("the endpoint answered 410 Gone"))
                .body("[0].disabledAt", org.hamcrest.Matchers.notNullValue());
        given().queryParam("partner", "someone-else").get("/internal/v1/webhook-deliveries/endpoints").then().statusCode(200)
                .body("size()", equalTo(0));

        // another partner's name changes nothing; the owner's enables it, and new events go to it again
        given().queryParam("partner", "someone-else").post("/internal/v1/webhook-deliveries/endpoints/" + subscription + "/enable")
                .then().statusCode(200);
        assertEquals(1L, count("SELECT count(*) FROM webhook_endpoint WHERE subscription_id = ? AND disabled_at IS NOT NULL", subscription));
        given().queryParam("partner", a).post("/internal/v1/webhook-deliveries/endpoints/" + subscription + "/enable").then().statusCode(200)
                .body("state", equalTo("ACTIVE"));
        given().queryParam("partner", a).get("/internal/v1/webhook-deliveries/endpoints").then().statusCode(200)
                .body("[0].disabledAt", org.hamcrest.Matchers.nullValue());
        UUID after = UUID.randomUUID();
        publish(after, a, "shipment.accepted", "ship-en2", body("shipment.accepted", "TG-EN-2"));
        consumer.pollOnce();
        Await.until("delivered after enabling", () -> {
            settle();
            return delivered(after);
        }, done -> done);
        given().queryParam("partner", a).post("/internal/v1/webhook-deliveries/endpoints/not-a-uuid/enable").then().statusCode(400);
    }

    @Test
    void anEndpointFailingForDisableAfterIsDisabledAndItsPartnerToldOnce() throws Exception {
        String a = partner("failing");
        String contact = "privacy@" + a + ".example";
        StandIns.partner(a, "Failing Retail", false, contact);
        UUID subscription = UUID.randomUUID();
        StandIns.subscription(a, subscription, Receiver.url("/failing"), List.of("shipment.accepted", "shipment.in_transit"), secret(), null);
        Receiver.script("/failing", "500", "500", "500", "500", "500", "500");
        UUID first = UUID.randomUUID();
        UUID waiting = UUID.randomUUID();
        publish(first, a, "shipment.accepted", "ship-f1", body("shipment.accepted", "TG-F-1"));
        publish(waiting, a, "shipment.in_transit", "ship-f1", body("shipment.in_transit", "TG-F-1"));
        consumer.pollOnce();
        settle();
        assertTrue(Receiver.at("/failing").size() >= 1);
        assertEquals(0L, count("SELECT count(*) FROM webhook_endpoint WHERE subscription_id = ? AND disabled_at IS NOT NULL", subscription),
                "failing for a moment only: still enabled");

        // the first failure was 4 days ago (disable-after is 3 days): the next failure disables the endpoint
        Db.rows("UPDATE webhook_endpoint SET failing_since = now() - interval '4 days' WHERE subscription_id = ? RETURNING 1", subscription);
        Await.until("the endpoint disabled", () -> {
            settle();
            return count("SELECT count(*) FROM webhook_endpoint WHERE subscription_id = ? AND disabled_at IS NOT NULL", subscription);
        }, n -> n == 1L);
        int sent = Receiver.at("/failing").size();
        settle();
        settle();

        assertEquals(sent, Receiver.at("/failing").size(), "nothing after the failure that disabled it");
        assertEquals((long) sent, count("SELECT count(*) FROM webhook_attempt a JOIN webhook_delivery d ON d.id = a.delivery_id "
                + "WHERE d.event_id = ?", first));
        assertTrue(Receiver.at("/failing").stream().allMatch(r -> r.body().contains("accepted")), "the waiting event was never sent");
        assertEquals("FAILED", Db.rows("SELECT status FROM webhook_delivery WHERE event_id = ?", first).get(0).get("status"));
        assertEquals("FAILED", Db.rows("SELECT status FROM webhook_delivery WHERE event_id = ?", waiting).get(0).get("status"),
                "what waited for the endpoint ends");
        List<jakarta.mail.internet.MimeMessage> mails = Mailbox.to(contact);
        assertEquals(1, mails.size(), "one email to the partner's privacy contact");
        assertTrue(mails.get(0).getSubject().contains("webhook endpoint was disabled"), mails.get(0).getSubject());
        assertTrue(String.valueOf(mails.get(0).getContent()).contains(Receiver.url("/failing")));
    }

    @Test
    void aSlowEndpointGetsAtMostItsLimitAtOnceAndAnotherPartnersEndpointIsNotHeldUp() throws Exception {
        String slow = partner("slow");
        String fast = partner("fast");
        StandIns.subscription(slow, UUID.randomUUID(), Receiver.url("/slow"), List.of("shipment.created"), secret(), null);
        StandIns.subscription(fast, UUID.randomUUID(), Receiver.url("/fast"), List.of("shipment.created"), secret(), null);
        Receiver.hold("/slow");
        List<UUID> events = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            UUID e = UUID.randomUUID();
            events.add(e);
            // ten shipments: nothing orders them, so only the endpoint's limit keeps them from going at once
            publish(e, slow, "shipment.created", "ship-slow-" + i, body("shipment.created", "TG-SL-" + i));
        }
        UUID other = UUID.randomUUID();
        publish(other, fast, "shipment.created", "ship-fast", body("shipment.created", "TG-FA-1"));
        consumer.pollOnce();
        Thread pass = new Thread(this::settle);
        pass.start();
        try {
            // the other partner's event arrives while the slow endpoint holds as many requests as it may get
            Await.until("the other partner served while the slow one is full",
                    () -> Receiver.at("/fast").size() + "/" + Receiver.inFlight("/slow"), seen -> seen.equals("1/" + perEndpoint));
        } finally {
            Receiver.release("/slow");
            pass.join();
        }
        Await.until("all ten delivered to the slow endpoint", () -> {
            settle();
            return events.stream().allMatch(this::delivered);
        }, done -> done);
        assertEquals(10, Receiver.at("/slow").size(), "each once");
        assertEquals(perEndpoint, Receiver.mostInFlight("/slow"), "never more than the limit at once to one endpoint");
        assertTrue(delivered(other));
    }

    @Test
    void finishedDeliveriesGoWithTheirAttemptsAndEventsAfterTheKeptPeriodWaitingOnesStay() {
        String a = partner("keep");
        UUID ok = UUID.randomUUID();
        UUID gone = UUID.randomUUID();
        UUID busy = UUID.randomUUID();
        StandIns.subscription(a, ok, Receiver.url("/keep-ok"), List.of("shipment.created"), secret(), null);
        StandIns.subscription(a, gone, Receiver.url("/keep-gone"), List.of("shipment.accepted"), secret(), null);
        StandIns.subscription(a, busy, Receiver.url("/keep-busy"), List.of("shipment.in_transit"), secret(), null);
        Receiver.script("/keep-gone", "410");
        Receiver.script("/keep-busy", "503 3600"); // waits an hour for its next attempt
        UUID oldDelivered = UUID.randomUUID();
        UUID newDelivered = UUID.randomUUID();
        UUID oldFailed = UUID.randomUUID();
        UUID oldWaiting = UUID.randomUUID();
        publish(oldDelivered, a, "shipment.created", "ship-k1", body("shipment.created", "TG-K-1"));
        publish(newDelivered, a, "shipment.created", "ship-k2", body("shipment.created", "TG-K-2"));
        publish(oldFailed, a, "shipment.accepted", "ship-k3", body("shipment.accepted", "TG-K-3"));
        publish(oldWaiting, a, "shipment.in_transit", "ship-k4", body("shipment.in_transit", "TG-K-4"));
        consumer.pollOnce();
        settle();
        assertTrue(delivered(oldDelivered) && delivered(newDelivered));
        assertEquals("FAILED", Db.rows("SELECT status FROM webhook_delivery WHERE event_id = ?", oldFailed).get(0).get("status"));
        assertEquals("PENDING", Db.rows("SELECT status FROM webhook_delivery WHERE event_id = ?", oldWaiting).get(0).get("status"));
        for (UUID e : List.of(oldDelivered, oldFailed, oldWaiting)) { // 31 days ago; the kept period is 30 days
            Db.rows("UPDATE webhook_event SET received_at = received_at - interval '31 days', fanned_out_at = fanned_out_at - interval '31 days' "
                    + "WHERE id = ? RETURNING 1", e);
            Db.rows("UPDATE webhook_attempt a SET attempted_at = a.attempted_at - interval '31 days' FROM webhook_delivery d "
                    + "WHERE d.id = a.delivery_id AND d.event_id = ? RETURNING 1", e);
            Db.rows("UPDATE webhook_delivery SET created_at = created_at - interval '31 days', delivered_at = delivered_at - interval '31 days' "
                    + "WHERE event_id = ? RETURNING 1", e);
        }

        List<Object> finished = Db.rows("SELECT id FROM webhook_delivery WHERE event_id IN (?, ?)", oldDelivered, oldFailed).stream()
                .map(r -> r.get("id")).toList();
        assertEquals(2, finished.size());

        retention.purge(Instant.now());

        for (UUID e : List.of(oldDelivered, oldFailed)) {
            assertEquals(0L, count("SELECT count(*) FROM webhook_delivery WHERE event_id = ?", e), "finished 31 days ago: deleted");
            assertEquals(0L, count("SELECT count(*) FROM webhook_event WHERE id = ?", e));
        }
        for (Object d : finished) {
            assertEquals(0L, count("SELECT count(*) FROM webhook_attempt WHERE delivery_id = ?", d), "their attempts too");
        }
        assertEquals(1L, count("SELECT count(*) FROM webhook_delivery WHERE event_id = ?", newDelivered), "finished just now: kept");
        assertEquals(1L, count("SELECT count(*) FROM webhook_delivery WHERE event_id = ? AND status = 'PENDING'", oldWaiting),
                "still waiting, however old: kept");
        assertEquals(1L, count("SELECT count(*) FROM webhook_event WHERE id = ?", oldWaiting));
        assertEquals(1L, count("SELECT count(*) FROM webhook_attempt a JOIN webhook_delivery d ON d.id = a.delivery_id WHERE d.event_id = ?",
                oldWaiting));
    }

    @Test
    void aLaterEventOfAShipmentWaitsForTheEarlierOne() {
        String a = partner("order");
        StandIns.subscription(a, UUID.randomUUID(), Receiver.url("/order"), List.of("shipment.accepted", "shipment.in_transit"), secret(), null);
        Receiver.script("/order", "500", "500");
        UUID e1 = UUID.randomUUID();
        UUID e2 = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        publish(e1, a, "shipment.accepted", "ship-o1", body("shipment.accepted", "TG-O-1"));
        publish(e2, a, "shipment.in_transit", "ship-o1", body("shipment.in_transit", "TG-O-1"));
        publish(other, a, "shipment.accepted", "ship-o2", body("shipment.accepted", "TG-O-2"));
        consumer.pollOnce();
        Await.until("all three delivered", () -> {
            settle();
            return delivered(e1) && delivered(e2) && delivered(other);
        }, done -> done);

        List<String> types = Receiver.at("/order").stream()
                .filter(r -> r.body().contains("TG-O-1")).map(r -> r.body().contains("in_transit") ? "in_transit" : "accepted").toList();
        // the first shipment's accepted event failed at least once (the two 500s are shared with the other shipment);
        // its in_transit event went only after it succeeded, and once
        assertTrue(types.size() >= 3, types.toString());
        assertEquals("in_transit", types.get(types.size() - 1), types.toString());
        assertEquals(types.size() - 1, types.indexOf("in_transit"), types.toString());
    }

    @Test
    void eventsOfAShipmentRecordedOutOfOrderByTwoReplicasGoInTheStreamsOrder() {
        String a = partner("replicas");
        StandIns.subscription(a, UUID.randomUUID(), Receiver.url("/replicas"), List.of("shipment.accepted", "shipment.in_transit"), secret(),
                null);
        consumer.pollOnce(); // what earlier tests left is recorded: the other replica's read below takes the first event
        UUID e1 = UUID.randomUUID();
        UUID e2 = UUID.randomUUID();
        publish(e1, a, "shipment.accepted", "ship-rp", body("shipment.accepted", "TG-RP-1"));
        publish(e2, a, "shipment.in_transit", "ship-rp", body("shipment.in_transit", "TG-RP-1"));

        // another replica reads the first event and is slow to record it (or crashed: then it is claimed later)
        String other = "replica-b-" + UUID.randomUUID().toString().substring(0, 8);
        ShipmentEventConsumer replicaB = new ShipmentEventConsumer(redis, store, config, sender, other);
        List<StreamMessage<String, String, String>> taken = redis.stream(String.class)
                .xreadgroup(config.group(), other, stream, ">", new XReadGroupArgs().count(1));
        assertEquals(e1.toString(), taken.get(0).payload().get("id"));
        assertEquals(1, consumer.pollOnce(), "this replica records the second event");
        settle();
        assertEquals(0L, count("SELECT count(*) FROM webhook_delivery WHERE event_id = ?", e2), "the second waits for the first");
        assertEquals(List.of(), Receiver.at("/replicas"));

        assertEquals(1, replicaB.pollOnce(), "the other replica records the first event at last");
        Await.until("both delivered", () -> {
            settle();
            return delivered(e1) && delivered(e2);
        }, done -> done);
        List<String> types = Receiver.at("/replicas").stream().map(r -> r.body().contains("in_transit") ? "in_transit" : "accepted").toList();
        assertEquals(List.of("accepted", "in_transit"), types);
    }

    @Test
    void anEntryTheDatabaseRefusesIsSkippedAndHoldsNothingBack() {
        String a = partner("refused");
        StandIns.subscription(a, UUID.randomUUID(), Receiver.url("/refused"), List.of("shipment.accepted"), secret(), null);
        UUID refused = UUID.randomUUID();
        UUID next = UUID.randomUUID();
        publish(refused, a, "shipment.accepted", "ship-nul", "{\"type\":\"shipment.accepted\",\"data\":\"\u0000\"}");
        publish(next, a, "shipment.accepted", "ship-nul", body("shipment.accepted", "TG-NUL-2"));
        consumer.pollOnce();
        Await.until("the next event delivered", () -> {
            settle();
            return delivered(next);
        }, done -> done);
        assertEquals(0L, count("SELECT count(*) FROM webhook_event WHERE id = ?", refused));
        assertEquals(0L, redis.stream(String.class).xpending(stream, config.group()).getPendingCount(), "nothing left pending");
    }

    @Test
    void aSenderThatDiesMidDeliveryLosesNothingAndTheRetryCarriesTheSameId() {
        String a = partner("crash");
        String secret = secret();
        UUID subscription = UUID.randomUUID();
        StandIns.subscription(a, subscription, Receiver.url("/crash"), List.of("shipment.out_for_delivery"), secret, null);
        UUID event = UUID.randomUUID();
        String body = body("shipment.out_for_delivery", "TG-C-1");
        publish(event, a, "shipment.out_for_delivery", "ship-c", body);
        consumer.pollOnce();
        // fan out, then a sender claims the delivery, sends it, and dies before recording anything
        store.fanOut(store.toFanOut(100, recorded.bound()).stream().filter(e -> e.id().equals(event)).findFirst().orElseThrow(),
                List.of(new Subscriptions.Subscription(subscription, Receiver.url("/crash"), List.of(), secret, null)));
        List<DeliveryStore.Claimed> claimed = store.claim(100, Duration.ofMillis(300)).stream()
                .filter(c -> c.payload().equals(body)).toList();
        assertEquals(1, claimed.size());
        String id = claimed.get(0).id().toString();
        long ts = Instant.now().getEpochSecond();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("webhook-id", id);
        headers.put("webhook-timestamp", Long.toString(ts));
        headers.put("webhook-signature", Signatures.header(id, ts, body, List.of(secret)));
        assertEquals(200, client.post(Receiver.url("/crash"), headers, body).status());

        // another sender takes it over once the lease ran out
        Await.until("the delivery taken over", () -> {
            settle();
            return delivered(event);
        }, done -> done);
        List<Receiver.Request> got = Receiver.at("/crash");
        assertEquals(2, got.size(), "sent twice at most: once by the dead sender, once by the one that took over");
        assertEquals(got.get(0).header("webhook-id"), got.get(1).header("webhook-id"));
        assertDoesNotThrow(() -> new Webhook(secret).verify(got.get(1).body(), got.get(1).headers()));
        assertEquals(1L, count("SELECT count(*) FROM webhook_delivery WHERE event_id = ?", event));
    }

    @Test
    void aTargetOfOurOwnNetworkIsRefusedAtDelivery() {
        String a = partner("ssrf");
        UUID metadata = UUID.randomUUID();
        UUID privateNet = UUID.randomUUID();
        StandIns.subscription(a, metadata, "https://169.254.169.254/latest", List.of("shipment.created"), secret(), null);
        StandIns.subscription(a, privateNet, "https://10.0.0.1/hook", List.of("shipment.created"), secret(), null);
        UUID event = UUID.randomUUID();
        publish(event, a, "shipment.created", "ship-s", body("shipment.created", "TG-S-1"));
        consumer.pollOnce();
        settle();
        assertTrue(String.valueOf(lastError(metadata)).contains("target refused: a cloud metadata address"), lastError(metadata));
        assertTrue(String.valueOf(lastError(privateNet)).contains("target refused: a private address"), lastError(privateNet));
    }

    @Test
    void redirectsAreNotFollowedEndlessAnswersAreCutAndOtherPortsRefused() {
        String a = partner("edges");
        UUID moved = UUID.randomUUID();
        UUID endless = UUID.randomUUID();
        UUID otherPort = UUID.randomUUID();
        StandIns.subscription(a, moved, Receiver.url("/moved"), List.of("shipment.created"), secret(), null);
        StandIns.subscription(a, endless, Receiver.url("/endless"), List.of("shipment.created"), secret(), null);
        StandIns.subscription(a, otherPort, "https://93.184.216.34:9443/hook", List.of("shipment.created"), secret(), null);
        Receiver.script("/moved", "REDIRECT", "REDIRECT", "REDIRECT", "REDIRECT", "REDIRECT", "REDIRECT", "REDIRECT", "REDIRECT",
                "REDIRECT", "REDIRECT");
        Receiver.script("/endless", "ENDLESS");
        UUID event = UUID.randomUUID();
        publish(event, a, "shipment.created", "ship-e", body("shipment.created", "TG-E-1"));
        consumer.pollOnce();
        settle();

        assertEquals(302, Db.rows("SELECT last_status_code FROM webhook_delivery WHERE subscription_id = ?", moved).get(0).get("last_status_code"));
        assertTrue(Receiver.at("/moved").size() >= 1);
        assertEquals(List.of(), Receiver.at("/moved/moved-to"), "a redirect is an answer, never followed");
        assertTrue(List.of("PENDING", "SENDING").contains(Db.rows("SELECT status FROM webhook_delivery WHERE subscription_id = ?", moved)
                .get(0).get("status")), "a 3xx is not success: tried again later");

        List<Map<String, Object>> cut = Db.rows("""
                SELECT a.status_code, a.error FROM webhook_attempt a JOIN webhook_delivery d ON d.id = a.delivery_id
                WHERE d.subscription_id = ? ORDER BY a.n""", endless);
        assertEquals(1, cut.size(), "one attempt: the status came and a few KB of the body were enough");
        assertEquals(200, cut.get(0).get("status_code"));
        assertEquals(null, cut.get(0).get("error"), "not waited out to the attempt's timeout");
        assertEquals("DELIVERED", Db.rows("SELECT status FROM webhook_delivery WHERE subscription_id = ?", endless).get(0).get("status"));

        assertTrue(String.valueOf(lastError(otherPort)).contains("port 9443 is not allowed"), lastError(otherPort));
        assertEquals(0L, count("SELECT count(*) FROM webhook_attempt a JOIN webhook_delivery d ON d.id = a.delivery_id "
                + "WHERE d.subscription_id = ? AND a.status_code IS NOT NULL", otherPort), "never connected");
    }

    @Test
    @TestSecurity(user = "service-account-partner-gateway", roles = "partner-relay")
    void theGatewaySeesRetriesAndPingsAPartnersOwnDeliveriesOnly() {
        String a = partner("log-a");
        UUID subscription = UUID.randomUUID();
        String secret = secret();
        StandIns.subscription(a, subscription, Receiver.url("/log"), List.of("shipment.delivered"), secret, null);
        Receiver.script("/log", "500");
        String ping = given().queryParam("partner", a).queryParam("subscription", subscription.toString())
                .post("/internal/v1/webhook-deliveries/ping").then().statusCode(202).extract().path("id");
        Await.until("the ping tried twice", () -> {
            settle();
            return Receiver.at("/log").size();
        }, n -> n >= 2);
        Receiver.Request r = Receiver.at("/log").get(1);
        assertDoesNotThrow(() -> new Webhook(secret).verify(r.body(), r.headers()));
        assertTrue(r.body().contains("\"type\":\"webhook.ping\""), r.body());

        given().queryParam("partner", a).queryParam("subscription", subscription.toString()).get("/internal/v1/webhook-deliveries")
                .then().statusCode(200)
                .body("[0].id", equalTo(ping)).body("[0].status", equalTo("DELIVERED")).body("[0].attempts", equalTo(2))
                .body("[0].log.statusCode", equalTo(List.of(500, 200)));
        // another partner asking about the same subscription and delivery sees nothing and changes nothing
        given().queryParam("partner", "someone-else").queryParam("subscription", subscription.toString())
                .get("/internal/v1/webhook-deliveries").then().statusCode(200).body("size()", equalTo(0));
        given().queryParam("partner", "someone-else").queryParam("subscription", subscription.toString())
                .post("/internal/v1/webhook-deliveries/" + ping + "/retry").then().statusCode(404).contentType("application/problem+json");
        given().queryParam("partner", a).queryParam("subscription", subscription.toString())
                .post("/internal/v1/webhook-deliveries/" + ping + "/retry").then().statusCode(202);
        Await.until("the retry sent", () -> {
            settle();
            return Receiver.at("/log").size();
        }, n -> n >= 3);
        assertEquals(ping, Receiver.at("/log").get(2).header("webhook-id"), "a retry is the same delivery, the same id");
    }

    @Test
    @TestSecurity(user = "a-partner", roles = "webhooks")
    void onlyTheGatewayMayAsk() {
        given().queryParam("partner", "x").queryParam("subscription", UUID.randomUUID().toString())
                .get("/internal/v1/webhook-deliveries").then().statusCode(403);
    }

    /** One whole pass of the sender, after any pass the scheduler had started before the jobs were paused. */
    private void settle() {
        while (sender.drain() < 0) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Test
    void anIncidentNoticeGoesToTheAffectedPartnerAsAnEventOfItsOwn() throws Exception {
        String partner = partner("incident");
        String other = partner("bystander");
        String secret = secret();
        StandIns.partner(partner, "Affected Retail", true, "privacy@" + partner + ".example");
        StandIns.subscription(partner, UUID.randomUUID(), Receiver.url("/incident"), List.of(IncidentWebhooks.TYPE), secret, null);
        StandIns.subscription(other, UUID.randomUUID(), Receiver.url("/bystander"), List.of(IncidentWebhooks.TYPE), secret(), null);
        String actor = "ip:" + UUID.randomUUID();
        List<String> fields = List.of("status", "recipient.name", "signerName");
        StandIns.EXPOSURES.put(actor, List.of(
                StandIns.exposure("TGINC" + UUID.randomUUID().toString().substring(0, 8), partner, true, "Ana Lopez", "ana@example.com", null,
                        fields, List.of("RECIPIENT")),
                StandIns.exposure("TGINC" + UUID.randomUUID().toString().substring(0, 8), partner, true, "Bo Chen", "bo@example.com", null,
                        fields, List.of("RECIPIENT")),
                StandIns.exposure("TGINC" + UUID.randomUUID().toString().substring(0, 8), partner, true, "Cy Dao", "cy@example.com", null,
                        fields, List.of("RECIPIENT"))));
        io.trackguard.notification.support.Events.add(io.trackguard.notification.support.Events.enumeration(actor, 13));

        Await.until("the partner's incident notice delivered", () -> {
            settle();
            return Receiver.at("/incident").size();
        }, n -> n >= 1);
        Receiver.Request r = Receiver.at("/incident").get(0);
        assertDoesNotThrow(() -> new Webhook(secret).verify(r.body(), r.headers()));
        com.fasterxml.jackson.databind.JsonNode body = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body());
        assertEquals(IncidentWebhooks.TYPE, body.get("type").asText());
        assertEquals(3, body.get("data").get("affectedShipments").asInt());
        assertTrue(body.get("data").has("incidentId"));
        assertEquals(List.of(), Receiver.at("/bystander"), "only the affected partner");
    }

    private String lastError(UUID subscription) {
        return (String) Db.rows("SELECT last_error FROM webhook_delivery WHERE subscription_id = ?", subscription).get(0).get("last_error");
    }

    private boolean delivered(UUID event) {
        return count("SELECT count(*) FROM webhook_delivery WHERE event_id = ? AND status = 'DELIVERED'", event) == 1L;
    }

    private static long count(String sql, Object... params) {
        return ((Number) Db.rows(sql, params).get(0).values().iterator().next()).longValue();
    }

    private void publish(UUID id, String partner, String type, String shipment, String payload) {
        redis.stream(String.class).xadd(stream, Map.of("id", id.toString(), "type", type, "partner", partner, "shipment", shipment,
                "occurredAt", Instant.now().toString(), "payload", payload));
    }

    private static String body(String type, String number) {
        return "{\"type\":\"" + type + "\",\"timestamp\":\"" + Instant.now() + "\",\"data\":{\"trackingNumber\":\"" + number + "\"}}";
    }

    private static String partner(String name) {
        return "wh-" + name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String secret() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }

}
