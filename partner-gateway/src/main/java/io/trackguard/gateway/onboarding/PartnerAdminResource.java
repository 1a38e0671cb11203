package io.trackguard.gateway.onboarding;

import io.trackguard.gateway.config.GatewayConfig;
import io.trackguard.gateway.partner.Partner;
import io.trackguard.problem.Problem;
import io.trackguard.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

/** Onboarding partner retailers (role partner-admin): their Keycloak client, their record, their plan. */
@Path("/admin/v1/partners")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("partner-admin")
@Tag(name = "Partner administration")
public class PartnerAdminResource {

    private static final Logger LOG = Logger.getLogger(PartnerAdminResource.class);

    public record NewPartner(@NotNull @Pattern(regexp = "[a-z0-9][a-z0-9-]{1,39}", message = "2-40 lower-case letters, digits, dashes") String id,
                             @NotBlank @Size(max = 200) String displayName,
                             boolean sensitive,
                             @NotNull @Pattern(regexp = "[a-z0-9-]{1,32}") String plan) {
    }

    /** A partner as listed; {@code clientSecret} only in the answer to its creation. */
    @RegisterForReflection
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record PartnerView(String id, String displayName, boolean sensitive, String plan, String clientId, boolean enabled,
                              Instant createdAt, String clientSecret) {
        static PartnerView of(Partner p, String secret) {
            return new PartnerView(p.id, p.displayName, p.sensitive, p.plan, p.clientId, p.enabled, p.createdAt, secret);
        }
    }

    private final KeycloakAdmin keycloak;
    private final GatewayConfig config;
    private final io.trackguard.gateway.quota.Quota quota;

    public PartnerAdminResource(KeycloakAdmin keycloak, GatewayConfig config, io.trackguard.gateway.quota.Quota quota) {
        this.keycloak = keycloak;
        this.config = config;
        this.quota = quota;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Onboard a partner: its Keycloak client and record; the client secret is in this answer only")
    public Response create(@NotNull @Valid NewPartner body) {
        if (!config.plans().containsKey(body.plan())) {
            throw new ProblemException(Problem.typed("invalid-request", 400, "Invalid request", "plan: one of " + config.plans().keySet()));
        }
        if (Partner.findById(body.id()) != null) {
            throw new ProblemException(Problem.typed("partner-exists", 409, "Partner exists", "A partner with this id exists."));
        }
        KeycloakAdmin.CreatedClient client = keycloak.createPartnerClient(body.id(), body.displayName(), body.sensitive());
        try {
            Partner p = QuarkusTransaction.requiringNew().call(() -> {
                Partner created = new Partner();
                created.id = body.id();
                created.displayName = body.displayName();
                created.sensitive = body.sensitive();
                created.plan = body.plan();
                created.clientId = KeycloakAdmin.clientId(body.id());
                created.enabled = true;
                created.createdAt = Instant.now();
                created.updatedAt = created.createdAt;
                created.persist();
                return created;
            });
            LOG.infof("partner %s onboarded on plan %s", p.id, p.plan);
            return Response.status(201).entity(PartnerView.of(p, client.secret())).build();
        } catch (RuntimeException e) {
            keycloak.deletePartnerClient(body.id());
            throw e;
        }
    }

    @GET
    @Operation(summary = "All partners")
    public List<PartnerView> list() {
        return Partner.<Partner>listAll(io.quarkus.panache.common.Sort.by("id")).stream().map(p -> PartnerView.of(p, null)).toList();
    }

    @POST
    @Path("/{id}/disable")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Disable a partner: its client gets no new tokens, and the gateway refuses the ones it has")
    public PartnerView disable(@PathParam("id") String id) {
        Partner p = Partner.findById(id);
        if (p == null) {
            throw new ProblemException(Problem.typed("partner-not-found", 404, "Partner not found", null));
        }
        keycloak.setEnabled(id, false);
        Partner updated = QuarkusTransaction.requiringNew().call(() -> {
            Partner managed = Partner.findById(id);
            managed.enabled = false;
            managed.updatedAt = Instant.now();
            return managed;
        });
        quota.forget(id); // this replica refuses its tokens now; others within their minute of caching
        LOG.infof("partner %s disabled", id);
        return PartnerView.of(updated, null);
    }
}
