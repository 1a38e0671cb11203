package io.trackguard.safe.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.MultiMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecurityHeadersTest {

    static SecurityHeaders headers(HttpSafetyConfig.Mode mode, Map<String, String> extra) {
        return new SecurityHeaders(new HttpSafetyConfig() {
            @Override
            public Map<String, String> headers() {
                return extra;
            }

            @Override
            public String cacheControl() {
                return "no-store";
            }

            @Override
            public Hsts hsts() {
                return new Hsts() {
                    @Override
                    public HttpSafetyConfig.Mode mode() {
                        return mode;
                    }

                    @Override
                    public String value() {
                        return "max-age=31536000; includeSubDomains";
                    }
                };
            }
        });
    }

    @Test
    void everyAnswerGetsTheDefaultsNoStoreAndHstsInModeAlways() {
        MultiMap answer = MultiMap.caseInsensitiveMultiMap();
        headers(HttpSafetyConfig.Mode.ALWAYS, Map.of()).apply(answer, false);
        SecurityHeaders.DEFAULTS.forEach((name, value) -> assertEquals(value, answer.get(name), name));
        assertEquals("no-store", answer.get("Cache-Control"));
        assertEquals("max-age=31536000; includeSubDomains", answer.get("Strict-Transport-Security"));
    }

    @Test
    void anAnswersOwnValuesWinAndConfigurationChangesTheDefaults() {
        MultiMap answer = MultiMap.caseInsensitiveMultiMap().add("Cache-Control", "public, max-age=86400");
        headers(HttpSafetyConfig.Mode.ALWAYS, Map.of("Content-Security-Policy", "default-src 'none'; style-src 'self'")).apply(answer, false);
        assertEquals("public, max-age=86400", answer.get("Cache-Control"));
        assertEquals("default-src 'none'; style-src 'self'", answer.get("Content-Security-Policy"));
    }

    @Test
    void hstsInModeTlsOnlyOverTlsAndNeverWhenOff() {
        MultiMap plain = MultiMap.caseInsensitiveMultiMap();
        headers(HttpSafetyConfig.Mode.TLS, Map.of()).apply(plain, false);
        assertNull(plain.get("Strict-Transport-Security"));
        MultiMap tls = MultiMap.caseInsensitiveMultiMap();
        headers(HttpSafetyConfig.Mode.TLS, Map.of()).apply(tls, true);
        assertEquals("max-age=31536000; includeSubDomains", tls.get("Strict-Transport-Security"));
        MultiMap off = MultiMap.caseInsensitiveMultiMap();
        headers(HttpSafetyConfig.Mode.OFF, Map.of()).apply(off, true);
        assertNull(off.get("Strict-Transport-Security"));
    }
}
