package io.trackguard.notification.officerpage;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;
import io.trackguard.notification.support.Db;
import io.trackguard.notification.support.Events;
import io.trackguard.notification.support.Mailbox;
import io.trackguard.notification.support.StandIns;
import io.trackguard.testsupport.Await;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The officers' page against the real PostgreSQL and Redis, with an incident that went the whole
 * way (stream event, scope from the tracking-service stand-in, notices through GreenMail): who may
 * see it, what it shows in English and French, and what it never shows.
 */
@QuarkusTest
@QuarkusTestResource(value = StandIns.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = Mailbox.class, restrictToAnnotatedClass = true)
class OfficerPageTest {

    static final List<String> FIELDS = List.of("status", "events", "recipient.name", "recipient.email", "signerName", "destination.postalCode");

    @Test
    void withoutSignInTheBrowserIsSentToKeycloakWhileTheApiStillAnswers401() {
        given().redirects().follow(false).get("/officers").then().statusCode(302)
                .header("Location", startsWith("http://127.0.0.1:9/realms/trackguard/protocol/openid-connect/auth?"))
                .header("Location", containsString("client_id=privacy-officers-web"))
                .header("Location", containsString("code_challenge_method=S256"));
        given().redirects().follow(false).get("/officers/incidents/" + UUID.randomUUID()).then().statusCode(302);
        given().redirects().follow(false).get("/api/v1/incidents").then().statusCode(401);
    }

    @Test
    @TestSecurity(user = "sam.support", roles = "support")
    void signedInWithoutThePrivacyOfficerRoleIsForbidden() {
        given().get("/officers").then().statusCode(403).body(not(containsString("<table")));
        given().get("/officers/incidents/" + UUID.randomUUID()).then().statusCode(403);
    }

