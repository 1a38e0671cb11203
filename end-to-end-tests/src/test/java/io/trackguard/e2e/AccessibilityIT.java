package io.trackguard.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every state of the public page, in both languages, has no WCAG 2.1 A/AA violation that axe-core can find. */
@ExtendWith(Stack.class)
class AccessibilityIT {

    @ParameterizedTest
    @ValueSource(strings = {"en-CA,en", "fr-CA,fr"})
    void everyStatePassesAxe(String language) throws Exception {
        String number = PageIT.inTransitShipment();
        List<String> found = new ArrayList<>();
        try (Browser b = new Browser(language)) {
            b.open("/");
            check(b, "home", found);
            b.fill("number", "ORD-2026-000123");
            check(b, "malformed", found);
            b.fill("number", Numbers.unknown());
            check(b, "not found", found);
            b.fill("number", number);
            check(b, "status", found);
            b.fill("postalCode", "K1A 0B1");
            check(b, "verification failed", found);
            b.fill("postalCode", "M5H 1A1");
            check(b, "details", found);

            // a shipment locked by someone else's wrong codes, and its recipient's one-time link
            String locked = PageIT.inTransitShipment();
            PageIT.lockedBySomeoneElse(locked, 5);
            b.become(Clients.freshAddress());
            b.open("/track?number=" + locked);
            b.fill("postalCode", "M5H 1A1");
            check(b, "verification locked", found);
            b.open(PageIT.linkFor(locked));
            check(b, "one-time link", found);
            b.press();
            check(b, "details with a failed-attempts warning", found);
            b.open("/r/not-a-link");
            check(b, "link not valid", found);
        }
        assertEquals(List.of(), found, "accessibility violations");
    }

    private static void check(Browser b, String state, List<String> found) {
        b.accessibilityViolations().forEach(v -> found.add(state + " (" + b.title() + "): " + v));
    }
}
