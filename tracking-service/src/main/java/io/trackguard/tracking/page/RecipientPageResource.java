package io.trackguard.tracking.page;

import io.trackguard.problem.ProblemException;
import io.trackguard.tracking.disclosure.ShipmentView;
import io.trackguard.tracking.recipient.AccessReport;
import io.trackguard.tracking.recipient.PostalCodeVerification;
import io.trackguard.tracking.recipient.RecipientDetails;
import io.trackguard.tracking.recipient.RecipientSession;
import io.trackguard.tracking.recipient.Verified;
import io.trackguard.tracking.recipient.WhoLooked;
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
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The recipient's pages: the postal code form's POST, which opens a session (a cookie) and goes
 * to the details, and the details with "who looked", which without a session go back to the
 * parcel's public page.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class RecipientPageResource {

    private final PostalCodeVerification verification;
    private final RecipientDetails recipientDetails;
    private final WhoLooked whoLooked;
    private final RecipientSession sessions;
    private final PageViews views;
    private final PageAnswers answers;
    private final RoutingContext http;

    public RecipientPageResource(PostalCodeVerification verification, RecipientDetails recipientDetails, WhoLooked whoLooked,
                                 RecipientSession sessions, PageViews views, PageAnswers answers, RoutingContext http) {
        this.verification = verification;
        this.recipientDetails = recipientDetails;
        this.whoLooked = whoLooked;
        this.sessions = sessions;
        this.views = views;
        this.answers = answers;
        this.http = http;
    }

    @POST
    @Path("track/{number}/verify")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response verify(@PathParam("number") String number, @FormParam("postalCode") String postalCode) {
        Locale locale = Languages.choose(http, null);
        Msg m = Languages.msg(locale);
        String self = "/track?number=" + URLEncoder.encode(number, StandardCharsets.UTF_8);
        try {
            Verified verified = verification.verify(number, postalCode == null ? "" : postalCode.substring(0, Math.min(16, postalCode.length())));
            sessions.setCookie(http, verified.session());
            return Response.seeOther(URI.create("/track/" + verified.trackingNumber() + "/details")).build();
        } catch (ProblemException e) {
            if ("urn:trackguard:problem:verification-failed".equals(e.problem().type())) {
                PageModels.Status bare = new PageModels.Status(PageViews.display(number), number, null, null, null, null, null, List.of());
                return PageAnswers.page(403, PageTemplates.status(Languages.layout(locale, m.verify_title(), self), bare, m.verify_failed()),
                        locale);
            }
            return answers.problemPage(e, locale, m, self, number);
        }
    }

    @GET
    @Path("track/{number}/details")
    @Operation(hidden = true)
    public Response details(@PathParam("number") String number, @QueryParam("lang") String lang) {
        Locale locale = Languages.choose(http, lang);
        Msg m = Languages.msg(locale);
        String self = "/track/" + URLEncoder.encode(number, StandardCharsets.UTF_8) + "/details";
        try {
            ShipmentView view = recipientDetails.details(number);
            AccessReport accesses = whoLooked.report(number);
            PageModels.Details d = views.details(view, accesses, m, locale);
            return PageAnswers.page(200, PageTemplates.details(Languages.layout(locale, m.details_title(), self), d), locale);
        } catch (ProblemException e) {
            if ("urn:trackguard:problem:recipient-verification-required".equals(e.problem().type())) {
                return Response.seeOther(URI.create("/track?number=" + URLEncoder.encode(number, StandardCharsets.UTF_8))).build();
            }
            return answers.problemPage(e, locale, m, self, number);
        }
    }
}