    @Test
    @TestSecurity(user = "priya.officer", roles = "privacy-officer")
    void anOfficerSeesTheListAndTheIncidentInEnglishAndFrenchWithoutAnyonesNameOrAddress() {
        String actor = "ip:" + UUID.randomUUID();
        String partner = "ocs-" + UUID.randomUUID().toString().substring(0, 8);
        String ana = "ana." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String bo = "bo." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        StandIns.partner(partner, "Ontario Cannabis Retail", true, "privacy@" + partner + ".example");
        String n1 = "K7M2QX9TPA4RWH3N8E";
        StandIns.EXPOSURES.put(actor, List.of(
                StandIns.exposure(n1, partner, true, "Ana Lopez", ana, "fr", FIELDS, List.of("RECIPIENT")),
                StandIns.exposure("M3R8TX4WQA2ZHN7K5P", partner, true, "Ana Lopez", ana, "fr", FIELDS, List.of("RECIPIENT")),
                StandIns.exposure("P9W4KX2NTB6QMH3R8Z", partner, true, "Bo Chen", bo, null, FIELDS, List.of("RECIPIENT"))));
        Events.add(Events.enumeration(actor, 13));
        UUID id = Await.until("an incident about the actor", () -> (UUID) Db.value("SELECT id FROM incident WHERE actor_pseudonym = ?", actor),
                v -> v != null);
        Await.until("notified", () -> Db.value("SELECT status FROM incident WHERE id = ?", id), "NOTIFIED"::equals);

        Response list = given().header("Accept-Language", "en-CA,en;q=0.9").get("/officers");
        list.then().statusCode(200).contentType(containsString("text/html"))
                .header("Content-Security-Policy", startsWith("default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self';"))
                .header("Cache-Control", "no-store");
        String en = list.asString();
        assertTrue(en.contains("<html lang=\"en\">"), en);
        assertTrue(en.contains("href=\"/officers/incidents/" + id + "\""), "the incident is listed");
        assertTrue(en.contains("Enumeration") && en.contains("Notified"), "kind and status in words");
        assertTrue(en.contains("Skip to content") && en.contains("href=\"#main\""), "the skip link");
        assertTrue(en.contains("Signed in as priya.officer"), en);

        String filtered = given().get("/officers?status=NOTIFIED&kind=ENUMERATION&partner=" + partner).then().statusCode(200).extract().asString();
        assertTrue(filtered.contains(id.toString()), "its status, kind and partner match");
        String other = given().get("/officers?kind=DISTRIBUTED_SCRAPING").then().statusCode(200).extract().asString();
        assertFalse(other.contains(id.toString()), "another kind does not list it");
        given().get("/officers?status=BOGUS").then().statusCode(400).body(containsString("This filter is not valid: Status"));

        String page = given().header("Accept-Language", "en").get("/officers/incidents/" + id).then().statusCode(200).extract().asString();
        assertTrue(page.contains("Timeline") && page.contains("Status changed: Assessed → Notifying"), "the history rows, in words");
        assertTrue(page.contains("The 72-hour clock") && page.contains("left"), "the clock");
        assertTrue(page.contains(">" + partner + "</th><td>yes</td><td>3</td><td>2</td>"), "the partner's scope: sensitive, 3 shipments, 2 people");
        assertTrue(page.contains("Sensitive partner(s) " + partner), "the assessment's reasons");
        assertTrue(page.contains("6 lookup(s) of 3 shipment(s)"), "the lookups chart's text: " + page);
        assertEquals(2, count(page, "<rect x=\"[0-9.]+\" y=\"[0-9.]+\" width=\"[0-9.]+\" height=\"[0-9.]+\" fill=\"#1d6b2f\">"),
                "a sent bar for people and one for the partner");
        assertTrue(page.contains("<th scope=\"row\">People</th><td>0</td><td>2</td><td>0</td>"), "2 notices to people sent");
        assertTrue(page.contains("<th scope=\"row\">Partners</th><td>0</td><td>1</td><td>0</td>"), "1 to the partner");
        assertTrue(page.contains("role=\"img\"") && !page.contains("<script") && !page.contains("style=\""), "SVG, no script, no inline style");
        for (String personal : List.of("Ana Lopez", "Bo Chen", ana, bo, "416 555", n1)) {
            assertFalse(page.contains(personal), "no personal data on the page: " + personal);
        }

        Response fr = given().header("Accept-Language", "fr-CA,fr;q=0.9").get("/officers/incidents/" + id);
        String frPage = fr.then().statusCode(200).extract().asString();
        assertTrue(frPage.contains("<html lang=\"fr\">") && frPage.contains("Chronologie") && frPage.contains("Le délai de 72 heures")
                && frPage.contains("Aller au contenu") && frPage.contains("Évalué → Avis en cours"), frPage);
        assertTrue(en.contains("hreflang=\"fr\"") && en.contains("?lang=fr\""), "the switch to French");
        String switched = given().get("/officers?lang=fr").then().statusCode(200).cookie("tg_lang", "fr").extract().asString();
        assertTrue(switched.contains("<html lang=\"fr\">") && switched.contains("Filtrer"), switched);
        given().cookie("tg_lang", "fr").get("/officers").then().body(containsString("<html lang=\"fr\">"));

        given().get("/officers/incidents/" + id + "/report").then().statusCode(200).body(containsString(partner));
    }

    @Test
    @TestSecurity(user = "priya.officer", roles = "privacy-officer")
    void anUnknownOrMalformedIncidentIsAPageThatSaysSo() {
        given().get("/officers/incidents/" + UUID.randomUUID()).then().statusCode(404).body(containsString("Incident not found"));
        given().get("/officers/incidents/not-an-id%3Cscript%3E").then().statusCode(404).body(containsString("Incident not found"))
                .body(not(containsString("<script>")));
        given().header("Accept-Language", "fr").get("/officers/incidents/" + UUID.randomUUID()).then().statusCode(404)
                .body(containsString("Incident introuvable"));
    }

    static int count(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
