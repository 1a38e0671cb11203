package io.trackguard.tracking.page;

import io.trackguard.problem.ProblemException;
import io.trackguard.tracking.recipient.RecipientConfig;
import io.trackguard.tracking.recipient.RecipientLinks;
import io.trackguard.tracking.recipient.RecipientSession;
import io.trackguard.tracking.recipient.Verified;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The one-time link's pages: opening a link shows a button; only the button's POST from this site spends it. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class LinkPageResource {

    /**
     * The one-time link page's confirmation cookie: SameSite=Strict, so a form posted from
     * another site never carries it. Its value is also in the page's form, and the POST that
     * spends a link must carry both, equal.
     */
    static final String LINK_CONFIRM_COOKIE = "tg_link";
    // Per instance, made at run time: a static one would be seeded into the native image heap.
    private final SecureRandom random = new SecureRandom();

    private final RecipientLinks links;
    private final RecipientSession sessions;
    private final PageAnswers answers;
    private final RoutingContext http;
    private final boolean secureCookies;

    public LinkPageResource(RecipientLinks links, RecipientSession sessions, PageAnswers answers, RoutingContext http,
                            RecipientConfig recipientConfig) {
        this.links = links;
        this.sessions = sessions;
        this.answers = answers;
        this.http = http;
        this.secureCookies = recipientConfig.secureCookie();
    }

    /** A one-time link opens a page with a button; this GET spends nothing (mail scanners open links first). */
    @GET
    @Path("r/{token}")
    @Operation(hidden = true)
    public Response link(@PathParam("token") String token, @QueryParam("lang") String lang) {
        Locale locale = Languages.choose(http, lang);
        Msg m = Languages.msg(locale);
        return links.preview(token)
                .map(number -> confirmation(200, locale, m, token, number, false))
                .orElseGet(() -> PageAnswers.message(403, locale, m.link_invalid_title(), m.link_invalid_text(), "/", null).build());
    }

    /**
     * The button's POST spends the link, then redirects, so the token is not left in the
     * address bar. Only a POST from this site's own page counts: it carries the SameSite=Strict
     * confirmation cookie and the same value in the form. Anything else spends nothing.
     */
    @POST
    @Path("r")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response spendLink(@FormParam("token") String token, @FormParam("confirm") String confirm) {
        Locale locale = Languages.choose(http, null);
        Msg m = Languages.msg(locale);
        if (!confirmedHere(confirm)) {
            return links.preview(token)
                    .map(number -> confirmation(403, locale, m, token, number, true))
                    .orElseGet(() -> PageAnswers.message(403, locale, m.link_invalid_title(), m.link_invalid_text(), "/", null).build());
        }
        try {
            Verified verified = links.redeem(token);
            http.response().addCookie(Cookie.cookie(LINK_CONFIRM_COOKIE, "").setPath("/r").setMaxAge(0));
            sessions.setCookie(http, verified.session());
            return Response.seeOther(URI.create("/track/" + verified.trackingNumber() + "/details")).build();
        } catch (ProblemException e) {
            return answers.problemPage(e, locale, m, "/", null);
        }
    }

    private Response confirmation(int status, Locale locale, Msg m, String token, String number, boolean retry) {
        byte[] nonce = new byte[18];
        random.nextBytes(nonce);
        String confirm = Base64.getUrlEncoder().withoutPadding().encodeToString(nonce);
        http.response().addCookie(Cookie.cookie(LINK_CONFIRM_COOKIE, confirm).setPath("/r").setHttpOnly(true)
                .setSecure(secureCookies).setSameSite(CookieSameSite.STRICT).setMaxAge(3600));
        return PageAnswers.page(status, PageTemplates.link(Languages.layout(locale, m.link_title(), "/r/" + token), PageViews.display(number),
                token, confirm, retry), locale);
    }

    /** The form's confirmation value equals the SameSite=Strict cookie that this site's page set. */
    private boolean confirmedHere(String confirm) {
        Cookie cookie = http.request().getCookie(LINK_CONFIRM_COOKIE);
        return confirm != null && cookie != null && !confirm.isEmpty()
                && MessageDigest.isEqual(confirm.getBytes(StandardCharsets.US_ASCII), cookie.getValue().getBytes(StandardCharsets.US_ASCII));
    }
}
