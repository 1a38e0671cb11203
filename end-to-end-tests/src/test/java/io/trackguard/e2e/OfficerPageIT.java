package io.trackguard.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trackguard.testsupport.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.WebElement;

/**
 * The privacy officers' page on the real stack: the demo officer signs in through the real
 * Keycloak login form (authorization code flow with PKCE), reads the incident list and one
 * incident in English and French, and axe-core finds no WCAG 2.1 A/AA violation on any of them.
 */
@ExtendWith(Stack.class)
class OfficerPageIT {

    static final String LIST = Stack.NOTIFICATION + "/officers";

    @Test
    void theDemoOfficerSignsInThroughKeycloakAndReadsTheListAndAnIncidentInEnglishAndFrench() throws Exception {
        walkParcelsFromOneAddress(14); // tracking-service's enumeration threshold is 12 distinct numbers: an incident opens
        List<String> found = new ArrayList<>();
        try (Browser b = new Browser("en-CA,en")) {
            b.openUrl(LIST);
            assertTrue(b.currentUrl().startsWith(Stack.ISSUER + "/protocol/openid-connect/auth"), "sent to Keycloak: " + b.currentUrl());
            assertTrue(b.currentUrl().contains("client_id=privacy-officers-web") && b.currentUrl().contains("code_challenge="),
                    b.currentUrl());
            b.signIn("priya.officer", "demo-only-officer");
            assertEquals(LIST, b.currentUrl(), "back on the page, without the code in the address");

            // the incident opens in the background (the detection's event, then notification-service's consumer):
            // the list is loaded again, a second apart, until it shows
            Await.until("the walk's incident listed", Duration.ofSeconds(60), Duration.ofSeconds(1), () -> {
                List<WebElement> links = b.all("table.grid tbody a");
                if (links.isEmpty()) {
                    b.openUrl(LIST);
                }
                return links.size();
            }, n -> n > 0);
            assertEquals("en", b.htmlLang());
            assertEquals("Incidents – Trackguard privacy officers", b.title());
            assertFalse(b.all("table.grid tbody a").isEmpty(), "the walk's incident is listed");
            assertTrue(b.text("header").contains("Signed in as priya.officer"), b.text("header"));
            check(b, "list en", found);

            String incident = b.all("table.grid tbody a").get(0).getText();
            b.click(incident);
            assertTrue(b.title().startsWith("Incident of "), b.title());
            List<String> sections = b.all("h2").stream().map(e -> e.getText()).toList();
            assertEquals(List.of("Summary", "The 72-hour clock (GDPR Art. 33)", "Scope", "Assessment", "Notices", "Timeline"), sections);
            assertFalse(b.all("svg[role=img]").isEmpty(), "the pictures are drawn on the server");
            assertTrue(b.all("script").isEmpty(), "no JavaScript");
            assertFalse(b.all("table.timeline tbody tr").isEmpty(), "the timeline has the history rows");
            check(b, "incident en", found);

            b.click("Français");
            assertEquals("fr", b.htmlLang());
            assertTrue(b.title().startsWith("Incident du "), b.title());
            assertEquals(List.of("Résumé", "Le délai de 72 heures (RGPD, art. 33)", "Portée", "Évaluation", "Avis", "Chronologie"),
                    b.all("h2").stream().map(e -> e.getText()).toList());
            check(b, "incident fr", found);

            b.click("Tous les incidents");
            assertEquals("fr", b.htmlLang(), "the choice is remembered");
            assertEquals("Incidents – Trackguard – responsables de la protection de la vie privée", b.title());
            check(b, "list fr", found);

            b.click("Se déconnecter");
            b.openUrl(LIST);
            assertTrue(b.currentUrl().startsWith(Stack.ISSUER + "/protocol/openid-connect/auth"),
                    "signed out of the page and of Keycloak: the login form again, " + b.currentUrl());
            assertFalse(b.all("#username").isEmpty(), "Keycloak asks for the password again");
        }
        assertEquals(List.of(), found, "accessibility violations");
    }

    @Test
    void aSignedInUserWithoutThePrivacyOfficerRoleIsRefused() throws Exception {
        try (Browser b = new Browser("en")) {
            b.openUrl(LIST);
            b.signIn("sam.support", "demo-only-support");
            assertTrue(b.source().contains("403"), "forbidden: " + b.source());
            assertTrue(b.all("table").isEmpty());
        }
    }

    /** One address looks up that many parcels through the public API, as a scraper would. */
    static void walkParcelsFromOneAddress(int parcels) {
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < parcels; i++) {
            numbers.add(PageIT.inTransitShipment());
        }
        String address = Clients.freshAddress();
        for (String n : numbers) {
            given().header("X-Forwarded-For", address).get(Stack.TRACKING + "/api/v1/track/" + n);
        }
    }

    private static void check(Browser b, String state, List<String> found) {
        b.accessibilityViolations().forEach(v -> found.add(state + " (" + b.title() + "): " + v));
    }
}
