package io.trackguard.notification.notice;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.trackguard.notification.support.Db;
import io.trackguard.notification.support.Events;
import io.trackguard.notification.support.ScriptedSmtp;
import io.trackguard.notification.support.StandIns;
import io.trackguard.testsupport.Await;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Replies a real mail server gives and GreenMail does not: a refused address (5xx) is recorded
 * and never tried again; a server that says "later" (4xx) is tried again with backoff until the
 * last try, then the notice is dead-lettered; a partner with no known contact is held for an
 * officer, who gives the address.
 */
@QuarkusTest
@QuarkusTestResource(value = StandIns.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = ScriptedSmtp.class, restrictToAnnotatedClass = true)
class DeliveryFailuresTest {

    @Test
    @TestSecurity(user = "priya.officer", roles = "privacy-officer")
    void bouncesAreRecordedRefusalsForNowAreRetriedThenDeadAndUnknownPartnersAreHeldForAnOfficer() {
        String actor = "ip:" + UUID.randomUUID();
        String partner = "unknown-" + UUID.randomUUID().toString().substring(0, 8);
        String bounce = "bounce." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String busy = "busy." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String fine = "fine." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        List<String> fields = List.of("status", "signerName");
        StandIns.EXPOSURES.put(actor, List.of(
                StandIns.exposure(number(), partner, true, "B", bounce, "en", fields, List.of("RECIPIENT")),
                StandIns.exposure(number(), partner, true, "C", busy, "en", fields, List.of("RECIPIENT")),
                StandIns.exposure(number(), partner, true, "D", fine, "en", fields, List.of("RECIPIENT"))));
        Events.add(Events.enumeration(actor, 13));
        UUID id = Await.until("an incident", () -> (UUID) Db.value("SELECT id FROM incident WHERE actor_pseudonym = ?", actor), v -> v != null);

        Await.until("the good one sent", () -> status(id, fine), "SENT"::equals);
        Await.until("the refused one recorded", () -> status(id, bounce), "BOUNCED"::equals);
        assertTrue(error(id, bounce).contains("550"), error(id, bounce));
        Await.until("the busy one dead after its last try", () -> status(id, busy), "DEAD"::equals);
        assertTrue(error(id, busy).startsWith("gave up after 3 tries") && error(id, busy).contains("451"), error(id, busy));
        assertEquals(3, ScriptedSmtp.RCPTS.stream().filter(r -> r.startsWith(busy)).count(), "three tries, no more");
        assertEquals(1, ScriptedSmtp.RCPTS.stream().filter(r -> r.startsWith(bounce)).count(), "a refusal is not tried again");

        Map<String, Object> held = Db.rows("SELECT id, status, last_error FROM notice WHERE incident_id = ? AND channel = 'PARTNER'", id).get(0);
        Await.until("the partner notice held", () -> Db.value("SELECT status FROM notice WHERE id = ?", held.get("id")), "HELD"::equals);
        assertTrue(((String) Db.value("SELECT last_error FROM notice WHERE id = ?", held.get("id"))).contains("does not know partner"));
        assertEquals("NOTIFYING", Db.value("SELECT status FROM incident WHERE id = ?", id), "a held notice keeps the incident open");

        given().contentType(ContentType.JSON).body(Map.of("email", "privacy@" + partner + ".example",
                        "reason", "Given by the partner's account manager on the phone."))
                .post("/api/v1/incidents/" + id + "/notices/" + held.get("id") + "/address").then().statusCode(200);
        Await.until("the partner notice sent", () -> Db.value("SELECT status FROM notice WHERE id = ?", held.get("id")), "SENT"::equals);
        assertTrue(ScriptedSmtp.ACCEPTED.contains("privacy@" + partner + ".example"));
        Await.until("notified: every notice reached an end", () -> Db.value("SELECT status FROM incident WHERE id = ?", id), "NOTIFIED"::equals);
        given().get("/api/v1/incidents/" + id).then().statusCode(200)
                .body("notices.PERSON.SENT", org.hamcrest.Matchers.equalTo(1))
                .body("notices.PERSON.BOUNCED", org.hamcrest.Matchers.equalTo(1))
                .body("notices.PERSON.DEAD", org.hamcrest.Matchers.equalTo(1));
    }

    static String status(UUID incident, String address) {
        return (String) Db.value("SELECT status FROM notice WHERE incident_id = ? AND address = ?", incident, address);
    }

    static String error(UUID incident, String address) {
        return (String) Db.value("SELECT last_error FROM notice WHERE incident_id = ? AND address = ?", incident, address);
    }

    static String number() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 18).toUpperCase();
    }
}
