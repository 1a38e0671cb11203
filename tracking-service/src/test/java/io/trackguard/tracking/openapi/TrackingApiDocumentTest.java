package io.trackguard.tracking.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TrackingApiDocumentTest {

    @Test
    void aCaseInsensitiveJavaPatternBecomesOneThatOpenApiToolsUnderstandAndThatAcceptsTheSame() {
        String java = "(?i)[ABCEGHJ-NPRSTVXY][0-9][ABCEGHJ-NPRSTV-Z] ?[0-9][ABCEGHJ-NPRSTV-Z][0-9]";
        String portable = TrackingApiDocument.portable(java);
        assertEquals("[ABCEGHJ-NPRSTVXYabceghj-nprstvxy][0-9][ABCEGHJ-NPRSTV-Zabceghj-nprstv-z] ?[0-9][ABCEGHJ-NPRSTV-Zabceghj-nprstv-z][0-9]",
                portable);
        for (String code : new String[] {"M5H 1A1", "m5h1a1", "K1A 0B1"}) {
            assertTrue(Pattern.compile(java).matcher(code).matches() && Pattern.compile(portable).matcher(code).matches(), code);
        }
        assertEquals("AB|BC", TrackingApiDocument.portable("AB|BC"));
    }
}
