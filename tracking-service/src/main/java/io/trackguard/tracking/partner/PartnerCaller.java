package io.trackguard.tracking.partner;

import io.trackguard.problem.Problem;
import io.trackguard.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The partner making the current request, read from its verified access token and nowhere
 * else: never from the body, a header or a query parameter.
 */
@RequestScoped
public class PartnerCaller {

    public static final String PARTNER_ID_CLAIM = "partner_id";
    public static final String PARTNER_NAME_CLAIM = "partner_name";
    public static final String PARTNER_SENSITIVE_CLAIM = "partner_sensitive";

    private final JsonWebToken token;
    private final SecurityIdentity identity;

    public PartnerCaller(JsonWebToken token, SecurityIdentity identity) {
        this.token = token;
        this.identity = identity;
    }

    /** The caller's partner id; 403 when the token is not a partner's. */
    public String partnerId() {
        String id = identity.isAnonymous() ? null : token.getClaim(PARTNER_ID_CLAIM);
        if (id == null || id.isBlank()) {
            throw new ProblemException(Problem.of(403, "Forbidden", "This operation is for partner retailers."));
        }
        return id;
    }

    public String displayName() {
        String name = token.getClaim(PARTNER_NAME_CLAIM);
        return name == null || name.isBlank() ? partnerId() : name;
    }

    /** A partner whose token does not say otherwise is treated as sensitive: the safe default. */
    public boolean sensitive() {
        Object claim = token.getClaim(PARTNER_SENSITIVE_CLAIM);
        if (claim instanceof Boolean b) {
            return b;
        }
        if (claim instanceof jakarta.json.JsonValue v) {
            return v != jakarta.json.JsonValue.FALSE;
        }
        return claim == null || !"false".equals(String.valueOf(claim));
    }
}
