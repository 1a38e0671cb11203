package io.trackguard.notification.incident;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.trackguard.notification.support.Db;
import io.trackguard.notification.support.Events;
import io.trackguard.notification.support.Mailbox;
import io.trackguard.notification.support.StandIns;
import io.trackguard.testsupport.Await;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What privacy officers do: follow incidents, decide those that wait, override, close; and every bad request is a problem. */
@QuarkusTest
@QuarkusTestResource(value = StandIns.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = Mailbox.class, restrictToAnnotatedClass = true)
@TestSecurity(user = "priya.officer", roles = "privacy-officer")
class OfficerApiTest {

    /** An incident that the rules leave to an officer: one masked view with a signer's name, from a blocked actor. */
    static UUID waitingIncident(String person, String partner) {
        String actor = "ip:" + UUID.randomUUID();
        StandIns.partner(partner, "Partner " + partner, false, "privacy@" + partner + ".example");
        StandIns.EXPOSURES.put(actor, List.of(StandIns.exposure(number(), partner, false, "Fay", person, "en",
                List.of("status", "signerName", "recipient.name"), List.of("RECIPIENT"))));
        Events.add(Events.enumeration(actor, 13));
        UUID id = Await.until("an incident", () -> (UUID) Db.value("SELECT id FROM incident WHERE actor_pseudonym = ?", actor), v -> v != null);
        Await.until("assessed", () -> Db.value("SELECT status FROM incident WHERE id = ?", id), "ASSESSED"::equals);
        return id;
    }

    @Test
    void anIncidentTheRulesLeaveOpenIsDecidedOverriddenAndClosedWithReasons() {
        String person = "fay." + suffix() + "@example.com";
        String partner = "p-" + suffix();
        UUID id = waitingIncident(person, partner);
        given().get("/api/v1/incidents/" + id).then().statusCode(200)
                .body("assessment.decision", equalTo("PENDING"))
                .body("assessment.sensitivity", equalTo("HIGH"))
                .body("assessment.probability", equalTo("MEDIUM"))
                .body("assessment.reasons", hasItem(containsString("an officer decides")))
                .body("clock.secondsLeft", greaterThan(71 * 3600))
                .body("clock.secondsLeft", lessThanOrEqualTo(72 * 3600))
                .body("clock.regulatorDeadline", notNullValue());

        decide(id, "decision", false, "Masked name only; the actor was blocked at once.").then().statusCode(200)
                .body("assessment.decision", equalTo("NO_NOTICE"))
                .body("assessment.decidedBy", equalTo("officer:priya.officer"));
        Await.until("the partner told", () -> Mailbox.to("privacy@" + partner + ".example").size(), n -> n == 1);
        assertEquals(0, Mailbox.to(person).size());
        decide(id, "decision", true, "Trying to decide twice must be refused.").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("override"));

        decide(id, "override", true, "The signer name is there in full: people must be told.").then().statusCode(200)
                .body("assessment.decision", equalTo("NOTIFY"))
                .body("incident.status", equalTo("NOTIFYING"));
        Await.until("the person told", () -> Mailbox.to(person).size(), n -> n == 1);
        Await.until("notified", () -> Db.value("SELECT status FROM incident WHERE id = ?", id), "NOTIFIED"::equals);
        assertEquals(1, Mailbox.to("privacy@" + partner + ".example").size(), "the partner is not told twice");

