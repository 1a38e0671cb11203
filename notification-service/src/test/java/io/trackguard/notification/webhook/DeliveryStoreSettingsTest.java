package io.trackguard.notification.webhook;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The store's bounds are refused at start when PostgreSQL would not cancel a statement before the socket timeout cuts it. */
class DeliveryStoreSettingsTest {

    @Test
    void theStatementTimeoutMustBeSetAndBelowTheSocketTimeout() {
        assertDoesNotThrow(() -> store("5s", "2s", Optional.of(10)));
        assertDoesNotThrow(() -> store("5s", "2s", Optional.empty()), "no socket timeout: nothing to stay below");
        assertThrows(IllegalStateException.class, () -> store("10s", "2s", Optional.of(10)));
        assertThrows(IllegalStateException.class, () -> store("15s", "2s", Optional.of(10)));
        assertThrows(IllegalStateException.class, () -> store("0s", "2s", Optional.of(10)), "0 is no bound at all to PostgreSQL");
        assertThrows(IllegalStateException.class, () -> store("5s", "0s", Optional.of(10)));
    }

    private static DeliveryStore store(String statement, String lock, Optional<Integer> socketTimeoutSeconds) {
        WebhookConfig config = (WebhookConfig) Proxy.newProxyInstance(WebhookConfig.class.getClassLoader(), new Class<?>[] {WebhookConfig.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "storeStatementTimeout" -> Duration.parse("PT" + statement.toUpperCase());
                    case "storeLockTimeout" -> Duration.parse("PT" + lock.toUpperCase());
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return new DeliveryStore(null, config, socketTimeoutSeconds);
    }
}
