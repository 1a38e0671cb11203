package io.trackguard.notification.incident;

import io.quarkus.security.identity.SecurityIdentity;
import io.trackguard.notification.casefile.IncidentKind;
import io.trackguard.notification.casefile.IncidentStatus;
import io.trackguard.notification.limits.OfficerLimited;
import io.trackguard.notification.report.Report;
import io.trackguard.notification.report.ReportRenderer;
import io.trackguard.notification.report.Reports;
import io.trackguard.problem.QueryParams;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The privacy officers' API (role privacy-officer): incidents with filters, one incident with
 * its history, scope, assessment and notices, the regulator report (JSON, HTML, PDF), and the
 * decisions: decide, override, close, mark reported, give a held notice its address.
 */
@Path("/api/v1/incidents")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("privacy-officer")
@OfficerLimited
@Tag(name = "Incidents (privacy officers)")
public class IncidentResource {

    static final String ID = "[0-9a-fA-F-]{36}";

    private final IncidentService incidents;
    private final Reports reports;
    private final ReportRenderer renderer;
    private final SecurityIdentity identity;

    public IncidentResource(IncidentService incidents, Reports reports, ReportRenderer renderer, SecurityIdentity identity) {
        this.incidents = incidents;
        this.reports = reports;
        this.renderer = renderer;
        this.identity = identity;
    }

    @GET
    @Operation(summary = "Incidents, newest first; filtered by status, kind, partner and period (incidents whose window meets it)")
    public Views.Page<Views.Summary> list(
            @QueryParam("status") @Pattern(regexp = "DETECTED|SCOPING|ASSESSED|NOTIFYING|NOTIFIED|CLOSED") String status,
            @QueryParam("kind") @Pattern(regexp = "ENUMERATION|DISTRIBUTED_SCRAPING|MISSES_SURGE|UNAUTHORISED_ACCESS|OTHER") String kind,
            @QueryParam("partner") @Pattern(regexp = "[A-Za-z0-9_.-]{1,64}") String partner,
            @QueryParam("from") @Size(max = 40) String from,
            @QueryParam("to") @Size(max = 40) String to,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100_000) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
        return incidents.list(new IncidentService.Filter(status == null ? null : IncidentStatus.valueOf(status),
                kind == null ? null : IncidentKind.valueOf(kind), partner, QueryParams.instant("from", from), QueryParams.instant("to", to)),
                page, size);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record an incident by hand; its scope is read from the audit log when an actor or partner is given")
    public Response open(@NotNull @Valid Requests.NewIncident body) {
        UUID id = incidents.open(officer(), body);
        return Response.created(URI.create("/api/v1/incidents/" + id)).entity(incidents.detail(id).orElseThrow()).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One incident: summary, evidence, scope totals, assessment and reasons, the 72-hour clock, notice progress by "
            + "channel and status, partners, history")
    public Views.Detail get(@PathParam("id") String id) {
        return found(incidents.detail(parse(id)));
    }

    @GET
    @Path("/{id}/history")
    @Operation(summary = "The incident's history, oldest first: when, who or which rule, what, why")
    public List<Views.HistoryLine> history(@PathParam("id") String id) {
        return found(incidents.history(parse(id)));
    }

    @GET
    @Path("/{id}/exposures")
    @Operation(summary = "The scope: each exposed shipment, its fields and tiers, first and last seen; cursor-paginated")
    public Views.ExposurePage exposures(@PathParam("id") String id,
                                        @QueryParam("cursor") @Pattern(regexp = "[0-9A-Z]{1,18}") String cursor,
                                        @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(500) int limit) {
        return found(incidents.exposures(parse(id), cursor, limit));
    }

    @GET
    @Path("/{id}/lookups")
    @Operation(summary = "Lookups over time, from the scope: shipments first seen and accesses per minute or hour")
    public List<Views.LookupBucket> lookups(@PathParam("id") String id,
                                            @QueryParam("bucket") @DefaultValue("minute") @Pattern(regexp = "minute|hour") String bucket) {
        return found(incidents.lookups(parse(id), bucket));
    }

