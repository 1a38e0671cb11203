package io.trackguard.safe.secrets;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What makes a secret unacceptable: missing, shorter than its minimum, or a demo value. The
 * messages name the setting and its environment variable, never the value.
 */
public final class SecretRules {

    public static final String DEMO_PREFIX = "demo-only";

    private SecretRules() {
    }

    /** One line per unacceptable secret; empty when all are fine. */
    public static List<String> violations(SecretsConfig config, Function<String, Optional<String>> values) {
        List<String> problems = new ArrayList<>();
        Map<String, Integer> longer = config.minLengthOf();
        for (String key : config.keys()) {
            String name = key.trim();
            if (name.isEmpty()) {
                continue;
            }
            Optional<String> value = values.apply(name).filter(v -> !v.isBlank());
            int min = longer.getOrDefault(name, config.minLength());
            String which = envName(name) + " (" + name + ")";
            if (value.isEmpty()) {
                problems.add(which + " is not set");
            } else if (value.get().length() < min) {
                problems.add(which + " is shorter than " + min + " characters");
            } else if (!config.allowDemoValues() && isDemo(value.get())) {
                problems.add(which + " is a demo value (it starts with " + DEMO_PREFIX + ", as it is or base64-decoded)");
            }
        }
        return problems;
    }

    /** A demo value: it starts with demo-only, as it is or base64-decoded (keys given as base64). */
    static boolean isDemo(String value) {
        if (value.toLowerCase(Locale.ROOT).startsWith(DEMO_PREFIX)) {
            return true;
        }
        try {
            byte[] decoded = Base64.getDecoder().decode(value.trim());
            return new String(decoded, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT).startsWith(DEMO_PREFIX);
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    /** The environment variable that sets a key (MicroProfile Config: non-alphanumerics become _, upper case). */
    public static String envName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }
}