        given().contentType(ContentType.JSON).body(Map.of("reference", "OPC-2026-0042")).post("/api/v1/incidents/" + id + "/regulator-report")
                .then().statusCode(200).body("clock.regulatorReference", equalTo("OPC-2026-0042"));
        given().contentType(ContentType.JSON).body(Map.of("reason", "Everyone told; report filed.")).post("/api/v1/incidents/" + id + "/close")
                .then().statusCode(200).body("incident.status", equalTo("CLOSED"));
        given().contentType(ContentType.JSON).body(Map.of("reason", "Closing a closed incident again.")).post("/api/v1/incidents/" + id + "/close")
                .then().statusCode(409);
        given().get("/api/v1/incidents/" + id + "/history").then().statusCode(200)
                .body("findAll { it.what == 'DECISION' || it.what == 'OVERRIDE' }.byWhom", hasItem("officer:priya.officer"))
                .body("find { it.what == 'OVERRIDE' }.reason", containsString("must be told"))
                .body("find { it.what == 'REPORT' }.reason", containsString("OPC-2026-0042"));
        given().queryParam("status", "CLOSED").queryParam("partner", partner).get("/api/v1/incidents").then().statusCode(200)
                .body("items.id", equalTo(List.of(id.toString())));
        given().queryParam("kind", "DISTRIBUTED_SCRAPING").queryParam("partner", partner).get("/api/v1/incidents").then().statusCode(200)
                .body("items", hasSize(0));
        given().get("/api/v1/incidents/" + id + "/notices?channel=PERSON").then().statusCode(200)
                .body("items[0].status", equalTo("SENT")).body("items[0].address", equalTo(person));
        given().get("/api/v1/incidents/" + id + "/exposures").then().statusCode(200).body("items", hasSize(1))
                .body("items[0].tiers", equalTo(List.of("RECIPIENT")));
        given().get("/api/v1/incidents/" + id + "/lookups").then().statusCode(200).body("[0].shipments", equalTo(1));
    }

    @Test
    void theReportComesAsJsonAPrintablePageAndAPdf() {
        UUID id = waitingIncident("gus." + suffix() + "@example.com", "p-" + suffix());
        given().get("/api/v1/incidents/" + id + "/report").then().statusCode(200)
                .body("pipeda.contact.email", equalTo("privacy@trackguard.example"))
                .body("pipeda.stepsToNotify[0]", containsString("decided by a privacy officer"))
                .body("gdpr.notificationDeadline", notNullValue())
                .body("gdpr.contactPoint.name", equalTo("Trackguard"));
        String html = given().get("/api/v1/incidents/" + id + "/report/html").then().statusCode(200)
                .contentType(containsString("text/html")).header("Content-Security-Policy", containsString("default-src 'none'"))
                .extract().asString();
        assertTrue(html.contains("(g) Contact") && html.contains("(c) Likely consequences") && !html.contains("<script"), html);
        byte[] pdf = given().get("/api/v1/incidents/" + id + "/report/pdf").then().statusCode(200).contentType("application/pdf")
                .extract().asByteArray();
        assertEquals("%PDF", new String(pdf, 0, 4));
    }

    @Test
    void anOfficerRecordsAnIncidentByHandAndItIsScopedFromTheAuditLog() {
        String actor = "user:" + UUID.randomUUID();
        StandIns.EXPOSURES.put(actor, List.of());
        String id = given().contentType(ContentType.JSON).body(Map.of("description", "A staff account was used from outside.",
                        "kind", "UNAUTHORISED_ACCESS", "periodStart", Instant.now().minusSeconds(7200).toString(),
                        "periodEnd", Instant.now().toString(), "actor", actor))
                .post("/api/v1/incidents").then().statusCode(201).header("Location", containsString("/api/v1/incidents/"))
                .body("incident.origin", equalTo("MANUAL")).body("openedBy", equalTo("priya.officer"))
                .extract().path("incident.id");
        Await.until("scoped", () -> Db.value("SELECT status FROM incident WHERE id = ?", UUID.fromString(id)), "CLOSED"::equals);
        assertTrue(StandIns.EXPOSURE_QUERIES.contains(actor));
    }

    @Test
    void badInputIsAProblemNeverA500() {
        UUID id = UUID.randomUUID();
        given().get("/api/v1/incidents/" + id).then().statusCode(404).contentType("application/problem+json")
                .header("RateLimit-Policy", equalTo("\"officer-api\";q=20;w=1"))
                .header("RateLimit", containsString("\"officer-api\";r="))
                .body("type", equalTo("urn:trackguard:problem:incident-not-found"));
        given().get("/api/v1/incidents/" + id + "/report/pdf").then().statusCode(404).contentType("application/problem+json");
        decide(id, "decision", true, "An incident that does not exist.").then().statusCode(404);
        given().get("/api/v1/incidents/not-an-id/history").then().statusCode(404);
        given().get("/api/v1/incidents?kind=robbery").then().statusCode(400).body("errors.field", hasItem("kind"));
        given().get("/api/v1/incidents?size=0").then().statusCode(400);
        given().get("/api/v1/incidents/" + id + "/lookups?bucket=second").then().statusCode(400);
        given().get("/api/v1/incidents/" + id + "/notices?cursor=zz").then().statusCode(400);

        UUID real = waitingIncident("hal." + suffix() + "@example.com", "p-" + suffix());
        String url = "/api/v1/incidents/" + real + "/decision";
        given().contentType(ContentType.JSON).body(Map.of("notifyPeople", true)).post(url).then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("reason"));
        given().contentType(ContentType.JSON).body(Map.of("notifyPeople", true, "reason", "short")).post(url).then().statusCode(400);
        given().contentType(ContentType.JSON).body(Map.of("notifyPeople", true, "reason", "A perfectly good reason.", "by", "me"))
                .post(url).then().statusCode(400).body("errors.field", hasItem("by"));
        given().contentType(ContentType.JSON).body("{\"notifyPeople\": tru").post(url).then().statusCode(400)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("{\"notifyPeople\": \"perhaps\", \"reason\": \"A perfectly good reason.\"}").post(url)
                .then().statusCode(400);
        given().contentType(ContentType.TEXT).body("notify").post(url).then().statusCode(415).contentType("application/problem+json");
        decide(real, "override", true, "Nothing is decided yet, so no override.").then().statusCode(409);
        given().contentType(ContentType.JSON).body(Map.of("email", "not an address", "reason", "Found it in the CRM."))
                .post("/api/v1/incidents/" + real + "/notices/" + UUID.randomUUID() + "/address").then().statusCode(400);
        given().contentType(ContentType.JSON).body(Map.of("email", "x@example.com", "reason", "Found it in the CRM."))
                .post("/api/v1/incidents/" + real + "/notices/" + UUID.randomUUID() + "/address").then().statusCode(409);
        given().contentType(ContentType.JSON).body(Map.of("description", "x", "kind", "OTHER", "periodStart", "2026-11-28T10:00:00Z",
                "periodEnd", "2026-11-28T09:00:00Z")).post("/api/v1/incidents").then().statusCode(400).body("detail", containsString("periodEnd"));
        given().contentType(ContentType.JSON).body(Map.of("description", "x", "kind", "OTHER", "periodStart", "yesterday",
                "periodEnd", "2026-11-28T09:00:00Z")).post("/api/v1/incidents").then().statusCode(400);
        assertEquals("ASSESSED", Db.value("SELECT status FROM incident WHERE id = ?", real), "nothing changed");
    }

    @Test
    @TestSecurity(user = "sam.support", roles = "support")
    void otherRolesAreRefused() {
        given().get("/api/v1/incidents").then().statusCode(403).contentType("application/problem+json");
        decide(UUID.randomUUID(), "decision", true, "Support staff cannot decide.").then().statusCode(403);
    }

    static io.restassured.response.Response decide(UUID id, String what, boolean notify, String reason) {
        return given().contentType(ContentType.JSON).body(Map.of("notifyPeople", notify, "reason", reason))
                .post("/api/v1/incidents/" + id + "/" + what);
    }

    static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    static String number() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 18).toUpperCase();
    }
}
