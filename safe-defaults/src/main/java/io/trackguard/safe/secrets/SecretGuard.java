package io.trackguard.safe.secrets;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;
import java.util.List;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * Refuses to start a service whose secrets are missing, too short, or demo values, before
 * anything else at startup. Which settings are secrets is configuration (trackguard.secrets.keys),
 * so each service lists its own.
 */
@Singleton
public class SecretGuard {

    private static final Logger LOG = Logger.getLogger(SecretGuard.class);

    private final SecretsConfig secrets;
    private final Config config;

    public SecretGuard(SecretsConfig secrets, Config config) {
        this.secrets = secrets;
        this.config = config;
    }

    void check(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent start) {
        List<String> problems = SecretRules.violations(secrets, key -> config.getOptionalValue(key, String.class));
        if (!problems.isEmpty()) {
            String message = "refusing to start: " + String.join("; ", problems)
                    + ". Set each from the deployment's secret store (demo values belong to the local stack only).";
            LOG.error(message);
            throw new IllegalStateException(message);
        }
        if (secrets.allowDemoValues()) {
            LOG.warn("demo secrets are accepted (trackguard.secrets.allow-demo-values): a local stack or test run, never a deployment");
        }
    }
}
