package io.trackguard.tracking.page;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import io.trackguard.problem.ProblemException;
import io.trackguard.ratelimit.guard.GuardState;
import io.trackguard.tracking.config.TrackingConfig;
import io.trackguard.tracking.disclosure.ShipmentView;
import io.trackguard.tracking.disclosure.TimelineEvent;
import io.trackguard.tracking.recipient.AccessReport;
import io.trackguard.tracking.recipient.RecipientConfig;
import io.trackguard.tracking.recipient.RecipientLinks;
import io.trackguard.tracking.recipient.PostalCodeVerification;
import io.trackguard.tracking.recipient.RecipientDetails;
import io.trackguard.tracking.recipient.RecipientSession;
import io.trackguard.tracking.recipient.Verified;
import io.trackguard.tracking.recipient.WhoLooked;
import io.trackguard.tracking.track.PublicTracking;
import io.trackguard.tracking.trackingnumber.TrackingNumber;
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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The public tracking page, server-rendered, English and French, no JavaScript. It goes
 * through the same services as the API, so the same limits, disclosure policy and audit
 * apply; a problem becomes a page that says what happened and what to do.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class PageResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance home(PageModels.Layout page, String number, String errorTitle, String errorText);

        static native TemplateInstance status(PageModels.Layout page, PageModels.Status s, String verifyError);

        static native TemplateInstance details(PageModels.Layout page, PageModels.Details d);

        static native TemplateInstance message(PageModels.Layout page, String heading, String text, String number);

        static native TemplateInstance link(PageModels.Layout page, String display, String token, String confirm, boolean retry);
    }

    /**
     * The one-time link page's confirmation cookie: SameSite=Strict, so a form posted from
     * another site never carries it. Its value is also in the page's form, and the POST that
     * spends a link must carry both, equal.
     */
    static final String LINK_CONFIRM_COOKIE = "tg_link";
    // Per instance, made at run time: a static one would be seeded into the native image heap.
    private final SecureRandom random = new SecureRandom();

    private final PublicTracking tracking;
    private final PostalCodeVerification verification;
    private final RecipientDetails recipientDetails;
    private final WhoLooked whoLooked;
    private final RecipientLinks links;
    private final RecipientSession sessions;
    private final RoutingContext http;
    private final ZoneId zone;
    private final boolean secureCookies;

    public PageResource(PublicTracking tracking, PostalCodeVerification verification, RecipientDetails recipientDetails, WhoLooked whoLooked,
                        RecipientLinks links, RecipientSession sessions, RoutingContext http, TrackingConfig config,
                        RecipientConfig recipientConfig) {
        this.tracking = tracking;
        this.verification = verification;
        this.recipientDetails = recipientDetails;
        this.whoLooked = whoLooked;
        this.links = links;
        this.sessions = sessions;
        this.http = http;
        this.zone = config.displayZone();
        this.secureCookies = recipientConfig.secureCookie();
    }

    @GET
    @Operation(hidden = true)
    public Response home(@QueryParam("lang") String lang) {
        Locale locale = Languages.choose(http, lang);
        Msg m = msg(locale);
        return page(200, Templates.home(layout(locale, m.home_title(), "/"), "", null, null), locale);
    }

    @GET
    @Path("track")
    @Operation(hidden = true)
    public Response track(@QueryParam("number") String number, @QueryParam("lang") String lang) {
        Locale locale = Languages.choose(http, lang);
        Msg m = msg(locale);
        if (number == null || number.isBlank()) {
            return page(200, Templates.home(layout(locale, m.home_title(), "/"), "", null, null), locale);
        }
        String self = "/track?number=" + URLEncoder.encode(number, StandardCharsets.UTF_8);
        try {
            ShipmentView view = tracking.lookup(number);
            PageModels.Status s = status(view, m, locale);
            return page(200, Templates.status(layout(locale, m.status_title(s.display()), self), s, null), locale);
        } catch (ProblemException e) {
            return problemPage(e, locale, m, self, number);
        }
    }

    @POST
    @Path("track/{number}/verify")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response verify(@PathParam("number") String number, @FormParam("postalCode") String postalCode) {
        Locale locale = Languages.choose(http, null);
        Msg m = msg(locale);
        String self = "/track?number=" + URLEncoder.encode(number, StandardCharsets.UTF_8);
        try {
            Verified verified = verification.verify(number, postalCode == null ? "" : postalCode.substring(0, Math.min(16, postalCode.length())));
            sessions.setCookie(http, verified.session());
            return Response.seeOther(URI.create("/track/" + verified.trackingNumber() + "/details")).build();
        } catch (ProblemException e) {
            if ("urn:trackguard:problem:verification-failed".equals(e.problem().type())) {
                PageModels.Status bare = new PageModels.Status(display(number), number, null, null, null, null, null, List.of());
                return page(403, Templates.status(layout(locale, m.verify_title(), self), bare, m.verify_failed()), locale);
            }
            return problemPage(e, locale, m, self, number);
        }
    }

    @GET
    @Path("track/{number}/details")
    @Operation(hidden = true)
    public Response details(@PathParam("number") String number, @QueryParam("lang") String lang) {
        Locale locale = Languages.choose(http, lang);
        Msg m = msg(locale);
        String self = "/track/" + URLEncoder.encode(number, StandardCharsets.UTF_8) + "/details";
        try {
            ShipmentView view = recipientDetails.details(number);
            AccessReport accesses = whoLooked.report(number);
            PageModels.Details d = details(view, accesses, m, locale);
            return page(200, Templates.details(layout(locale, m.details_title(), self), d), locale);
        } catch (ProblemException e) {
            if ("urn:trackguard:problem:recipient-verification-required".equals(e.problem().type())) {
                return Response.seeOther(URI.create("/track?number=" + URLEncoder.encode(number, StandardCharsets.UTF_8))).build();
            }
            return problemPage(e, locale, m, self, number);
        }
    }

    /** A one-time link opens a page with a button; this GET spends nothing (mail scanners open links first). */
    @GET
    @Path("r/{token}")
    @Operation(hidden = true)
    public Response link(@PathParam("token") String token, @QueryParam("lang") String lang) {
        Locale locale = Languages.choose(http, lang);
        Msg m = msg(locale);
        return links.preview(token)
                .map(number -> confirmation(200, locale, m, token, number, false))
                .orElseGet(() -> message(403, locale, m.link_invalid_title(), m.link_invalid_text(), "/", null).build());
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
        Msg m = msg(locale);
        if (!confirmedHere(confirm)) {
            return links.preview(token)
                    .map(number -> confirmation(403, locale, m, token, number, true))
                    .orElseGet(() -> message(403, locale, m.link_invalid_title(), m.link_invalid_text(), "/", null).build());
        }
        try {
            Verified verified = links.redeem(token);
            http.response().addCookie(Cookie.cookie(LINK_CONFIRM_COOKIE, "").setPath("/r").setMaxAge(0));
            sessions.setCookie(http, verified.session());
            return Response.seeOther(URI.create("/track/" + verified.trackingNumber() + "/details")).build();
        } catch (ProblemException e) {
            return problemPage(e, locale, m, "/", null);
        }
    }

    private Response confirmation(int status, Locale locale, Msg m, String token, String number, boolean retry) {
        byte[] nonce = new byte[18];
        random.nextBytes(nonce);
        String confirm = Base64.getUrlEncoder().withoutPadding().encodeToString(nonce);
        http.response().addCookie(Cookie.cookie(LINK_CONFIRM_COOKIE, confirm).setPath("/r").setHttpOnly(true)
                .setSecure(secureCookies).setSameSite(CookieSameSite.STRICT).setMaxAge(3600));
        return page(status, Templates.link(layout(locale, m.link_title(), "/r/" + token), display(number), token, confirm, retry), locale);
    }

    /** The form's confirmation value equals the SameSite=Strict cookie that this site's page set. */
    private boolean confirmedHere(String confirm) {
        Cookie cookie = http.request().getCookie(LINK_CONFIRM_COOKIE);
        return confirm != null && cookie != null && !confirm.isEmpty()
                && MessageDigest.isEqual(confirm.getBytes(StandardCharsets.US_ASCII), cookie.getValue().getBytes(StandardCharsets.US_ASCII));
    }

    private Response problemPage(ProblemException e, Locale locale, Msg m, String self, String number) {
        String type = e.problem().type().replace("urn:trackguard:problem:", "");
        Response.ResponseBuilder answer;
        switch (type) {
            case "invalid-tracking-number" -> {
                return page(400, Templates.home(layout(locale, m.malformed_title(), self), number, m.malformed_title(), m.malformed_text()), locale);
            }
            case "mistyped-tracking-number" -> {
                return page(400, Templates.home(layout(locale, m.mistyped_title(), self), number, m.mistyped_title(), m.mistyped_text()), locale);
            }
            case "shipment-not-found" -> answer = message(404, locale, m.notfound_title(), m.notfound_text(), self, number);
            case "rate-limited" -> answer = message(429, locale, m.limited_title(),
                    m.limited_text(GuardState.of(http).retryAfterSeconds().orElse(60)), self, null);
            case "verification-locked" -> answer = message(429, locale, m.locked_title(),
                    m.locked_text(Math.max(1, GuardState.of(http).retryAfterSeconds().orElse(3600) / 60)), self, number);
            case "link-invalid" -> answer = message(403, locale, m.link_invalid_title(), m.link_invalid_text(), self, null);
            default -> answer = message(e.problem().status() >= 500 ? 503 : e.problem().status(), locale, m.unavailable_title(),
                    m.unavailable_text(), self, null);
        }
        // a problem's own fields (the audit log's Retry-After); the limiter's are written by GuardHeaders
        e.headers().forEach(answer::header);
        return answer.build();
    }

    private Response.ResponseBuilder message(int status, Locale locale, String heading, String text, String self, String number) {
        return Response.status(status).entity(Templates.message(layout(locale, heading, self), heading, text, number)
                .setLocale(locale)).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).header("Cache-Control", "no-store");
    }

    private static Response page(int status, TemplateInstance template, Locale locale) {
        return Response.status(status).entity(template.setLocale(locale)).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Cache-Control", "no-store").build();
    }

    private static Msg msg(Locale locale) {
        return MessageBundles.get(Msg.class, Localized.Literal.of(locale.getLanguage()));
    }

    private static PageModels.Layout layout(Locale locale, String title, String self) {
        String other = "fr".equals(locale.getLanguage()) ? "en" : "fr";
        return new PageModels.Layout(locale.getLanguage(), title, self + (self.contains("?") ? "&" : "?") + "lang=" + other);
    }

    /** Rows null: a status-only view (the partner's shipments are guarded), which the page says. */
    private PageModels.Status status(ShipmentView v, Msg m, Locale locale) {
        List<PageModels.Row> rows = v.events() == null ? null : v.events().stream()
                .map(e -> new PageModels.Row(when(e, locale), statusName(m, e.type()), place(e)))
                .toList();
        return new PageModels.Status(display(v.trackingNumber()), v.trackingNumber(), statusName(m, v.status()), date(v.expectedDeliveryDate(), locale),
                date(v.deliveredOn(), locale), v.destination() == null ? null : v.destination().province(), v.sender(), rows);
    }

    private PageModels.Details details(ShipmentView v, AccessReport accesses, Msg m, Locale locale) {
        List<PageModels.Row> seen = accesses.accesses().stream()
                .map(a -> new PageModels.Row(time(a.at(), locale), viewer(m, a.viewer()), what(m, a.what())))
                .toList();
        String warning = accesses.warning() == null ? null
                : "fr".equals(locale.getLanguage()) ? accesses.warning().fr() : accesses.warning().en();
        ShipmentView.Destination d = v.destination();
        String destination = d == null ? null : String.join(", ", List.of(d.city(), d.province(), d.postalCode() + "…"));
        return new PageModels.Details(status(v, m, locale), v.deliveredAt() == null ? null : time(v.deliveredAt(), locale), v.signerName(),
                v.recipient() == null ? null : v.recipient().name(), v.recipient() == null ? null : v.recipient().email(),
                v.recipient() == null ? null : v.recipient().phone(), destination, seen, warning);
    }

    private String when(TimelineEvent e, Locale locale) {
        return e.occurredAt() != null ? time(e.occurredAt(), locale) : date(e.occurredOn(), locale);
    }

    /** "City, PR", or the province alone where the view has no city (last-mile scans in public). */
    private static String place(TimelineEvent e) {
        if (e.facilityCity() == null) {
            return e.facilityProvince() == null ? "" : e.facilityProvince();
        }
        return e.facilityCity() + ", " + e.facilityProvince();
    }

    private String time(Instant t, Locale locale) {
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT).withLocale(locale).withZone(zone).format(t);
    }

    private static String date(LocalDate d, Locale locale) {
        return d == null ? null : DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale).format(d);
    }

    private static String display(String number) {
        return TrackingNumber.tryParse(number).map(TrackingNumber::display).orElse(number);
    }

    static String statusName(Msg m, String status) {
        return switch (status) {
            case "CREATED" -> m.status_CREATED();
            case "ACCEPTED" -> m.status_ACCEPTED();
            case "IN_TRANSIT" -> m.status_IN_TRANSIT();
            case "OUT_FOR_DELIVERY" -> m.status_OUT_FOR_DELIVERY();
            case "DELIVERED" -> m.status_DELIVERED();
            case "CANCELLED" -> m.status_CANCELLED();
            case "EXCEPTION" -> m.status_EXCEPTION();
            default -> status;
        };
    }

    private static String viewer(Msg m, String viewer) {
        return switch (viewer) {
            case "recipient" -> m.viewer_recipient();
            case "retailer" -> m.viewer_retailer();
            case "staff" -> m.viewer_staff();
            case "carrier" -> m.viewer_carrier();
            case "service" -> m.viewer_service();
            default -> m.viewer_someone();
        };
    }

    private static String what(Msg m, String what) {
        return switch (what) {
            case "viewed-details" -> m.what_viewed_details();
            case "viewed-shipment" -> m.what_viewed_shipment();
            case "verified-with-postal-code" -> m.what_verified_with_postal_code();
            case "verified-with-link" -> m.what_verified_with_link();
            case "wrong-postal-code" -> m.what_wrong_postal_code();
            case "used-link-again" -> m.what_used_link_again();
            case "link-issued" -> m.what_link_issued();
            default -> m.what_viewed_status();
        };
    }
}
