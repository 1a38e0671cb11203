package io.trackguard.safe.http;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The security headers, Cache-Control: no-store and HSTS on every answer of the public or partner
 * port: pages, API answers, problems, the framework's own 404, 401, 403 and 413. They are set just
 * before the head is written, so no answer escapes them, and only where the answer has not set its
 * own (a static asset may be cached, a page may have its own policy).
 */
@ApplicationScoped
public class SecurityHeaders {

    /** For JSON APIs: nothing to load, nothing to frame, no referrer, not for other origins. */
    static final Map<String, String> DEFAULTS = Map.of(
            "X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "DENY",
            "Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'; base-uri 'none'",
            "Referrer-Policy", "no-referrer",
            "Cross-Origin-Resource-Policy", "same-origin",
            "Cross-Origin-Opener-Policy", "same-origin",
            "Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()");
    static final String CACHE_CONTROL = "Cache-Control";
    static final String HSTS = "Strict-Transport-Security";

    private final Map<String, String> headers;
    private final HttpSafetyConfig config;

    public SecurityHeaders(HttpSafetyConfig config) {
        Map<String, String> all = new LinkedHashMap<>(DEFAULTS);
        all.putAll(config.headers());
        this.headers = Map.copyOf(all);
        this.config = config;
    }

    void install(@Observes Router router) {
        // first of all routes (problem-details' own comes right after), so even an answer it ends early gets them
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            HttpServerResponse response = ctx.response();
            boolean tls = ctx.request().isSSL();
            ctx.addHeadersEndHandler(v -> apply(response.headers(), tls));
            ctx.next();
        });
    }

    void apply(MultiMap answer, boolean tls) {
        headers.forEach((name, value) -> {
            if (!answer.contains(name)) {
                answer.set(name, value);
            }
        });
        if (!answer.contains(CACHE_CONTROL)) {
            answer.set(CACHE_CONTROL, config.cacheControl());
        }
        HttpSafetyConfig.Mode mode = config.hsts().mode();
        if (mode == HttpSafetyConfig.Mode.ALWAYS || (mode == HttpSafetyConfig.Mode.TLS && tls)) {
            answer.set(HSTS, config.hsts().value());
        }
    }
}
