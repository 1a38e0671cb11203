package io.trackguard.gateway.partner;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.trackguard.problem.Problem;
import io.trackguard.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What notification-service reads to notify a partner of an incident (role incident-responder). */
@Path("/internal/v1/partners")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Internal")
public class InternalPartnerResource {

    /** A partner as notices need it: who, whether its name is sensitive, and where notices go. */
    @RegisterForReflection
    public record PartnerContact(String id, String displayName, boolean sensitive, String privacyContact) {
    }

    @GET
    @Path("{id}")
    @RolesAllowed("incident-responder")
    @Operation(summary = "Internal, for notification-service: a partner's name, sensitivity and privacy contact")
    public PartnerContact contact(@PathParam("id") String id) {
        Partner p = id.length() > 64 ? null : Partner.findById(id);
        if (p == null) {
            throw new ProblemException(Problem.typed("partner-not-found", 404, "Partner not found", "No partner with this id."));
        }
        return new PartnerContact(p.id, p.displayName, p.sensitive, p.privacyContact);
    }
}
