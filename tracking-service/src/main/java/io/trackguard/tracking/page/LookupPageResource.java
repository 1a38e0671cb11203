package io.trackguard.tracking.page;

import io.trackguard.problem.ProblemException;
import io.trackguard.tracking.disclosure.ShipmentView;
import io.trackguard.tracking.track.PublicTracking;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The public tracking page, server-rendered, English and French, no JavaScript: the form and a
 * parcel's public status. It goes through the same services as the API, so the same limits,
 * disclosure policy and audit apply; a problem becomes a page that says what happened and what
 * to do. The recipient's pages are {@link RecipientPageResource}, the one-time link's
 * {@link LinkPageResource}.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class LookupPageResource {

    private final PublicTracking tracking;
    private final PageViews views;
    private final PageAnswers answers;
    private final RoutingContext http;

    public LookupPageResource(PublicTracking tracking, PageViews views, PageAnswers answers, RoutingContext http) {
        this.tracking = tracking;
        this.views = views;
        this.answers = answers;
        this.http = http;
    }

    @GET
    @Operation(hidden = true)
    public Response home(@QueryParam("lang") String lang) {
        Locale locale = Languages.choose(http, lang);
        Msg m = Languages.msg(locale);
        return PageAnswers.page(200, PageTemplates.home(Languages.layout(locale, m.home_title(), "/"), "", null, null), locale);
    }

    @GET
    @Path("track")
    @Operation(hidden = true)
    public Response track(@QueryParam("number") String number, @QueryParam("lang") String lang) {
        Locale locale = Languages.choose(http, lang);
        Msg m = Languages.msg(locale);
        if (number == null || number.isBlank()) {
            return PageAnswers.page(200, PageTemplates.home(Languages.layout(locale, m.home_title(), "/"), "", null, null), locale);
        }
        String self = "/track?number=" + URLEncoder.encode(number, StandardCharsets.UTF_8);
        try {
            ShipmentView view = tracking.lookup(number);
            PageModels.Status s = views.status(view, m, locale);
            return PageAnswers.page(200, PageTemplates.status(Languages.layout(locale, m.status_title(s.display()), self), s, null), locale);
        } catch (ProblemException e) {
            return answers.problemPage(e, locale, m, self, number);
        }
    }
}
