package io.trackguard.gateway.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.trackguard.gateway.shipment.TrackingServiceStandIn;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * notification-service's internal delivery endpoints, as the gateway calls them: each call is
 * recorded (method, path, partner, subscription) and answered from the deliveries the test puts
 * in, keyed by partner and subscription, as notification-service narrows them.
 */
public class NotificationServiceStandIn implements QuarkusTestResourceLifecycleManager {

    /** partner + "/" + subscription -> delivery ids. */
    public static final Map<String, Set<String>> DELIVERIES = new ConcurrentHashMap<>();
    public static final List<String> CALLS = new CopyOnWriteArrayList<>();
    /** partner -> the JSON array notification-service answers for its endpoints. */
    public static final Map<String, String> ENDPOINTS = new ConcurrentHashMap<>();
    /** When set, every call is answered 500 (notification-service failing). */
    public static volatile boolean failing;
    /** When set, every answer that would be 2xx has this body instead (notification-service breaking its contract). */
    public static volatile String answerBody;

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/internal/v1/webhook-deliveries", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        return Map.of("quarkus.rest-client.notification-service.url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            if (!("Bearer " + TrackingServiceStandIn.GATEWAY_TOKEN).equals(x.getRequestHeaders().getFirst("Authorization"))) {
                send(x, 401, "{\"status\":401}");
                return;
            }
            Map<String, String> q = query(x.getRequestURI().getRawQuery());
            String path = x.getRequestURI().getPath().substring("/internal/v1/webhook-deliveries".length());
            String partner = q.get("partner");
            String subscription = q.get("subscription");
            CALLS.add(x.getRequestMethod() + " " + (path.isEmpty() ? "/" : path) + " " + partner + " " + subscription);
            Set<String> known = DELIVERIES.getOrDefault(partner + "/" + subscription, Set.of());
            if (failing) {
                send(x, 500, "{\"status\":500}");
            } else if (answerBody != null) {
                // the status the call answers when it works: 202 for a retry or a ping, 200 otherwise
                send(x, x.getRequestMethod().equals("POST") && !path.endsWith("/enable") ? 202 : 200, answerBody);
            } else if (path.equals("/endpoints")) {
                send(x, 200, ENDPOINTS.getOrDefault(partner, "[]"));
            } else if (path.startsWith("/endpoints/") && path.endsWith("/enable")) {
                send(x, 200, "{\"state\":\"ACTIVE\"}");
            } else if (x.getRequestMethod().equals("GET")) {
                StringBuilder out = new StringBuilder("[");
                for (String d : known) {
                    out.append(out.length() > 1 ? "," : "").append("{\"id\":\"").append(d)
                            .append("\",\"status\":\"FAILED\",\"attempts\":10,\"lastStatusCode\":500,\"log\":[{\"n\":1,\"statusCode\":500}]}");
                }
                send(x, 200, out.append("]").toString());
            } else if (path.equals("/ping")) {
                send(x, 202, "{\"id\":\"" + UUID.randomUUID() + "\",\"status\":\"PENDING\"}");
            } else {
                String delivery = path.substring(1, path.length() - "/retry".length());
                if (known.contains(delivery)) {
                    send(x, 202, "{\"id\":\"" + delivery + "\",\"status\":\"PENDING\"}");
                } else {
                    send(x, 404, "{\"status\":404}");
                }
            }
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    out.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }

    private static void send(HttpExchange x, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "application/json");
        x.sendResponseHeaders(status, bytes.length);
        x.getResponseBody().write(bytes);
    }
}
