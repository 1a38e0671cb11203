package io.trackguard.tracking.client;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trackguard.tracking.config.TestConfigs;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Key rotation of the pseudonym key: new pseudonyms under the new key, old ones still recognised where compared. */
class PseudonymsTest {

    static final String NUMBER = "K7M2QX9TPA4RWH3N8E";
    static final String OLD_KEY = "the-old-pseudonym-key-of-32-chars!";
    static final String NEW_KEY = "the-new-pseudonym-key-of-32-chars!";

    @Test
    void aPseudonymMadeUnderThePreviousKeyIsRecognisedAfterRotationAndOnlyWhileThatKeyIsKept() {
        Pseudonyms before = new Pseudonyms(TestConfigs.trackingConfig(List.of(), OLD_KEY, "1", Map.of()));
        String oldPseudonym = before.trackingNumber(NUMBER);

        Pseudonyms rotated = new Pseudonyms(TestConfigs.trackingConfig(List.of(), NEW_KEY, "2", Map.of("1", OLD_KEY)));
        assertNotEquals(oldPseudonym, rotated.trackingNumber(NUMBER), "new pseudonyms use the new key");
        assertTrue(rotated.isTrackingNumber(rotated.trackingNumber(NUMBER), NUMBER));
        assertTrue(rotated.isTrackingNumber(oldPseudonym, NUMBER), "a session made before the rotation still matches");
        assertFalse(rotated.isTrackingNumber(oldPseudonym, "BWBVQKS7YMXQRRKD6N"), "but only for its own number");

        Pseudonyms oldKeyDropped = new Pseudonyms(TestConfigs.trackingConfig(List.of(), NEW_KEY, "2", Map.of()));
        assertFalse(oldKeyDropped.isTrackingNumber(oldPseudonym, NUMBER));
    }

    @Test
    void theCurrentKeyIdCannotAlsoBeAPreviousOne() {
        assertThrows(IllegalStateException.class,
                () -> new Pseudonyms(TestConfigs.trackingConfig(List.of(), NEW_KEY, "2", Map.of("2", OLD_KEY))));
    }
}
