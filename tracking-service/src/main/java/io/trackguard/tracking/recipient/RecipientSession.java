package io.trackguard.tracking.recipient;

import io.trackguard.problem.Problem;
import io.trackguard.problem.ProblemException;
import io.trackguard.tracking.client.Pseudonyms;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/** Opens a recipient session, reads it from a request (cookie for the page, header for the API), and writes the cookie. */
@ApplicationScoped
public class RecipientSession {

    public static final String COOKIE = "tg_recipient";
    public static final String HEADER = "Recipient-Session";

    private final RecipientTokens tokens;
    private final Pseudonyms pseudonyms;
    private final RecipientConfig config;

    public RecipientSession(RecipientTokens tokens, Pseudonyms pseudonyms, RecipientConfig config) {
        this.tokens = tokens;
        this.pseudonyms = pseudonyms;
        this.config = config;
    }

    /** True when the request carries a valid session for exactly this shipment number. */
    public boolean provesRecipientOf(RoutingContext http, String canonicalNumber) {
        String token = http.request().getHeader(HEADER);
        if (token == null) {
            Cookie cookie = http.request().getCookie(COOKIE);
            token = cookie == null ? null : cookie.getValue();
        }
        // under the current pseudonym key or a previous one: sessions outlive a key rotation
        return tokens.readSession(token).map(c -> pseudonyms.isTrackingNumber(c.numberHash(), canonicalNumber)).orElse(false);
    }

    public void setCookie(RoutingContext http, String token) {
        http.response().addCookie(Cookie.cookie(COOKIE, token).setHttpOnly(true).setSecure(config.secureCookie())
                .setSameSite(CookieSameSite.STRICT).setPath("/").setMaxAge(config.sessionTtl().toSeconds()));
    }

    /** A new session for the recipient of this number (its pseudonym), from now for the session's lifetime. */
    public Verified open(String canonicalNumber, String numberHash) {
        return new Verified(canonicalNumber, tokens.session(numberHash), Instant.now().plus(config.sessionTtl()));
    }

    /** The answer when a detailed view is asked for without a valid session for that number. */
    public static ProblemException required() {
        return new ProblemException(Problem.typed("recipient-verification-required", 401, "Verification required",
                "Verify with the destination postal code first, or use the link from your notice."));
    }
}
