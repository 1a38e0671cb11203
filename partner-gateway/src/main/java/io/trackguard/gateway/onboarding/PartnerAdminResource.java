package io.trackguard.gateway.onboarding;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.trackguard.gateway.config.GatewayConfig;
import io.trackguard.gateway.partner.Partner;
import io.trackguard.gateway.quota.Quota;
import io.trackguard.gateway.sealing.SecretBox;
import io.trackguard.problem.Problem;
import io.trackguard.problem.ProblemException;
import io.trackguard.ratelimit.Flags;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
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

    /**
     * A partner to onboard. {@code sensitive} must be said: a missing one would otherwise show a
     * cannabis retailer's name publicly. {@code privacyContact} receives incident notices.
     */
    public record NewPartner(@NotNull @Pattern(regexp = "[a-z0-9][a-z0-9-]{1,39}", message = "2-40 lower-case letters, digits, dashes") String id,
                             @NotBlank @Size(max = 200) String displayName,
                             @NotNull(message = "must be said: true for a retailer whose name must never be shown publicly") Boolean sensitive,
                             @NotNull @Pattern(regexp = "[a-z0-9-]{1,32}") String plan,
                             @NotBlank @Email @Size(max = 254) String privacyContact) {
    }

    /** A partner as listed; {@code clientSecret} only in the answer to its creation. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PartnerView(String id, String displayName, boolean sensitive, String plan, String privacyContact, String clientId,
                              boolean enabled, Instant createdAt, String clientSecret) {
        static PartnerView of(Partner p, String secret) {
            return new PartnerView(p.id, p.displayName, p.sensitive, p.plan, p.privacyContact, p.clientId, p.enabled, p.createdAt, secret);
        }
    }

    private final KeycloakAdmin keycloak;
    private final GatewayConfig config;
    private final Quota quota;
    private final Flags flags;
    private final SecretBox sealed;

    public PartnerAdminResource(KeycloakAdmin keycloak, GatewayConfig config, Quota quota, Flags flags, SecretBox sealed) {
        this.keycloak = keycloak;
        this.config = config;
        this.quota = quota;
        this.flags = flags;
        this.sealed = sealed;
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
                created.privacyContact = body.privacyContact();
                created.clientId = client.clientId();
                created.registrationTokenCiphertext = sealed.seal(client.registrationToken());
                created.enabled = true;
                created.createdAt = Instant.now();
                created.updatedAt = created.createdAt;
                created.persist();
                return created;
            });
            LOG.infof("partner %s onboarded on plan %s", p.id, p.plan);
            return Response.status(201).entity(PartnerView.of(p, client.secret())).build();
        } catch (RuntimeException e) {
            keycloak.deletePartnerClient(body.id(), client.registrationToken());
            throw e;
        }
    }

    @GET
    @Operation(summary = "All partners")
    public List<PartnerView> list() {
        return Partner.<Partner>listAll(Sort.by("id")).stream().map(p -> PartnerView.of(p, null)).toList();
    }

    @POST
    @Path("/{id}/disable")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Disable a partner: every replica refuses its tokens at once, and its client gets no new ones")
    public PartnerView disable(@PathParam("id") String id) {
        Partner p = Partner.findById(id);
        if (p == null) {
            throw new ProblemException(Problem.typed("partner-not-found", 404, "Partner not found", null));
        }
        // first the flag that every replica of the gateway and tracking-service reads on each call
        try {
            flags.set(Flags.PARTNER_DISABLED, id);
        } catch (RuntimeException e) {
            LOG.warnf("partner %s: the disabled flag could not be set (%s); replicas refuse it from the records within a minute",
                    id, e.getClass().getSimpleName());
        }
        String token = p.registrationTokenCiphertext == null ? null : keycloak.setEnabled(id, sealed.open(p.registrationTokenCiphertext), false);
        if (token == null) {
            LOG.warnf("partner %s was not onboarded here: its Keycloak client must be disabled in Keycloak; its tokens are refused", id);
        }
        Partner updated = QuarkusTransaction.requiringNew().call(() -> {
            Partner managed = Partner.findById(id);
            managed.enabled = false;
            managed.updatedAt = Instant.now();
            if (token != null) {
                managed.registrationTokenCiphertext = sealed.seal(token); // Keycloak rotated it
            }
            return managed;
        });
        quota.forget(id);
        LOG.infof("partner %s disabled", id);
        return PartnerView.of(updated, null);
    }
}
