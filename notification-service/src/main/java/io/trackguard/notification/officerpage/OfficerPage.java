package io.trackguard.notification.officerpage;

import io.quarkus.oidc.Tenant;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import io.quarkus.security.identity.SecurityIdentity;
import io.trackguard.notification.casefile.IncidentKind;
import io.trackguard.notification.casefile.IncidentStatus;
import io.trackguard.notification.config.NotifyConfig;
import io.trackguard.notification.incident.IncidentService;
import io.trackguard.notification.incident.Views;
import io.trackguard.notification.limits.OfficerLimited;
import io.trackguard.notification.officerpage.OfficerPageModels.Fact;
import io.trackguard.notification.officerpage.OfficerPageModels.NoticeLine;
import io.trackguard.notification.officerpage.OfficerPageModels.Option;
import io.trackguard.notification.report.ReportRenderer;
import io.trackguard.notification.report.Reports;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The privacy officers' page: the incident list with filters, and one incident (summary,
 * 72-hour clock, scope, lookups over time, assessment, notices, timeline), server-rendered in
 * English and French, no JavaScript. Signed in through Keycloak's authorization code flow (OIDC
 * tenant "officers"); it reads through the same service as the officers' API and shows no
 * affected person's name or address.
 */
@Path(OfficerPage.ROOT)
@Tenant(OfficerPage.TENANT)
@RolesAllowed("privacy-officer")
@OfficerLimited
@Produces(MediaType.TEXT_HTML)
public class OfficerPage {

    static final String ROOT = "/officers";
    static final String TENANT = "officers";
    static final int PAGE_SIZE = 25;
    private static final Pattern PARTNER = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final Pattern ID = Pattern.compile("[0-9a-fA-F-]{36}");

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance incidents(OfficerPageModels.Layout page, OfficerPageModels.IncidentList list);

        static native TemplateInstance incident(OfficerPageModels.Layout page, OfficerPageModels.Detail d);

