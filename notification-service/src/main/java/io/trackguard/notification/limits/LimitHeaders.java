package io.trackguard.notification.limits;

import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/** Puts the officer's RateLimit fields on every answer of the officers' API, errors included. */
public class LimitHeaders {

    private final RoutingContext http;

    public LimitHeaders(RoutingContext http) {
        this.http = http;
    }

    @ServerResponseFilter
    public void add(ContainerResponseContext response) {
        Map<String, String> headers = http.get(OfficerLimit.HEADERS);
        if (headers != null) {
            headers.forEach((name, value) -> response.getHeaders().putSingle(name, value));
        }
    }
}
