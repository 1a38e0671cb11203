package io.trackguard.trackingapi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document cannot carry Java's inline (?i), so it shows the postal code pattern with both
 * cases spelled out; the two must accept exactly the same codes.
 */
class PostalCodePatternTest {

    @Test
    void theDocumentsPatternAcceptsExactlyWhatTheValidatedOneAccepts() {
        Pattern validated = Pattern.compile(NewShipment.POSTAL_CODE);
        Pattern documented = Pattern.compile(NewShipment.POSTAL_CODE_BOTH_CASES);
        String letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        int checked = 0;
        for (char first : letters.toCharArray()) {
            for (char second : letters.toCharArray()) {
                for (String middle : new String[] {"", " ", "-"}) {
                    String code = first + "1" + second + middle + "2" + second + "3";
                    assertEquals(validated.matcher(code).matches(), documented.matcher(code).matches(), code);
                    checked++;
                }
            }
        }
        assertEquals(letters.length() * letters.length() * 3, checked);
    }
}
