package io.trackguard.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.WebElement;

/** The public page in a real headless Chromium: every state reached by typing and clicking, in both languages. */
@ExtendWith(Stack.class)
class PageIT {

    /** The words each state is recognised by, as the page's message bundles have them. */
    enum Lang {
        EN("en-CA,en", "en", "Track a parcel", "Invalid tracking number", "Check the tracking number", "Parcel not found",
                "Parcel ", "In transit", "The postal code does not match this parcel.", "Delivery details", "Verification locked",
                "Please wait", "Link not valid", "Français", "Who looked at this parcel", "Track another parcel"),
        FR("fr-CA,fr", "fr", "Suivre un colis", "Numéro de suivi invalide", "Vérifiez le numéro de suivi", "Colis introuvable",
                "Colis ", "En transit", "Le code postal ne correspond pas à ce colis.", "Détails de la livraison", "Vérification bloquée",
                "Veuillez patienter", "Lien non valide", "English", "Qui a consulté ce colis", "Suivre un autre colis");

        final String acceptLanguage, code, home, malformed, mistyped, notFound, parcel, inTransit, verifyFailed, details, locked,
                limited, linkInvalid, otherLanguage, whoLooked, back;

        Lang(String acceptLanguage, String code, String home, String malformed, String mistyped, String notFound, String parcel,
             String inTransit, String verifyFailed, String details, String locked, String limited, String linkInvalid,
             String otherLanguage, String whoLooked, String back) {
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
            assertTrue(b.all("table.timeline").get(1).findElements(org.openqa.selenium.By.cssSelector("tbody tr")).size() >= 2,
                    "who looked lists the lookups and the verification");
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
    void aOneTimeLinkOpensTheDetailsOnce(Lang lang) throws Exception {
        String number = inTransitShipment();
        String path = given().auth().oauth2(Tokens.of("notification-service")).contentType(ContentType.JSON)
                .body(Map.of("trackingNumber", number)).post(Stack.TRACKING + "/internal/v1/recipient-links")
                .then().statusCode(201).extract().path("path");
        try (Browser b = new Browser(lang.acceptLanguage)) {
            b.open(path);
            assertTrue(b.title().startsWith(lang.details), b.title());
            b.open(path);
            assertTrue(b.title().startsWith(lang.linkInvalid), b.title());
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
