package io.trackguard.tracking.page;

import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Locale;

/**
 * The page's language, English or French: an explicit choice (?lang=, remembered in a cookie),
 * else Accept-Language, else English; the words in it, and the link to the same page in the other.
 */
final class Languages {

    static final String COOKIE = "tg_lang";
    private static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.FRENCH);

    private Languages() {
    }

    static Locale choose(RoutingContext http, String requested) {
        if ("fr".equals(requested) || "en".equals(requested)) {
            http.response().addCookie(Cookie.cookie(COOKIE, requested).setPath("/").setHttpOnly(true)
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

    /** The page's words in that language. */
    static Msg msg(Locale locale) {
        return MessageBundles.get(Msg.class, Localized.Literal.of(locale.getLanguage()));
    }

    /** Every page's frame: its language, its title, and the same page ({@code self}) in the other language. */
    static PageModels.Layout layout(Locale locale, String title, String self) {
        String other = "fr".equals(locale.getLanguage()) ? "en" : "fr";
        return new PageModels.Layout(locale.getLanguage(), title, self + (self.contains("?") ? "&" : "?") + "lang=" + other);
    }
}
