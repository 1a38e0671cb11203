package io.trackguard.tracking.page;

import io.quarkus.qute.TemplateInstance;
import io.trackguard.problem.ProblemException;
import io.trackguard.ratelimit.guard.GuardState;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Locale;

/**
 * A page as an HTTP answer (HTML in UTF-8, never stored), and a problem as a page that says what
 * happened and what to do, with the status the API would give.
 */
@ApplicationScoped
class PageAnswers {

    private final RoutingContext http;

    PageAnswers(RoutingContext http) {
        this.http = http;
    }

    Response problemPage(ProblemException e, Locale locale, Msg m, String self, String number) {
        String type = e.problem().type().replace("urn:trackguard:problem:", "");
        Response.ResponseBuilder answer;
        switch (type) {
            case "invalid-tracking-number" -> {
                return page(400, PageTemplates.home(Languages.layout(locale, m.malformed_title(), self), number, m.malformed_title(),
                        m.malformed_text()), locale);
            }
            case "mistyped-tracking-number" -> {
                return page(400, PageTemplates.home(Languages.layout(locale, m.mistyped_title(), self), number, m.mistyped_title(),
                        m.mistyped_text()), locale);
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

    static Response.ResponseBuilder message(int status, Locale locale, String heading, String text, String self, String number) {
        return Response.status(status).entity(PageTemplates.message(Languages.layout(locale, heading, self), heading, text, number)
                .setLocale(locale)).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).header("Cache-Control", "no-store");
    }

    static Response page(int status, TemplateInstance template, Locale locale) {
        return Response.status(status).entity(template.setLocale(locale)).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Cache-Control", "no-store").build();
    }
}