    @GET
    @Path("/{id}/notices")
    @Operation(summary = "The incident's notices with their delivery state; filtered by channel and status; cursor-paginated")
    public Views.NoticePage notices(@PathParam("id") String id,
                                    @QueryParam("channel") @Pattern(regexp = "PERSON|PARTNER|OFFICERS") String channel,
                                    @QueryParam("status") @Pattern(regexp = "QUEUED|SENDING|SENT|BOUNCED|DEAD|HELD|CANCELLED") String status,
                                    @QueryParam("cursor") @Pattern(regexp = ID) String cursor,
                                    @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(500) int limit) {
        return found(incidents.notices(parse(id), channel, status, cursor, limit));
    }

    @GET
    @Path("/{id}/report")
    @Operation(summary = "The breach report (SOR/2018-64 s.2, GDPR Art. 33(3)) as JSON; partner= for that partner's copy")
    public Report report(@PathParam("id") String id, @QueryParam("partner") @Pattern(regexp = "[A-Za-z0-9_.-]{1,64}") String partner) {
        return found(reports.build(parse(id), partner));
    }

    @GET
    @Path("/{id}/report/html")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The breach report as a printable page")
    public Response reportHtml(@PathParam("id") String id, @QueryParam("partner") @Pattern(regexp = "[A-Za-z0-9_.-]{1,64}") String partner) {
        return Response.ok(renderer.html(found(reports.build(parse(id), partner))), MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'")
                .build();
    }

    @GET
    @Path("/{id}/report/pdf")
    @Produces("application/pdf")
    @Operation(summary = "The breach report as PDF")
    public Response reportPdf(@PathParam("id") String id, @QueryParam("partner") @Pattern(regexp = "[A-Za-z0-9_.-]{1,64}") String partner) {
        Report r = found(reports.build(parse(id), partner));
        return Response.ok(renderer.pdf(r), "application/pdf")
                .header("Content-Disposition", "attachment; filename=\"breach-report-" + r.incidentId() + ".pdf\"").build();
    }

    @POST
    @Path("/{id}/decision")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Decide an incident waiting for an officer: notify people or not, with the reason; 409 if already decided")
    public Views.Detail decide(@PathParam("id") String id, @NotNull @Valid Requests.Decision body) {
        UUID incident = parse(id);
        incidents.decide(incident, officer(), body);
        return incidents.detail(incident).orElseThrow();
    }

    @POST
    @Path("/{id}/override")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Reverse a decision (a rule's or an officer's), with the reason; notify=false cancels notices not yet sent")
    public Views.Detail override(@PathParam("id") String id, @NotNull @Valid Requests.Decision body) {
        UUID incident = parse(id);
        incidents.override(incident, officer(), body);
        return incidents.detail(incident).orElseThrow();
    }

    @POST
    @Path("/{id}/close")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Close an incident, with the reason")
    public Views.Detail close(@PathParam("id") String id, @NotNull @Valid Requests.Close body) {
        UUID incident = parse(id);
        incidents.close(incident, officer(), body);
        return incidents.detail(incident).orElseThrow();
    }

    @POST
    @Path("/{id}/regulator-report")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Mark the report as sent to the regulator: stops the 72-hour escalation")
    public Views.Detail reported(@PathParam("id") String id, @NotNull @Valid Requests.RegulatorReport body) {
        UUID incident = parse(id);
        incidents.reported(incident, officer(), body);
        return incidents.detail(incident).orElseThrow();
    }

    @POST
    @Path("/{id}/notices/{noticeId}/address")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Give a held notice (no address known) the address an officer found: it is sent")
    public Views.Detail address(@PathParam("id") String id, @PathParam("noticeId") String noticeId, @NotNull @Valid Requests.Address body) {
        UUID incident = parse(id);
        incidents.address(incident, parse(noticeId), officer(), body);
        return incidents.detail(incident).orElseThrow();
    }

    private String officer() {
        return identity.getPrincipal().getName();
    }

    private static <T> T found(Optional<T> value) {
        return value.orElseThrow(IncidentService::notFound);
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw IncidentService.notFound();
        }
    }
}
