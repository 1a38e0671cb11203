package io.trackguard.gateway.quota;

import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/** Puts the partner's RateLimit fields on every answer, errors included. */
public class QuotaHeaders {

    private final RoutingContext http;

    public QuotaHeaders(RoutingContext http) {
        this.http = http;
    }

    @ServerResponseFilter
    public void addQuota(ContainerResponseContext response) {
        Map<String, String> headers = http.get(Quota.HEADERS);
        if (headers != null) {
            headers.forEach((name, value) -> response.getHeaders().putSingle(name, value));
        }
    }
}
