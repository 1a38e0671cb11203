package io.trackguard.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The public page in a real headless Chromium: every state reached by typing and clicking, in both languages. */
@ExtendWith(Stack.class)
class PageIT {

    /** The words each state is recognised by, as the page's message bundles have them. */
    enum Lang {
        EN("en-CA,en", "en", "Track a parcel", "Invalid tracking number", "Check the tracking number", "Parcel not found",
                "Parcel ", "In transit", "The postal code does not match this parcel.", "Delivery details", "Verification locked",
                "Please wait", "Link not valid", "Français", "Who looked at this parcel", "Track another parcel",
                "Your one-time link", "one-time link", "someone", "the recipient", "wrong postal code",
                "Someone tried 5 times to prove they are the recipient of this parcel"),
        FR("fr-CA,fr", "fr", "Suivre un colis", "Numéro de suivi invalide", "Vérifiez le numéro de suivi", "Colis introuvable",
                "Colis ", "En transit", "Le code postal ne correspond pas à ce colis.", "Détails de la livraison", "Vérification bloquée",
                "Veuillez patienter", "Lien non valide", "English", "Qui a consulté ce colis", "Suivre un autre colis",
                "Votre lien à usage unique", "lien à usage unique", "quelqu'un", "le destinataire", "mauvais code postal",
                "Quelqu'un a tenté 5 fois de prouver être le destinataire de ce colis");

        final String acceptLanguage, code, home, malformed, mistyped, notFound, parcel, inTransit, verifyFailed, details, locked,
                limited, linkInvalid, otherLanguage, whoLooked, back, link, oneTimeLink, someone, recipient, wrongCode,
                failedAttemptsWarning;

        Lang(String acceptLanguage, String code, String home, String malformed, String mistyped, String notFound, String parcel,
             String inTransit, String verifyFailed, String details, String locked, String limited, String linkInvalid,
             String otherLanguage, String whoLooked, String back, String link, String oneTimeLink, String someone,
             String recipient, String wrongCode, String failedAttemptsWarning) {
            this.acceptLanguage = acceptLanguage;
            this.code = code;
            this.home = home;
            this.malformed = malformed;
            this.mistyped = mistyped;
            this.notFound = notFound;
            this.parcel = parcel;
            this.inTransit = inTransit;
            this.verifyFailed = verifyFailed;
            this.details = details;
            this.locked = locked;
            this.limited = limited;
            this.linkInvalid = linkInvalid;
            this.otherLanguage = otherLanguage;
            this.whoLooked = whoLooked;
            this.back = back;
            this.link = link;
            this.oneTimeLink = oneTimeLink;
            this.someone = someone;
            this.recipient = recipient;
            this.wrongCode = wrongCode;
            this.failedAttemptsWarning = failedAttemptsWarning;
        }
    }

    /** A one-time link as incident response makes it for a notice: the page path /r/<token>. */
    static String linkFor(String number) {
        return given().auth().oauth2(Tokens.of("notification-service")).contentType(ContentType.JSON)
                .body(Map.of("trackingNumber", number)).post(Stack.TRACKING + "/internal/v1/recipient-links")
                .then().statusCode(201).extract().path("path");
    }

    /** Wrong postal codes from as many other visitors: the shipment's verification ends up locked. */
    static void lockedBySomeoneElse(String number, int attempts) {
        for (int i = 0; i < attempts; i++) {
            Clients.fresh().contentType(ContentType.JSON).body(Map.of("postalCode", "K1A0B" + i))
                    .post(Stack.TRACKING + "/api/v1/track/" + number + "/verify").then().statusCode(403);
        }
    }

    static String inTransitShipment() {
        String number = Shipments.createThroughGateway(Tokens.acme());
        Shipments.scan(number, "ACCEPTED", java.time.Instant.now().minusSeconds(3600), "Mississauga", null);
        Shipments.scan(number, "IN_TRANSIT", java.time.Instant.now().minusSeconds(1800), "Toronto", null);
        return number;
    }

