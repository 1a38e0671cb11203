package io.trackguard.notification.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stand-ins, on one free port, for what notification-service calls: Keycloak's token endpoint
 * (client credentials), tracking-service's exposures and recipient links, and partner-gateway's
 * partner attributes. Tests put exposures and partners in, and can make tracking-service fail.
 */
public class StandIns implements QuarkusTestResourceLifecycleManager {

    public static final String TOKEN = "stand-in-service-token";
    public static final Map<String, List<ObjectNode>> EXPOSURES = new ConcurrentHashMap<>();
    public static final Map<String, ObjectNode> PARTNERS = new ConcurrentHashMap<>();
    /** partner-gateway's webhook subscriptions, by partner (with their secrets, as its internal read answers). */
    public static final Map<String, List<ObjectNode>> SUBSCRIPTIONS = new ConcurrentHashMap<>();
    public static final Map<String, AtomicInteger> LINKS = new ConcurrentHashMap<>();
    public static final List<String> EXPOSURE_QUERIES = new CopyOnWriteArrayList<>();
    public static final AtomicInteger TOKEN_REQUESTS = new AtomicInteger();
    public static volatile boolean trackingFailing;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger NEXT = new AtomicInteger();
    private HttpServer server;

    /** An exposed shipment, as tracking-service answers it. */
    public static ObjectNode exposure(String number, String partner, boolean sensitive, String name, String email, String language,
                                      List<String> fields, List<String> tiers) {
        ObjectNode e = JSON.createObjectNode().put("trackingNumber", number).put("partnerId", partner).put("partnerSensitive", sensitive)
                .put("firstSeen", Instant.now().minusSeconds(300).toString()).put("lastSeen", Instant.now().minusSeconds(60).toString())
                .put("accesses", 2);
        fields.forEach(e.putArray("fieldsDisclosed")::add);
        tiers.forEach(e.putArray("tiers")::add);
        ObjectNode r = e.putObject("recipient").put("name", name).put("email", email).put("phone", "+1 416 555 0100");
        r.put("language", language);
        return e;
    }

    public static void partner(String id, String name, boolean sensitive, String privacyContact) {
        ObjectNode p = JSON.createObjectNode().put("id", id).put("displayName", name).put("sensitive", sensitive);
        p.put("privacyContact", privacyContact);
        PARTNERS.put(id, p);
    }

    /** A subscription of the partner: its id, URL, event filter and secret(s); previousSecret may be null. */
    public static ObjectNode subscription(String partner, java.util.UUID id, String url, List<String> events, String secret,
                                          String previousSecret) {
        ObjectNode s = JSON.createObjectNode().put("id", id.toString()).put("url", url).put("secret", secret);
        s.put("previousSecret", previousSecret);
        events.forEach(s.putArray("events")::add);
        SUBSCRIPTIONS.computeIfAbsent(partner, k -> new CopyOnWriteArrayList<>()).add(s);
        return s;
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/token", this::token);
        server.createContext("/internal/v1/exposures", this::exposures);
        server.createContext("/internal/v1/recipient-links", this::links);
        server.createContext("/internal/v1/partners/", this::partners);
        server.createContext("/internal/v1/webhooks", this::webhooks);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of("quarkus.rest-client.tracking-service.url", url, "quarkus.rest-client.partner-gateway.url", url,
                "quarkus.oidc-client.auth-server-url", url);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private void token(HttpExchange x) throws IOException {
        try (x) {
            TOKEN_REQUESTS.incrementAndGet();
            String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String auth = x.getRequestHeaders().getFirst("Authorization");
            boolean secretOk = body.contains("client_secret=test-only-secret")
                    || (auth != null && auth.startsWith("Basic "));
            if (!body.contains("grant_type=client_credentials") || !secretOk) {
                send(x, 401, "{\"error\":\"invalid_client\"}");
                return;
            }
            send(x, 200, "{\"access_token\":\"" + TOKEN + "\",\"token_type\":\"Bearer\",\"expires_in\":300}");
        }
    }

    private static boolean authorised(HttpExchange x) {
        return ("Bearer " + TOKEN).equals(x.getRequestHeaders().getFirst("Authorization"));
    }

    private void exposures(HttpExchange x) throws IOException {
        try (x) {
            if (!authorised(x)) {
                send(x, 401, "{\"status\":401}");
                return;
            }
            if (trackingFailing) {
                send(x, 503, "{\"status\":503}");
                return;
            }
            Map<String, String> q = query(x.getRequestURI().getRawQuery());
            String subject = q.containsKey("actor") ? q.get("actor") : "partner:" + q.get("partner");
            EXPOSURE_QUERIES.add(subject);
            List<ObjectNode> all = EXPOSURES.getOrDefault(subject, List.of());
            int from = q.containsKey("cursor") ? Integer.parseInt(q.get("cursor")) : 0;
            int limit = Integer.parseInt(q.getOrDefault("limit", "100"));
            ObjectNode page = JSON.createObjectNode();
            page.put("from", q.get("from")).put("to", q.get("to"));
            ArrayNode items = page.putArray("exposures");
            all.subList(Math.min(from, all.size()), Math.min(from + limit, all.size())).forEach(items::add);
            if (from + limit < all.size()) {
                page.put("nextCursor", String.valueOf(from + limit));
            } else {
                page.putNull("nextCursor");
            }
            send(x, 200, page.toString());
        }
    }

    private void links(HttpExchange x) throws IOException {
        try (x) {
            if (!authorised(x)) {
                send(x, 401, "{\"status\":401}");
                return;
            }
            String number = JSON.readTree(x.getRequestBody()).path("trackingNumber").asText();
            LINKS.computeIfAbsent(number, k -> new AtomicInteger()).incrementAndGet();
            String token = "link-" + number + "-" + NEXT.incrementAndGet();
            send(x, 201, "{\"token\":\"" + token + "\",\"path\":\"/r/" + token + "\",\"expiresAt\":\""
                    + Instant.now().plusSeconds(7 * 86400) + "\"}");
        }
    }

    private void partners(HttpExchange x) throws IOException {
        try (x) {
            if (!authorised(x)) {
                send(x, 401, "{\"status\":401}");
                return;
            }
            String id = x.getRequestURI().getPath().substring("/internal/v1/partners/".length());
            ObjectNode p = PARTNERS.get(id);
            if (p == null) {
                send(x, 404, "{\"type\":\"urn:trackguard:problem:partner-not-found\",\"title\":\"Partner not found\",\"status\":404}");
            } else {
                send(x, 200, p.toString());
            }
        }
    }

    private void webhooks(HttpExchange x) throws IOException {
        try (x) {
            if (!authorised(x)) {
                send(x, 401, "{\"status\":401}");
                return;
            }
            Map<String, String> q = query(x.getRequestURI().getRawQuery());
            ArrayNode out = JSON.createArrayNode();
            for (ObjectNode s : SUBSCRIPTIONS.getOrDefault(q.get("partner"), List.of())) {
                boolean matches = q.get("event") == null;
                for (var e : s.path("events")) {
                    matches |= e.asText().equals(q.get("event"));
                }
                if (matches) {
                    out.add(s);
                }
            }
            send(x, 200, out.toString());
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static void send(HttpExchange x, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", status >= 400 ? "application/problem+json" : "application/json");
        x.sendResponseHeaders(status, bytes.length);
        x.getResponseBody().write(bytes);
    }
}
