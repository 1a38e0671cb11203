package io.trackguard.tracking.recipient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Key rotation of the signing key: tokens name their key (kid); the previous key stays valid for its tokens. */
class RecipientTokensTest {

    static final String OLD_KEY = "old-recipient-signing-key-32-chars-long";
    static final String NEW_KEY = "new-recipient-signing-key-32-chars-long";

    static RecipientConfig config(String key, String id, Map<String, String> previous) {
        return new RecipientConfig() {
            @Override
            public String signingKey() {
                return key;
            }

            @Override
            public String signingKeyId() {
                return id;
            }

            @Override
            public Map<String, String> previousSigningKeys() {
                return previous;
            }

            @Override
            public Duration sessionTtl() {
                return Duration.ofMinutes(15);
            }

            @Override
            public Duration linkTtl() {
                return Duration.ofDays(7);
            }

            @Override
            public boolean secureCookie() {
                return true;
            }

            @Override
            public int failedAttemptsWarning() {
                return 3;
            }

            @Override
            public String spentLinkPrefix() {
                return "tg:link:";
            }
        };
    }

    @Test
    void sessionsAndLinksSignedBeforeARotationStayValidWhileTheOldKeyIsKept() {
        RecipientTokens before = new RecipientTokens(config(OLD_KEY, "1", Map.of()));
        String session = before.session("tn:abc");
        String link = before.link("tn:abc", "K7M2QX9TPA4RWH3N8E");

        RecipientTokens rotated = new RecipientTokens(config(NEW_KEY, "2", Map.of("1", OLD_KEY)));
        assertEquals("tn:abc", rotated.readSession(session).orElseThrow().numberHash());
        assertEquals("K7M2QX9TPA4RWH3N8E", rotated.readLink(link).orElseThrow().trackingNumber());
        assertEquals("tn:abc", rotated.readSession(rotated.session("tn:abc")).orElseThrow().numberHash());

        RecipientTokens oldKeyDropped = new RecipientTokens(config(NEW_KEY, "2", Map.of()));
        assertTrue(oldKeyDropped.readSession(session).isEmpty());
        assertTrue(oldKeyDropped.readLink(link).isEmpty());
    }

    @Test
    void aTokenNamingAnotherKeyIsRefusedEvenIfThatKeyIdIsCurrentElsewhere() {
        // signed with the old key but claiming to be key 2: checked with key 2, so refused
        RecipientTokens forger = new RecipientTokens(config(OLD_KEY, "2", Map.of()));
        RecipientTokens real = new RecipientTokens(config(NEW_KEY, "2", Map.of("1", OLD_KEY)));
        assertTrue(real.readSession(forger.session("tn:abc")).isEmpty());
    }
}
