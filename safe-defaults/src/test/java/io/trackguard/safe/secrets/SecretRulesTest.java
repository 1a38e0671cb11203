package io.trackguard.safe.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SecretRulesTest {

    static SecretsConfig config(boolean allowDemo, String... keys) {
        return new SecretsConfig() {
            @Override
            public List<String> keys() {
                return List.of(keys);
            }

            @Override
            public int minLength() {
                return 16;
            }

            @Override
            public Map<String, Integer> minLengthOf() {
                return Map.of("trackguard.recipient.signing-key", 32);
            }

            @Override
            public boolean allowDemoValues() {
                return allowDemo;
            }
        };
    }

    static List<String> check(boolean allowDemo, Map<String, String> values, String... keys) {
        return SecretRules.violations(config(allowDemo, keys), k -> Optional.ofNullable(values.get(k)));
    }

    @Test
    void eachBadSecretIsNamedWithItsEnvironmentVariableAndNeverItsValue() {
        List<String> problems = check(false, Map.of(
                "quarkus.flyway.password", "short-one",
                "trackguard.recipient.signing-key", "twenty-five-characters-x",
                "trackguard.gateway.webhook-secret-key", "demo-only-webhook-key-change-me",
                "quarkus.oidc-client.credentials.secret", "   "),
                "quarkus.datasource.password", "quarkus.flyway.password", "trackguard.recipient.signing-key",
                "trackguard.gateway.webhook-secret-key", "quarkus.oidc-client.credentials.secret");
        assertEquals(List.of(
                "QUARKUS_DATASOURCE_PASSWORD (quarkus.datasource.password) is not set",
                "QUARKUS_FLYWAY_PASSWORD (quarkus.flyway.password) is shorter than 16 characters",
                "TRACKGUARD_RECIPIENT_SIGNING_KEY (trackguard.recipient.signing-key) is shorter than 32 characters",
                "TRACKGUARD_GATEWAY_WEBHOOK_SECRET_KEY (trackguard.gateway.webhook-secret-key) is a demo value (it starts with demo-only, as it is or base64-decoded)",
                "QUARKUS_OIDC_CLIENT_CREDENTIALS_SECRET (quarkus.oidc-client.credentials.secret) is not set"), problems);
    }

    @Test
    void goodSecretsPass() {
        assertEquals(List.of(), check(false, Map.of("quarkus.datasource.password", "Xq7#long-enough-pw",
                "trackguard.recipient.signing-key", "a-32-character-signing-key-value!"),
                "quarkus.datasource.password", "trackguard.recipient.signing-key"));
    }

    @Test
    void demoValuesOnlyWhereAllowedAndNeverMissingOnes() {
        Map<String, String> demo = Map.of("quarkus.datasource.password", "demo-only-tracking-app");
        assertEquals(1, check(false, demo, "quarkus.datasource.password").size());
        assertEquals(List.of(), check(true, demo, "quarkus.datasource.password"));
        assertEquals(List.of("QUARKUS_FLYWAY_PASSWORD (quarkus.flyway.password) is not set"),
                check(true, demo, "quarkus.datasource.password", "quarkus.flyway.password"));
        assertEquals(1, check(false, Map.of("quarkus.datasource.password", "DEMO-ONLY-but-upper-case"), "quarkus.datasource.password").size());
        // the committed demo webhook key is base64 of "demo-only-webhook-key-change-me!"
        assertEquals(1, check(false, Map.of("trackguard.gateway.webhook-secret-key", "ZGVtby1vbmx5LXdlYmhvb2sta2V5LWNoYW5nZS1tZSE="),
                "trackguard.gateway.webhook-secret-key").size());
        assertEquals(List.of(), check(false, Map.of("trackguard.gateway.webhook-secret-key", "q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq80="),
                "trackguard.gateway.webhook-secret-key"));
    }
}
