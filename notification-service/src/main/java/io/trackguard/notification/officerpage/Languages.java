package io.trackguard.notification.officerpage;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Locale;

/** English or French, as on the public page: ?lang= (remembered in a cookie), else Accept-Language, else English. */
final class Languages {

    static final String COOKIE = "tg_lang";
    private static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.FRENCH);

    private Languages() {
    }

    static Locale choose(RoutingContext http, String requested) {
        if ("fr".equals(requested) || "en".equals(requested)) {
            http.response().addCookie(Cookie.cookie(COOKIE, requested).setPath(OfficerPage.ROOT).setHttpOnly(true)
                    .setSameSite(CookieSameSite.LAX).setMaxAge(365L * 24 * 3600));
            return Locale.forLanguageTag(requested);
        }
        Cookie remembered = http.request().getCookie(COOKIE);
        if (remembered != null && ("fr".equals(remembered.getValue()) || "en".equals(remembered.getValue()))) {
            return Locale.forLanguageTag(remembered.getValue());
        }
        String header = http.request().getHeader("Accept-Language");
        if (header != null && header.length() < 500) {
            try {
                Locale match = Locale.lookup(Locale.LanguageRange.parse(header), SUPPORTED);
                if (match != null) {
                    return match;
                }
            } catch (IllegalArgumentException malformed) {
                // a malformed header is no preference
            }
        }
        return Locale.ENGLISH;
    }
}
