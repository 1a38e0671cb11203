package io.trackguard.tracking.abuse;

import io.trackguard.problem.Problem;
import io.trackguard.problem.ProblemException;
import io.trackguard.tracking.audit.AuditReason;
import io.trackguard.tracking.client.ActorKind;
import io.trackguard.tracking.client.CurrentRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Privacy officers see which partners are in guarded mode and lift it once they have looked; both audited. */
@Path("/internal/v1/guarded-partners")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("privacy-officer")
@Tag(name = "Incident response (internal)")
public class GuardedPartnerResource {

    private final PartnerSignal partners;
    private final CurrentRequest request;

    public GuardedPartnerResource(PartnerSignal partners, CurrentRequest request) {
        this.partners = partners;
        this.request = request;
    }

    @GET
    @Operation(summary = "Partners whose shipments answer the status only in public, after a distributed scrape; audited")
    public List<GuardedPartner> list() {
        return partners.list(request.authenticated(ActorKind.STAFF));
    }

    @DELETE
    @Path("/{partnerId}")
    @Operation(summary = "Lift a partner's guarded mode; 'reason' (10-500 characters) is required and audited. "
            + "The traffic of the current window becomes the partner's normal rate.")
    public void clear(@PathParam("partnerId") @Pattern(regexp = "[A-Za-z0-9_.-]{1,64}") String partnerId,
                      @QueryParam("reason") @NotNull @AuditReason String reason) {
        if (!partners.clear(partnerId, request.authenticated(ActorKind.STAFF), reason.strip())) {
            throw new ProblemException(Problem.typed("not-guarded", 404, "Not guarded", "This partner is not in guarded mode."));
        }
    }
}
