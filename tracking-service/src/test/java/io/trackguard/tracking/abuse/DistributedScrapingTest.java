package io.trackguard.tracking.abuse;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.path.json.JsonPath;
import io.trackguard.tracking.support.AccessRecords;
import io.trackguard.tracking.support.BulkShipments;
import io.trackguard.tracking.support.Clients;
import io.trackguard.tracking.support.Crowd;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * A botnet walks a partner's leaked customer file: every lookup from another address, each
 * far under every per-address limit. Only the partner's own signal (distinct numbers per
 * window against its normal rate) can see it; traffic as heavy but spread over partners, as
 * normal traffic is, must not set it off.
 *
 * <p>The file walked is 1,200 numbers, four times the floor of 300: the signal fires at the
 * 300th, and the 900 after it show the partner stays guarded. (It was 4,500, the size of the
 * real leak; the 3,300 more lookups, and as many again for the spread traffic, proved nothing
 * the 900 do not and took about 25 s a run, twice with the cluster variant.) The spread traffic
 * is as many lookups over 8 partners, 120 numbers each: far under the floor for each partner,
 * 960 distinct numbers together, so a signal that counted all partners as one still fires.
 */
@QuarkusTest
class DistributedScrapingTest {

    static final int LEAKED = 1_200;
    static final Set<String> STATUS_ONLY = Set.of("trackingNumber", "status");
    static final int IN_FLIGHT = 4;

    @TestHTTPResource("/")
    URI base;

    @Inject
    BulkShipments bulk;
    @Inject
    RedisDataSource redis;
    @Inject
    AbuseConfig config;
    @Inject
    AccessRecords records;

    @Test
    void aBotnetWalkingOnePartnersNumbersRaisesTheEventLongBeforeTheEndAndGuardsThePartner() {
        String partner = "leaky-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> numbers = bulk.delivered(partner, "Leaky Goods", true, LEAKED);
        long floor = config.partner().floor();

        List<Crowd.Answer> answers = Crowd.lookUp(base, numbers, IN_FLIGHT);
        int full = 0;
        int firstGuarded = -1;
        // "From then on" by time, not by position: lookups in flight together are handled in any
        // order (a loaded machine reorders them by more than IN_FLIGHT positions), but a lookup
        // sent after a guarded answer came back must be guarded too.
        long firstGuardedReceived = answers.stream().filter(a -> a.status() == 200 && statusOnly(a))
                .mapToLong(Crowd.Answer::receivedNanos).min().orElse(Long.MAX_VALUE);
        for (int i = 0; i < answers.size(); i++) {
            Crowd.Answer r = answers.get(i);
            assertEquals(200, r.status(), "no address is ever limited: " + r.body());
            if (statusOnly(r)) {
                firstGuarded = firstGuarded < 0 ? i : firstGuarded;
            } else {
                assertTrue(JsonPath.from(r.body()).<String, Object>getMap("$").containsKey("events"), "the full public view until then: " + r.body());
                assertTrue(r.sentNanos() < firstGuardedReceived,
                        "guarded from then on: lookup " + i + " was sent after a guarded answer had come back");
                full++;
            }
        }
        // HyperLogLog counts distinct numbers within about 1 %; a few lookups were in flight when it fired
        assertTrue(full >= floor * 0.97 && full <= floor * 1.03 + IN_FLIGHT,
                "guarded once the floor of " + floor + " distinct numbers was crossed, after " + full + " full answers");
        assertTrue(firstGuarded > 0 && firstGuarded < LEAKED / 3, "long before the end: " + firstGuarded);

        List<Map<String, String>> events = events(e -> partner.equals(e.get("partner")));
        assertEquals(1, events.size(), "one event for the episode");
        Map<String, String> event = events.get(0);
        assertEquals("DISTRIBUTED_SCRAPING", event.get("type"));
        assertFalse(event.containsKey("actor"), "no one address to name");
        long distinct = Long.parseLong(event.get("distinctNumbers"));
        assertTrue(distinct > floor && distinct <= floor * 1.03 + 1, event.toString());
        assertEquals("0", event.get("misses"));
        assertEquals("0", event.get("failedVerifications"));
        assertEquals("tracking-service", event.get("source"));
        assertFalse(event.containsKey("blockedUntil"), "guarded until an officer clears it: no end to give");
        assertTrue(Instant.parse(event.get("windowStart")).isBefore(Instant.parse(event.get("windowEnd"))));
        assertTrue(event.get("evidence").contains("status only"), event.get("evidence"));

        // what the guarded answers disclosed, as the audit log has it
        List<Map<String, Object>> last = records.where("partner_id", partner);
        assertEquals(List.of("trackingNumber", "status"), last.get(last.size() - 1).get("fields"));
    }