    @ParameterizedTest
    @EnumSource(Lang.class)
    void enterANumberAndReadTheStatusAndTimeline(Lang lang) throws Exception {
        String number = inTransitShipment();
        try (Browser b = new Browser(lang.acceptLanguage)) {
            b.open("/");
            assertEquals(lang.home + " – Trackguard", b.title());
            assertEquals(lang.code, b.htmlLang());
            assertEquals(1, b.all("label[for=number]").size(), "the field has a label");

            String typed = (number.substring(0, 6) + " " + number.substring(6, 12) + "-" + number.substring(12)).toLowerCase();
            b.fill("number", typed);
            assertTrue(b.title().startsWith(lang.parcel), b.title());
            assertEquals(lang.inTransit, b.text("#status"));
            assertEquals(2, b.all("table.timeline tbody tr").size());
            assertTrue(b.source().contains("Toronto"));
            assertFalse(b.source().contains("Jane") || b.source().contains("M5H") || b.source().contains("King St"),
                    "the public page shows the public column only");
        }
    }

    @ParameterizedTest
    @EnumSource(Lang.class)
    void invalidMistypedAndUnknownNumbersAreToldApart(Lang lang) throws Exception {
        String number = Shipments.createThroughGateway(Tokens.acme());
        try (Browser b = new Browser(lang.acceptLanguage)) {
            b.open("/");
            b.fill("number", "ORD-2026-000123");
            assertTrue(b.title().startsWith(lang.malformed), b.title());
            assertEquals(1, b.all("[role=alert]").size());
            assertEquals("true", b.all("#number").get(0).getAttribute("aria-invalid"));

            b.fill("number", Numbers.mistyped(number));
            assertTrue(b.title().startsWith(lang.mistyped), b.title());

            b.fill("number", Numbers.unknown());
            assertTrue(b.title().startsWith(lang.notFound), b.title());
        }
    }

    @ParameterizedTest
    @EnumSource(Lang.class)
    void theRecipientVerifiesWithThePostalCodeAndSeesTheDetails(Lang lang) throws Exception {
        String number = inTransitShipment();
        try (Browser b = new Browser(lang.acceptLanguage)) {
            b.open("/track?number=" + number);
            b.fill("postalCode", "K1A 0B1");
            assertTrue(b.text("#postal-error").contains(lang.verifyFailed), "wrong code is said so: " + b.title());
            assertEquals("true", b.all("#postalCode").get(0).getAttribute("aria-invalid"));

            b.fill("postalCode", "m5h 1a1");
            assertTrue(b.title().startsWith(lang.details), b.title());
            assertTrue(b.text("#recipient").startsWith("J*** R**"), b.text("#recipient"));
            assertTrue(b.source().contains(lang.whoLooked));
            // each row: when, viewer, what
            List<List<String>> whoLooked = b.all("table.timeline").get(1).findElements(By.cssSelector("tbody tr")).stream()
                    .map(row -> row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList()).toList();
            assertTrue(whoLooked.size() >= 2, "who looked lists the lookups and the verification: " + whoLooked);
            // the wrong code came before any proof: someone, not the recipient; the recipient is who proved it
            List<String> wrongCode = whoLooked.stream().filter(r -> r.get(2).contains(lang.wrongCode)).map(r -> r.get(1)).toList();
            assertEquals(List.of(lang.someone), wrongCode, whoLooked.toString());
            assertTrue(whoLooked.stream().anyMatch(r -> r.get(1).equals(lang.recipient)), whoLooked.toString());
            assertTrue(b.all("#failed-attempts").isEmpty(), "one wrong code is no warning");
        }
    }

