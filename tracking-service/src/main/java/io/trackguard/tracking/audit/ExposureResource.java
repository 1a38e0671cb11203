package io.trackguard.tracking.audit;

import io.trackguard.problem.Problem;
import io.trackguard.problem.ProblemException;
import io.trackguard.problem.QueryParams;
import io.trackguard.tracking.client.ActorKind;
import io.trackguard.tracking.client.CurrentRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Incident response asks which shipments and fields an actor saw, or which of a partner's
 * shipments were disclosed to anyone outside it (role incident-responder only).
 */
@Path("/internal/v1/exposures")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("incident-responder")
@Tag(name = "Incident response (internal)")
public class ExposureResource {

    /** The longest window one query may span. */
    static final Duration MAX_WINDOW = Duration.ofDays(93);

    private final ExposureService exposures;
    private final CurrentRequest request;

    public ExposureResource(ExposureService exposures, CurrentRequest request) {
        this.exposures = exposures;
        this.request = request;
    }

    @GET
    @Operation(summary = "Shipments, fields and tiers disclosed in a window to an actor (actor=), or of a partner's shipments "
            + "to anyone but the partner and staff (partner=); with the recipient contact and language; audited")
    public Exposure.Page list(
            @QueryParam("actor") @Pattern(regexp = "(ip|client|user):[A-Za-z0-9_.@:-]{1,120}") String actor,
            @QueryParam("partner") @Pattern(regexp = "[A-Za-z0-9_.-]{1,64}") String partner,
            @QueryParam("from") @NotNull String from,
            @QueryParam("to") @NotNull String to,
            @QueryParam("cursor") @Pattern(regexp = "[0-9a-f-]{36}") String cursor,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(500) int limit) {
        if ((actor == null) == (partner == null)) {
            throw invalid("actor or partner: exactly one of them");
        }
        Instant start = QueryParams.instant("from", from);
        Instant end = QueryParams.instant("to", to);
        if (!end.isAfter(start) || Duration.between(start, end).compareTo(MAX_WINDOW) > 0) {
            throw invalid("from and to: 'to' must be after 'from', at most " + MAX_WINDOW.toDays() + " days apart");
        }
        UUID after;
        try {
            after = cursor == null ? null : UUID.fromString(cursor);
        } catch (IllegalArgumentException e) {
            throw invalid("cursor: the nextCursor of the previous page");
        }
        return actor != null
                ? exposures.exposures(request.authenticated(ActorKind.SERVICE), ExposureService.Subject.ACTOR, actor, start, end, after, limit)
                : exposures.exposures(request.authenticated(ActorKind.SERVICE), ExposureService.Subject.PARTNER, partner, start, end, after, limit);
    }

    private static ProblemException invalid(String detail) {
        return new ProblemException(Problem.typed("invalid-request", 400, "Invalid request", detail));
    }
}