    @Test
    void theSameTrafficSpreadOverPartnersAsNormalTrafficIsSetsNothingOff() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> partners = new ArrayList<>();
        List<String> numbers = new ArrayList<>();
        for (int p = 0; p < 8; p++) {
            String partner = "normal-" + run + "-" + p;
            partners.add(partner);
            List<String> own = bulk.delivered(partner, "Normal Goods " + p, false, 120);
            numbers.addAll(own);
            numbers.addAll(own.subList(0, 30)); // parcels are looked up more than once
        }
        Collections.shuffle(numbers, new Random(4500));
        assertEquals(LEAKED, numbers.size(), "as many lookups as the botnet made, as fast");
        for (Crowd.Answer r : Crowd.lookUp(base, numbers, IN_FLIGHT)) {
            assertEquals(200, r.status());
            assertTrue(JsonPath.from(r.body()).getMap("$").containsKey("events"), "never guarded: " + r.body());
        }
        assertEquals(List.of(), events(e -> partners.contains(e.get("partner"))));
    }

    @Test
    @TestSecurity(user = "priya.officer", roles = "privacy-officer")
    @OidcSecurity(claims = @Claim(key = "sub", value = "priya-subject"))
    void anOfficerSeesTheGuardedPartnerAndClearsItWithAReasonBothAudited() {
        String partner = "leaky-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> numbers = bulk.delivered(partner, "Leaky Goods", false, (int) (config.partner().floor() * 1.1));
        Crowd.lookUp(base, numbers, IN_FLIGHT).forEach(r -> assertEquals(200, r.status()));
        Clients.fresh().get("/api/v1/track/" + numbers.get(0)).then().statusCode(200).body("events", nullValue());

        String page = Clients.fresh().get("/track?number=" + numbers.get(1)).then().statusCode(200).extract().asString();
        assertTrue(page.contains("id=\"status-only\"") && !page.contains("class=\"timeline\""), "the page says why it shows so little");

        given().get("/internal/v1/guarded-partners").then().statusCode(200)
                .body("partnerId", hasItem(partner))
                .body("find { it.partnerId == '" + partner + "' }.threshold", equalTo((int) config.partner().floor()));
        given().queryParam("reason", "\\n").delete("/internal/v1/guarded-partners/" + partner).then().statusCode(400);
        given().queryParam("reason", "Checked with the partner: a mailing went out, lookups are genuine")
                .delete("/internal/v1/guarded-partners/" + partner).then().statusCode(204);
        given().queryParam("reason", "Checked with the partner: a mailing went out, lookups are genuine")
                .delete("/internal/v1/guarded-partners/" + partner).then().statusCode(404).contentType("application/problem+json");
        given().get("/internal/v1/guarded-partners").then().statusCode(200).body("partnerId", not(hasItem(partner)));

        // the full public view again, and the same traffic does not set it off again at once
        for (String number : numbers.subList(0, 50)) {
            Clients.fresh().get("/api/v1/track/" + number).then().statusCode(200).body("events", notNullValue());
        }
        List<Map<String, Object>> audited = records.where("actor_id", "user:priya-subject");
        assertTrue(audited.stream().anyMatch(r -> "QUERIED".equals(r.get("outcome"))), audited.toString());
        Map<String, Object> cleared = audited.stream().filter(r -> "CLEARED".equals(r.get("outcome"))).findFirst().orElseThrow();
        assertEquals(partner, cleared.get("partner_id"));
        assertEquals("Checked with the partner: a mailing went out, lookups are genuine", cleared.get("reason"));
    }

    @Test
    @TestSecurity(user = "sam.support", roles = "support")
    void onlyPrivacyOfficersSeeOrClearGuardedPartners() {
        given().get("/internal/v1/guarded-partners").then().statusCode(403);
        given().queryParam("reason", "I would like to see everything").delete("/internal/v1/guarded-partners/acme").then().statusCode(403);
    }

    private List<Map<String, String>> events(Predicate<Map<String, String>> which) {
        return redis.stream(String.class).xrange(config.stream(), StreamRange.of("-", "+")).stream()
                .map(StreamMessage::payload).filter(which).toList();
    }

    private static boolean statusOnly(Crowd.Answer a) {
        return JsonPath.from(a.body()).<String, Object>getMap("$").keySet().equals(STATUS_ONLY);
    }
}