    @ParameterizedTest
    @EnumSource(Lang.class)
    void fiveWrongPostalCodesLockVerification(Lang lang) throws Exception {
        String number = inTransitShipment();
        try (Browser b = new Browser(lang.acceptLanguage)) {
            b.open("/track?number=" + number);
            for (int i = 0; i < 5; i++) {
                b.fill("postalCode", "K1A 0B" + i);
                assertTrue(b.text("#postal-error").contains(lang.verifyFailed), "attempt " + i + ": " + b.title());
            }
            b.fill("postalCode", "M5H 1A1");
            assertTrue(b.title().startsWith(lang.locked), b.title());
            assertTrue(b.text("#message").contains(lang.oneTimeLink), "the locked page points to the link: " + b.text("#message"));

            // the recipient, elsewhere, uses the link from the notice: the lock does not keep them out
            b.become(Clients.freshAddress());
            b.open(linkFor(number));
            b.press();
            assertTrue(b.title().startsWith(lang.details), b.title());
            assertTrue(b.text("#failed-attempts").startsWith(lang.failedAttemptsWarning), b.text("#failed-attempts"));
        }
    }

    @ParameterizedTest
    @EnumSource(Lang.class)
    void tooManyLookupsSayWhenToTryAgain(Lang lang) throws Exception {
        String number = inTransitShipment();
        try (Browser b = new Browser(lang.acceptLanguage)) {
            int answered = 0;
            b.open("/");
            b.fill("number", number);
            while (b.title().startsWith(lang.parcel) && answered < 60) {
                answered++;
                b.click(lang.back);          // "Track another parcel"
                b.fill("number", number);    // and type the number again, as an impatient person would
            }
            // a burst of 20 (the suite refills it only every 10 seconds)
            assertTrue(answered >= 20 && answered <= 23, "answered " + answered);
            assertTrue(b.title().startsWith(lang.limited), b.title());
            assertTrue(b.text("#message").matches(".*\\d+.*"), "says when: " + b.text("#message"));
        }
    }

    @ParameterizedTest
    @EnumSource(Lang.class)
    void aOneTimeLinkIsSpentByItsButtonOnlyAndOnce(Lang lang) throws Exception {
        String number = inTransitShipment();
        String path = linkFor(number);
        String token = path.substring("/r/".length());
        try (Browser b = new Browser(lang.acceptLanguage)) {
            // opening it (as a mail scanner does, twice) spends nothing: a page with a button
            b.open(path);
            assertTrue(b.title().startsWith(lang.link), b.title());
            b.open(path);
            assertTrue(b.title().startsWith(lang.link), "opened again, still unspent: " + b.title());
            assertTrue(b.source().contains(lang.oneTimeLink));

            b.press();
            assertTrue(b.title().startsWith(lang.details), b.title());
            assertFalse(b.currentUrl().contains(token), "the token does not stay in the address bar: " + b.currentUrl());
            assertTrue(b.currentUrl().endsWith("/track/" + number + "/details"), b.currentUrl());

            b.open(path);
            assertTrue(b.title().startsWith(lang.linkInvalid), "spent once: " + b.title());
        }
    }

    @Test
    void theLanguageCanBeSwitchedAndIsRemembered() throws Exception {
        try (Browser b = new Browser(Lang.EN.acceptLanguage)) {
            b.open("/");
            b.click(Lang.EN.otherLanguage);
            assertEquals(Lang.FR.home + " – Trackguard", b.title());
            assertEquals("fr", b.htmlLang());
            b.open("/");
            assertEquals(Lang.FR.home + " – Trackguard", b.title(), "the choice outlives the Accept-Language header");
            b.click(Lang.FR.otherLanguage);
            assertEquals(Lang.EN.home + " – Trackguard", b.title());
        }
    }

    @Test
    void thePageLoadsNothingFromElsewhereAndRunsNoScript() {
        String html = Clients.fresh().get(Stack.TRACKING + "/").then().statusCode(200)
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .extract().asString();
        assertFalse(html.contains("<script"), "no script");
        assertFalse(html.matches("(?s).*(src|href)=\"https?://.*"), "no third-party resource");
        for (WebElement ignored : java.util.List.<WebElement>of()) {
            // nothing: the CSP above is what the browser enforces
        }
    }
}