        static native TemplateInstance missing(OfficerPageModels.Layout page);
    }

    private final IncidentService incidents;
    private final Reports reports;
    private final ReportRenderer renderer;
    private final SecurityIdentity identity;
    private final RoutingContext http;
    private final ZoneId zone;

    public OfficerPage(IncidentService incidents, Reports reports, ReportRenderer renderer, SecurityIdentity identity, RoutingContext http,
                       NotifyConfig config) {
        this.incidents = incidents;
        this.reports = reports;
        this.renderer = renderer;
        this.identity = identity;
        this.http = http;
        this.zone = ZoneId.of(config.organisation().zone());
    }

    @GET
    @Operation(hidden = true)
    public Response list(@QueryParam("status") String status, @QueryParam("kind") String kind, @QueryParam("partner") String partner,
                         @QueryParam("page") String page, @QueryParam("lang") String lang) {
        Locale locale = Languages.choose(http, lang);
        OfficerMsg m = msg(locale);
        List<String> wrong = new ArrayList<>();
        IncidentStatus s = enumOrNull(IncidentStatus.class, status, m.filter_status(), wrong);
        IncidentKind k = enumOrNull(IncidentKind.class, kind, m.filter_kind(), wrong);
        String p = blank(partner) ? null : partner.trim();
        if (p != null && !PARTNER.matcher(p).matches()) {
            wrong.add(m.filter_partner());
            p = null;
        }
        int n = 0;
        if (!blank(page)) {
            try {
                n = Math.min(100_000, Math.max(0, Integer.parseInt(page.trim())));
            } catch (NumberFormatException e) {
                wrong.add("page");
            }
        }
        if (!wrong.isEmpty()) {
            s = null;
            k = null;
            p = null;
            n = 0;
        }
        Views.Page<Views.Summary> found = incidents.list(new IncidentService.Filter(s, k, p, null, null), n, PAGE_SIZE);
        List<OfficerPageModels.Row> rows = found.items().stream().map(i -> new OfficerPageModels.Row(ROOT + "/incidents/" + i.id(),
                m.open_incident(kindName(m, i.kind()), time(i.openedAt(), locale)), time(i.openedAt(), locale), statusName(m, i.status()),
                i.peopleAffected(), level(m, i.risk()), time(i.regulatorDeadline(), locale))).toList();
        String query = query(s == null ? null : s.name(), k == null ? null : k.name(), p);
        long pages = Math.max(1, (found.total() + PAGE_SIZE - 1) / PAGE_SIZE);
        String previous = n > 0 ? ROOT + "?" + query + "page=" + (n - 1) : null;
        String next = n + 1 < pages ? ROOT + "?" + query + "page=" + (n + 1) : null;
        List<Option> statuses = options(IncidentStatus.values(), s, v -> statusName(m, v.name()), m);
        List<Option> kinds = options(IncidentKind.values(), k, v -> kindName(m, v.name()), m);
        OfficerPageModels.IncidentList list = new OfficerPageModels.IncidentList(statuses, kinds, p == null ? "" : p,
                wrong.isEmpty() ? null : m.filter_invalid(String.join(", ", wrong)), m.count(String.valueOf(found.total())), rows,
                previous, next, m.page_of(String.valueOf(n + 1), String.valueOf(pages)));
        String self = ROOT + "?" + query + (n > 0 ? "page=" + n : "");
        return page(wrong.isEmpty() ? 200 : 400, Templates.incidents(layout(locale, m, m.list_title(), self), list), locale);
    }

    @GET
    @Path("incidents/{id}")
    @Operation(hidden = true)
    public Response incident(@PathParam("id") String id, @QueryParam("lang") String lang) {
        Locale locale = Languages.choose(http, lang);
        OfficerMsg m = msg(locale);
        String self = ROOT + "/incidents/" + URLEncoder.encode(id, StandardCharsets.UTF_8);
        Optional<Views.Detail> found = parse(id).flatMap(incidents::detail);
        if (found.isEmpty()) {
            return page(404, Templates.missing(layout(locale, m, m.not_found_title(), self)), locale);
        }
        Views.Detail d = found.get();
        String title = m.incident_title(time(d.incident().openedAt(), locale));
        return page(200, Templates.incident(layout(locale, m, title, self), detail(d, m, locale)), locale);
    }

    /** The regulator report as a printable page, for a signed-in officer (the API's copy takes a bearer token). */
    @GET
    @Path("incidents/{id}/report")
    @Operation(hidden = true)
    public Response report(@PathParam("id") String id, @QueryParam("lang") String lang) {
        Locale locale = Languages.choose(http, lang);
        OfficerMsg m = msg(locale);
        return parse(id).flatMap(uuid -> reports.build(uuid, null))
                .map(r -> Response.ok(renderer.html(r), MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                        .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'")
                        .header("Cache-Control", "no-store").build())
                .orElseGet(() -> page(404, Templates.missing(layout(locale, m, m.not_found_title(), ROOT + "/incidents/"
                        + URLEncoder.encode(id, StandardCharsets.UTF_8) + "/report")), locale));
    }

    private OfficerPageModels.Detail detail(Views.Detail d, OfficerMsg m, Locale locale) {
        Views.Summary i = d.incident();
        List<Fact> summary = new ArrayList<>();
        summary.add(new Fact(m.kind(), kindName(m, i.kind())));
        summary.add(new Fact(m.status(), statusName(m, i.status())));
        summary.add(new Fact(m.origin(), "STREAM".equals(i.origin()) ? m.origin_STREAM() : m.origin_MANUAL()));
        summary.add(new Fact(m.window(), m.window_value(time(i.windowStart(), locale), time(i.windowEnd(), locale))));
        if (i.actor() != null) {
            summary.add(new Fact(m.actor(), i.actor()));
        }
        if (i.partnerId() != null) {
            summary.add(new Fact(m.partner(), i.partnerId()));
        }
        String signals = m.signals(String.valueOf(d.signals().distinctNumbers()), String.valueOf(d.signals().misses()),
                String.valueOf(d.signals().failedVerifications()))
                + (d.signals().blockedUntil() == null ? "" : " " + m.blocked_until(time(d.signals().blockedUntil(), locale)));

        List<Fact> scope = new ArrayList<>();
        scope.add(new Fact(m.scope_shipments(), String.valueOf(i.shipmentsExposed())));
        scope.add(new Fact(m.scope_people(), String.valueOf(i.peopleAffected())));
        scope.add(new Fact(m.scope_state(), d.scope().problem() != null ? m.scope_problem(d.scope().problem())
                : d.scope().current() ? m.scope_current() : m.scope_pending()));
        List<OfficerPageModels.PartnerLine> partners = d.partners().stream()
                .map(p -> new OfficerPageModels.PartnerLine(p.partnerId(), p.sensitive() ? m.yes() : m.no(), p.shipments(), p.people()))
                .toList();

        UUID id = i.id();
        long window = Duration.between(i.windowStart(), i.windowEnd()).toHours();
        String bucket = window <= 6 ? "minute" : "hour";
        List<Views.LookupBucket> buckets = incidents.lookups(id, bucket).orElse(List.of());
        OfficerPageModels.Chart lookups = null;
        if (!buckets.isEmpty()) {
            long accesses = buckets.stream().mapToLong(Views.LookupBucket::accesses).sum();
            int shipments = buckets.stream().mapToInt(Views.LookupBucket::shipments).sum();
            long peak = buckets.stream().mapToLong(Views.LookupBucket::accesses).max().orElse(0);
            String unit = "minute".equals(bucket) ? m.bucket_minute() : m.bucket_hour();
            String description = m.lookups_desc(String.valueOf(accesses), String.valueOf(shipments), time(buckets.get(0).at(), locale),
                    time(buckets.get(buckets.size() - 1).at(), locale), unit, String.valueOf(peak));
            lookups = Charts.lookups(buckets, b -> time(b.at(), locale), description);
        }

        List<Fact> assessment = new ArrayList<>();
        List<String> reasons = d.assessment().reasons();
        if (d.assessment().risk() != null) {
            assessment.add(new Fact(m.sensitivity(), level(m, d.assessment().sensitivity())));
            assessment.add(new Fact(m.probability(), level(m, d.assessment().probability())));
            assessment.add(new Fact(m.risk(), level(m, d.assessment().risk())));
        }
        if (d.assessment().decision() != null) {
            String decision = decisionName(m, d.assessment().decision());
            if (d.assessment().decidedBy() != null && !"PENDING".equals(d.assessment().decision())) {
                decision += ". " + m.decided_by(d.assessment().decidedBy(), time(d.assessment().decidedAt(), locale),
                        d.assessment().decisionReason() == null ? "" : d.assessment().decisionReason());
            }
            assessment.add(new Fact(m.decision(), decision));
        }

        Views.Clock c = d.clock();
        Duration left = Duration.ofSeconds(Math.abs(c.secondsLeft()));
        boolean over = c.secondsLeft() < 0 && c.regulatorReportedAt() == null;
        String hours = String.valueOf(left.toHours());
        String minutes = String.valueOf(left.toMinutesPart());
        double used = (double) Duration.between(c.awareAt(), c.regulatorReportedAt() == null ? Instant.now() : c.regulatorReportedAt())
                .toSeconds() / Math.max(1, Duration.between(c.awareAt(), c.regulatorDeadline()).toSeconds());
        String usedText = m.clock_desc(String.valueOf(Math.min(100, Math.max(0, Math.round(used * 100)))));
        OfficerPageModels.Clock clock = new OfficerPageModels.Clock(time(c.awareAt(), locale), time(c.regulatorDeadline(), locale),
                c.regulatorReportedAt() != null ? null : over ? m.time_over(hours, minutes) : m.time_left(hours, minutes), over,
                c.escalatedAt() == null ? null : m.escalated(time(c.escalatedAt(), locale)),
                c.regulatorReportedAt() == null ? null : m.reported(time(c.regulatorReportedAt(), locale), c.regulatorReference()),
                Charts.clock(used, usedText));

        List<NoticeLine> notices = new ArrayList<>();
        for (String channel : List.of("PERSON", "PARTNER", "OFFICERS")) {
            Map<String, Integer> n = d.notices().get(channel);
            if (n != null) {
                notices.add(new NoticeLine(channelName(m, channel), n.getOrDefault("QUEUED", 0) + n.getOrDefault("SENDING", 0),
                        n.getOrDefault("SENT", 0), n.getOrDefault("BOUNCED", 0) + n.getOrDefault("DEAD", 0), n.getOrDefault("HELD", 0),
                        n.getOrDefault("CANCELLED", 0)));
            }
        }
        OfficerPageModels.Chart noticeChart = notices.isEmpty() ? null : Charts.notices(notices, m.notices_desc());

        List<OfficerPageModels.HistoryRow> history = d.history().stream().map(h -> new OfficerPageModels.HistoryRow(time(h.at(), locale),
                h.byWhom(), whatName(m, h.what()) + (h.toStatus() == null ? "" : ": " + (h.fromStatus() == null ? "" : statusName(m, h.fromStatus())
                        + " → ") + statusName(m, h.toStatus())), h.reason())).toList();

        return new OfficerPageModels.Detail(ROOT, summary, d.description(), d.evidence(), signals, scope, partners, lookups, m.lookups_none(),
                assessment, reasons, clock, notices, noticeChart, ROOT + "/incidents/" + id + "/report", history);
    }

    private static Optional<UUID> parse(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static <E extends Enum<E>> E enumOrNull(Class<E> type, String value, String label, List<String> wrong) {
        if (blank(value)) {
            return null;
        }
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.name().equals(value.trim())).findFirst().orElseGet(() -> {
            wrong.add(label);
            return null;
        });
    }

    private static <E extends Enum<E>> List<Option> options(E[] values, E selected, java.util.function.Function<E, String> label,
                                                           OfficerMsg m) {
        List<Option> out = new ArrayList<>();
        out.add(new Option("", m.filter_any(), selected == null));
        for (E v : values) {
            out.add(new Option(v.name(), label.apply(v), v == selected));
        }
        return out;
    }

    private static String query(String status, String kind, String partner) {
        StringBuilder q = new StringBuilder();
        if (status != null) {
            q.append("status=").append(status).append('&');
        }
        if (kind != null) {
            q.append("kind=").append(kind).append('&');
        }
        if (partner != null) {
            q.append("partner=").append(URLEncoder.encode(partner, StandardCharsets.UTF_8)).append('&');
        }
        return q.toString();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private String time(Instant at, Locale locale) {
        return at == null ? "" : DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT).withLocale(locale).withZone(zone)
                .format(at);
    }

    private static Response page(int status, TemplateInstance template, Locale locale) {
        return Response.status(status).entity(template.setLocale(locale)).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Cache-Control", "no-store").build();
    }

    private static OfficerMsg msg(Locale locale) {
        return MessageBundles.get(OfficerMsg.class, Localized.Literal.of(locale.getLanguage()));
    }

    private OfficerPageModels.Layout layout(Locale locale, OfficerMsg m, String title, String self) {
        String other = "fr".equals(locale.getLanguage()) ? "en" : "fr";
        String base = self.endsWith("?") || self.endsWith("&") ? self : self + (self.contains("?") ? "&" : "?");
        return new OfficerPageModels.Layout(locale.getLanguage(), title, base + "lang=" + other,
                m.signed_in_as(identity.getPrincipal().getName()));
    }

    private static String statusName(OfficerMsg m, String s) {
        return switch (s) {
            case "DETECTED" -> m.status_DETECTED();
            case "SCOPING" -> m.status_SCOPING();
            case "ASSESSED" -> m.status_ASSESSED();
            case "NOTIFYING" -> m.status_NOTIFYING();
            case "NOTIFIED" -> m.status_NOTIFIED();
            case "CLOSED" -> m.status_CLOSED();
            default -> s;
        };
    }

    private static String kindName(OfficerMsg m, String k) {
        return switch (k) {
            case "ENUMERATION" -> m.kind_ENUMERATION();
            case "DISTRIBUTED_SCRAPING" -> m.kind_DISTRIBUTED_SCRAPING();
            case "MISSES_SURGE" -> m.kind_MISSES_SURGE();
            case "UNAUTHORISED_ACCESS" -> m.kind_UNAUTHORISED_ACCESS();
            case "OTHER" -> m.kind_OTHER();
            default -> k;
        };
    }

    private static String decisionName(OfficerMsg m, String d) {
        return switch (d) {
            case "PENDING" -> m.decision_PENDING();
            case "NOTIFY" -> m.decision_NOTIFY();
            case "NO_NOTICE" -> m.decision_NO_NOTICE();
            default -> d;
        };
    }

    private static String level(OfficerMsg m, String l) {
        if (l == null) {
            return m.unknown();
        }
        return switch (l) {
            case "HIGH" -> m.level_HIGH();
            case "MEDIUM" -> m.level_MEDIUM();
            case "NONE" -> m.level_NONE();
            default -> m.level_UNKNOWN();
        };
    }

    private static String channelName(OfficerMsg m, String c) {
        return switch (c) {
            case "PERSON" -> m.channel_PERSON();
            case "PARTNER" -> m.channel_PARTNER();
            default -> m.channel_OFFICERS();
        };
    }

    private static String whatName(OfficerMsg m, String w) {
        return switch (w) {
            case "OPENED" -> m.what_OPENED();
            case "EVIDENCE" -> m.what_EVIDENCE();
            case "TRANSITION" -> m.what_TRANSITION();
            case "SCOPE" -> m.what_SCOPE();
            case "ASSESSMENT" -> m.what_ASSESSMENT();
            case "DECISION" -> m.what_DECISION();
            case "OVERRIDE" -> m.what_OVERRIDE();
            case "ESCALATION" -> m.what_ESCALATION();
            case "NOTICE" -> m.what_NOTICE();
            case "REPORT" -> m.what_REPORT();
            default -> m.what_CLOSED();
        };
    }
}
