package io.trackguard.tracking.bench;

import io.quarkus.arc.profile.IfBuildProfile;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The "bare" endpoint that bench/request-path.sh compares a public lookup with: the same
 * service, the same HTTP stack, the same worker thread as a lookup (a blocking JAX-RS method),
 * a JSON body of a public view's size, and nothing else (no limiter, no database, no audit).
 *
 * <p>Only in benchmark builds: {@code @IfBuildProfile("bench")} is decided when the jar is
 * built, so a production or test build has neither the bean nor the route
 * (BareEndpointAbsentTest). The script builds it with {@code -Dquarkus.profile=prod,bench}
 * into its own output directory. The body size is measured on a real lookup by the script and
 * passed as {@code trackguard.bench.body-bytes}, so that it follows the view when it changes.
 */
@IfBuildProfile("bench")
@Path("/bench/bare")
public class BareResource {

    private final byte[] body;

    public BareResource(@ConfigProperty(name = "trackguard.bench.body-bytes", defaultValue = "600") int bodyBytes) {
        String open = "{\"padding\":\"";
        String close = "\"}";
        int padding = Math.max(0, bodyBytes - open.length() - close.length());
        this.body = (open + "x".repeat(padding) + close).getBytes(StandardCharsets.US_ASCII);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public byte[] bare() {
        return body;
    }
}
