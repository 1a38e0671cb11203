package io.trackguard.safe.http;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Map;

/** The headers every answer carries (environment: TRACKGUARD_HTTP_*). */
@ConfigMapping(prefix = "trackguard.http")
public interface HttpSafetyConfig {

    /** Headers to add to, or change in, SecurityHeaders' defaults, by name (a page's own CSP, say). */
    Map<String, String> headers();

    /** Cache-Control of every answer that does not set its own: nothing a service answers is for caches. */
    @WithDefault("no-store")
    String cacheControl();

    /** Strict-Transport-Security. */
    Hsts hsts();

    interface Hsts {
        /**
         * always: on every answer (behind a TLS-terminating ingress; browsers ignore it over plain
         * HTTP); tls: only on answers over a TLS connection of this server (the local stack);
         * off: never.
         */
        @WithDefault("always")
        Mode mode();

        /** The field's value. */
        @WithDefault("max-age=31536000; includeSubDomains")
        String value();
    }

    enum Mode {
        ALWAYS, TLS, OFF
    }
}
