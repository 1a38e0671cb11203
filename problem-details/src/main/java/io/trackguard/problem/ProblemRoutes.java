package io.trackguard.problem;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.security.AuthenticationRedirectException;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.Response.Status;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The HTTP layer below JAX-RS: gives every request an id, and turns the errors that Vert.x
 * raises before a resource runs (body too large, unknown paths outside the REST API, failures)
 * into problem documents instead of the framework's plain or HTML pages.
 */
@ApplicationScoped
public class ProblemRoutes {

    private static final Logger LOG = Logger.getLogger(ProblemRoutes.class);

    private final ProblemResponses responses;
    private final long maxBodyBytes;

    public ProblemRoutes(ProblemResponses responses,
                         @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K") MemorySize maxBodySize) {
        this.responses = responses;
        this.maxBodyBytes = maxBodySize.asLongValue();
    }

    void install(@Observes Router router) {
        // right after safe-defaults' SecurityHeaders (Integer.MIN_VALUE), so an answer ended here carries them too
        router.route().order(Integer.MIN_VALUE + 1).handler(ctx -> {
            String id = RequestIds.acceptOrCreate(ctx.request().getHeader(RequestIds.HEADER));
            ctx.put(RequestIds.PROPERTY, id);
            ctx.response().putHeader(RequestIds.HEADER, id);
            if (declaredLength(ctx.request().getHeader("Content-Length")) > maxBodyBytes) {
                // Quarkus would answer this itself, with an empty body; answer with a problem first.
                ctx.response().putHeader("Connection", "close");
                responses.write(ctx, problemFor(413));
                return;
            }
            ctx.next();
        });
        router.route().order(Integer.MIN_VALUE).failureHandler(ctx -> {
            if (ctx.failure() instanceof AuthenticationRedirectException redirect) {
                // not an error: the OIDC code flow's own redirect (back to the page once signed in), which
                // Quarkus' later failure handler would have sent; its cookies are already on the answer
                ctx.response().setStatusCode(redirect.getCode()).putHeader("Location", redirect.getRedirectUri())
                        .putHeader("Cache-Control", "no-store").end();
                return;
            }
            int status = ctx.statusCode();
            if (ctx.failure() != null && (status < 400 || status == 500) && DependencyFailures.isDependencyFailure(ctx.failure())) {
                LOG.warnf("dependency unavailable (%s), request %s", ctx.failure().getClass().getSimpleName(),
                        (Object) ctx.get(RequestIds.PROPERTY));
                ctx.response().putHeader("Retry-After", String.valueOf(responses.retryAfterSeconds()));
                responses.write(ctx, unavailable());
                return;
            }
            if (ctx.failure() != null && status < 400) {
                status = 500;
                LOG.errorf(ctx.failure(), "unhandled failure, request %s", (Object) ctx.get(RequestIds.PROPERTY));
            }
            responses.write(ctx, problemFor(status));
        });
    }

    private static long declaredLength(String header) {
        try {
            return header == null ? -1 : Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The answer to a request that a dependency (database, Redis, Keycloak, another service) could not serve. */
    public static Problem unavailable() {
        return Problem.typed(DependencyFailures.SLUG, 503, "Service temporarily unavailable",
                "A service this answer depends on cannot be reached right now. Try again after Retry-After seconds.");
    }

    static Problem problemFor(int status) {
        Status known = Status.fromStatusCode(status);
        String title = known != null ? known.getReasonPhrase() : "Error";
        String detail = switch (status) {
            case 400 -> "The request could not be read.";
            case 413 -> "The request body is larger than this service accepts.";
            case 404 -> "There is nothing at this address.";
            case 500 -> "The service failed to answer. The request id identifies it in our logs.";
            default -> null;
        };
        return Problem.of(status, title, detail);
    }
}
