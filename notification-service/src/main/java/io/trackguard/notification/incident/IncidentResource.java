package io.trackguard.notification.incident;

import io.trackguard.problem.Problem;
import io.trackguard.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Incidents for privacy officers. */
@Path("/api/v1/incidents")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("privacy-officer")
@Tag(name = "Incidents (privacy officers)")
public class IncidentResource {

    private final IncidentService incidents;

    public IncidentResource(IncidentService incidents) {
        this.incidents = incidents;
    }

    @GET
    @Operation(summary = "Incidents, newest first")
    public List<IncidentView> list(@QueryParam("page") @DefaultValue("0") @Min(0) @Max(100_000) int page,
                                   @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
        return incidents.newestFirst(page, size).stream().map(IncidentView::of).toList();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One incident")
    public IncidentView get(@PathParam("id") String id) {
        return parse(id).flatMap(incidents::find).map(IncidentView::of)
                .orElseThrow(() -> new ProblemException(Problem.typed("incident-not-found", 404, "Incident not found", null)));
    }

    private static java.util.Optional<UUID> parse(String id) {
        try {
            return java.util.Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }
}
