package io.trackguard.gateway.partner;

import io.quarkus.security.identity.SecurityIdentity;
import io.trackguard.problem.Problem;
import io.trackguard.problem.ProblemException;
import jakarta.enterprise.context.RequestScoped;
import java.util.regex.Pattern;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/**
 * The partner making the current request: the verified token's partner_id claim, and nothing
 * else, from the partner's own client (azp {@code partner-<id>}): a client that some other way
 * came to carry another partner's id, say one registered with a stolen onboarding secret, is refused.
 */
@RequestScoped
public class PartnerCaller {

    public static final String PARTNER_ID_CLAIM = "partner_id";
    static final String PARTNER_NAME_CLAIM = "partner_name";
    static final String PARTNER_SENSITIVE_CLAIM = "partner_sensitive";
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,63}");
    private static final Logger LOG = Logger.getLogger(PartnerCaller.class);

    private final JsonWebToken token;
    private final SecurityIdentity identity;
    /** The id once checked: each request asks for it several times (the resource, the quota, the headers to tracking-service). */
    private String checked;

    public PartnerCaller(JsonWebToken token, SecurityIdentity identity) {
        this.token = token;
        this.identity = identity;
    }

    /** 403 when the token is valid but not a partner's (an operations account, say). */
    public String partnerId() {
        String id = checked;
        if (id == null) {
            id = check();
            checked = id;
        }
        return id;
    }

    private String check() {
        String id = identity.isAnonymous() ? null : token.getClaim(PARTNER_ID_CLAIM);
        if (id == null || !ID.matcher(id).matches()) {
            throw new ProblemException(Problem.of(403, "Forbidden", "This API is for partner retailers."));
        }
        if (!Partner.clientIdOf(id).equals(token.getClaim("azp"))) {
            LOG.warnf("a token claiming partner %s came from another client; refused", id);
            throw new ProblemException(Problem.of(403, "Forbidden", "This token's client is not the partner's own."));
        }
        return id;
    }

    /** The partner's OAuth2 client, which tracking-service records as the actor. */
    public String clientId() {
        return Partner.clientIdOf(partnerId());
    }

    public String displayName() {
        String id = partnerId();
        String name = token.getClaim(PARTNER_NAME_CLAIM);
        return name == null || name.isBlank() ? id : name;
    }

    /** A partner whose token does not say otherwise is sensitive: the safe default. */
    public boolean sensitive() {
        partnerId();
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
