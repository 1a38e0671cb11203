package io.trackguard.tracking.trackingnumber;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TrackingNumberTest {

    private final TrackingNumberGenerator generator = new TrackingNumberGenerator();

    @Test
    void generatedNumbersAreValidDistinctAndUseOnlyUnambiguousSymbols() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            TrackingNumber n = generator.next();
            assertEquals(TrackingNumber.LENGTH, n.value().length());
            assertTrue(n.value().chars().noneMatch(c -> "01OIL".indexOf(c) >= 0), n.value());
            assertTrue(TrackingNumber.parse(n.value()).valid(), n.value());
            assertTrue(seen.add(n.value()), "duplicate " + n.value());
        }
    }

    @Test
    void carriesAtLeastEightyRandomBits() {
        double bits = TrackingNumber.RANDOM_LENGTH * (Math.log(TrackingNumber.ALPHABET.length()) / Math.log(2));
        assertTrue(bits >= 80, "bits: " + bits);
    }

    @Test
    void everySingleSymbolErrorIsCaught() {
        for (int sample = 0; sample < 200; sample++) {
            String valid = generator.next().value();
            for (int pos = 0; pos < valid.length(); pos++) {
                for (char c : TrackingNumber.ALPHABET.toCharArray()) {
                    if (c == valid.charAt(pos)) {
                        continue;
                    }
                    String typo = valid.substring(0, pos) + c + valid.substring(pos + 1);
                    assertEquals(TrackingNumber.Rejection.CHECK_FAILED, TrackingNumber.parse(typo).rejection(), typo);
                }
            }
        }
    }

    @Test
    void everyAdjacentTranspositionIsCaught() {
        for (int sample = 0; sample < 2_000; sample++) {
            String valid = generator.next().value();
            for (int pos = 0; pos + 1 < valid.length(); pos++) {
                if (valid.charAt(pos) == valid.charAt(pos + 1)) {
                    continue;
                }
                String swapped = valid.substring(0, pos) + valid.charAt(pos + 1) + valid.charAt(pos) + valid.substring(pos + 2);
                assertFalse(TrackingNumber.parse(swapped).valid(), swapped);
            }
        }
    }

    @Test
    void caseSpacesAndHyphensAreIgnored() {
        TrackingNumber n = generator.next();
        String sloppy = " " + n.display().toLowerCase().replace("-", " - ") + " ";
        assertEquals(n, TrackingNumber.parse(sloppy).number());
        assertEquals(n, TrackingNumber.parse(n.display()).number());
    }

    @Test
    void malformedInputIsToldApartFromAMistypedNumber() {
        String valid = generator.next().value();
        assertEquals(TrackingNumber.Rejection.MALFORMED, TrackingNumber.parse(valid.substring(1)).rejection());
        assertEquals(TrackingNumber.Rejection.MALFORMED, TrackingNumber.parse(valid + "2").rejection());
        assertEquals(TrackingNumber.Rejection.MALFORMED, TrackingNumber.parse("0" + valid.substring(1)).rejection());
        assertEquals(TrackingNumber.Rejection.MALFORMED, TrackingNumber.parse("ORD-2026-000123").rejection());
        assertEquals(TrackingNumber.Rejection.MALFORMED, TrackingNumber.parse("ÄBCDEFGHJKMNPQRSTU").rejection());
        assertEquals(TrackingNumber.Rejection.MALFORMED, TrackingNumber.parse("").rejection());
        assertEquals(TrackingNumber.Rejection.MALFORMED, TrackingNumber.parse(null).rejection());
        assertEquals(TrackingNumber.Rejection.MALFORMED, TrackingNumber.parse("-".repeat(41)).rejection());
    }

    @Test
    void displayGroupsInSixes() {
        TrackingNumber n = generator.next();
        assertTrue(n.display().matches("[2-9A-Z]{6}-[2-9A-Z]{6}-[2-9A-Z]{6}"), n.display());
    }
}
