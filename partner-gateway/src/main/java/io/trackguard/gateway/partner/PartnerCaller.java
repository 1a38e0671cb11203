package io.trackguard.gateway.partner;

import io.quarkus.security.identity.SecurityIdentity;
import io.trackguard.problem.Problem;
import io.trackguard.problem.ProblemException;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The partner making the current request: the verified token's partner_id claim, and nothing else. */
@RequestScoped
public class PartnerCaller {

    public static final String PARTNER_ID_CLAIM = "partner_id";

    private final JsonWebToken token;
    private final SecurityIdentity identity;

    public PartnerCaller(JsonWebToken token, SecurityIdentity identity) {
        this.token = token;
        this.identity = identity;
    }

    /** 403 when the token is valid but not a partner's (an operations account, say). */
    public String partnerId() {
        String id = identity.isAnonymous() ? null : token.getClaim(PARTNER_ID_CLAIM);
        if (id == null || id.isBlank()) {
            throw new ProblemException(Problem.of(403, "Forbidden", "This API is for partner retailers."));
        }
        return id;
    }
}
