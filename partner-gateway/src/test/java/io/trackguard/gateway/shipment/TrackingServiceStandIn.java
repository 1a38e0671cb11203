package io.trackguard.gateway.shipment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for tracking-service on a free port, and for the token endpoint the gateway gets its
 * own token from: answers only the gateway's token, keeps shipments per partner like the real one
 * (the partner named by the Trackguard-Partner-* headers), and can be told to fail, be slow, or leak.
 */
public class TrackingServiceStandIn implements QuarkusTestResourceLifecycleManager {

    public enum Mode { NORMAL, FAILING, SLOW, LEAKING_OTHER_TENANT, CREATE_THEN_SLOW, ANSWERING }

    /** The token the stand-in's token endpoint gives the gateway (client partner-gateway). */
    public static final String GATEWAY_TOKEN = "gateway-own-token-" + java.util.UUID.randomUUID();

    public static volatile Mode mode = Mode.NORMAL;
    public static final AtomicInteger calls = new AtomicInteger();
    public static final AtomicInteger tokenRequests = new AtomicInteger();
    public static final AtomicInteger linksMinted = new AtomicInteger();
    public static final List<String> authorizations = new CopyOnWriteArrayList<>();
    /** The partner headers of each call: id, client, name (decoded), sensitive. */
    public static final List<List<String>> relayed = new CopyOnWriteArrayList<>();
    /** In mode ANSWERING, every call gets this status and body as they are (a new field, a malformed answer). */
    public static volatile int answerStatus = 200;
    public static volatile String answerBody = "{}";
    /** The bodies of the creates it received, as sent. */
    public static final List<String> createBodies = new CopyOnWriteArrayList<>();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, ObjectNode> SHIPMENTS = new ConcurrentHashMap<>();
    private static final AtomicInteger NEXT = new AtomicInteger(100);

    private HttpServer server;

    public static void reset() {
        mode = Mode.NORMAL;
        calls.set(0);
        authorizations.clear();
        relayed.clear();
        createBodies.clear();
    }

    /** A shipment as tracking-service holds it, in the JSON it answers (to read back through the gateway). */
    public static void put(String trackingNumber, String json) {
        try {
            SHIPMENTS.put(trackingNumber, (ObjectNode) JSON.readTree(json));
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/api/v1/shipments", this::handle);
        server.createContext("/token", this::token);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of("quarkus.rest-client.tracking-service.url", base, "quarkus.oidc-client.auth-server-url", base);
    }

    /** The client-credentials grant of client partner-gateway with its (test) secret, and nothing else. */
    private void token(HttpExchange exchange) throws IOException {
        try (exchange) {
            String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String basic = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
            boolean gateway = basic.equals("Basic " + Base64.getEncoder().encodeToString(
                    "partner-gateway:demo-only-partner-gateway-secret".getBytes(StandardCharsets.UTF_8)))
                    || form.contains("client_id=partner-gateway") && form.contains("client_secret=demo-only-partner-gateway-secret");
            if (!gateway || !form.contains("grant_type=client_credentials")) {
                send(exchange, 401, "{\"error\":\"invalid_client\"}");
                return;
            }
            tokenRequests.incrementAndGet();
            send(exchange, 200, "{\"access_token\":\"" + GATEWAY_TOKEN + "\",\"token_type\":\"Bearer\",\"expires_in\":300}");
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        calls.incrementAndGet();
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        authorizations.add(String.valueOf(authorization));
        String partner = exchange.getRequestHeaders().getFirst(RelayedPartner.ID_HEADER);
        relayed.add(java.util.Arrays.asList(partner, exchange.getRequestHeaders().getFirst(RelayedPartner.CLIENT_HEADER),
                java.net.URLDecoder.decode(String.valueOf(exchange.getRequestHeaders().getFirst(RelayedPartner.NAME_HEADER)), StandardCharsets.UTF_8),
                exchange.getRequestHeaders().getFirst(RelayedPartner.SENSITIVE_HEADER)));
        try (exchange) {
            if (!("Bearer " + GATEWAY_TOKEN).equals(authorization) || partner == null) {
                // like tracking-service: only the gateway's own account, naming a partner
                send(exchange, authorization == null ? 401 : 403, "{\"title\":\"Forbidden\",\"status\":403}");
                return;
            }
            switch (mode) {
                case FAILING -> send(exchange, 500, "{\"status\":500,\"title\":\"Internal Server Error\"}");
                case ANSWERING -> send(exchange, answerStatus, answerBody);
                case SLOW -> {
                    sleep(1500);
                    send(exchange, 404, "{}");
                }
                default -> route(exchange, partner);
            }
        }
    }

    private void route(HttpExchange exchange, String partner) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if ("POST".equals(exchange.getRequestMethod()) && path.endsWith("/recipient-link")) {
            ObjectNode shipment = SHIPMENTS.get(path.split("/")[4]);
            if (shipment == null || !partner.equals(shipment.path("partnerId").asText()) && mode != Mode.LEAKING_OTHER_TENANT) {
                send(exchange, 404, "{\"type\":\"urn:trackguard:problem:shipment-not-found\",\"title\":\"Shipment not found\",\"status\":404}");
                return;
            }
            linksMinted.incrementAndGet();
            send(exchange, 201, "{\"token\":\"t0ken\",\"path\":\"/r/t0ken\",\"expiresAt\":\"2026-12-05T10:00:00Z\"}");
            return;
        }
        if ("POST".equals(exchange.getRequestMethod()) && path.endsWith("/cancel")) {
            String number = path.split("/")[4];
            ObjectNode shipment = SHIPMENTS.get(number);
            if (shipment == null || !partner.equals(shipment.path("partnerId").asText())) {
                send(exchange, 404, "{\"type\":\"urn:trackguard:problem:shipment-not-found\",\"title\":\"Shipment not found\",\"status\":404}");
                return;
            }
            shipment.put("status", "CANCELLED");
            send(exchange, 200, shipment.toString());
            return;
        }
        if ("POST".equals(exchange.getRequestMethod())) {
            String sent = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            createBodies.add(sent);
            ObjectNode body = (ObjectNode) JSON.readTree(sent);
            if (!body.hasNonNull("orderReference")) {
                send(exchange, 400, "{\"type\":\"urn:trackguard:problem:invalid-request\",\"title\":\"Invalid request\",\"status\":400,"
                        + "\"requestId\":\"upstream-id\",\"errors\":[{\"field\":\"orderReference\",\"message\":\"must not be blank\"}]}");
                return;
            }
            String reference = body.path("orderReference").asText();
            boolean duplicate = SHIPMENTS.values().stream()
                    .anyMatch(s -> partner.equals(s.path("partnerId").asText()) && reference.equals(s.path("orderReference").asText()));
            if (duplicate) {
                send(exchange, 409, "{\"type\":\"urn:trackguard:problem:duplicate-order-reference\",\"title\":\"Duplicate order reference\",\"status\":409}");
                return;
            }
            String number = "STANDIN" + NEXT.incrementAndGet() + "ABCDEFGH".substring(0, 8);
            body.put("trackingNumber", number).put("partnerId", partner).put("status", "CREATED");
            SHIPMENTS.put(number, body);
            if (mode == Mode.CREATE_THEN_SLOW) {
                sleep(1500); // created, but the answer comes too late
            }
            send(exchange, 201, body.toString());
            return;
        }
        if (path.equals("/api/v1/shipments")) {
            String query = exchange.getRequestURI().getQuery() == null ? "" : exchange.getRequestURI().getQuery();
            String reference = query.replaceAll(".*reference=([^&]*).*", "$1");
            com.fasterxml.jackson.databind.node.ArrayNode items = JSON.createArrayNode();
            SHIPMENTS.values().stream()
                    .filter(s -> mode == Mode.LEAKING_OTHER_TENANT || partner.equals(s.path("partnerId").asText()))
                    .filter(s -> !query.contains("reference=") || reference.equals(s.path("orderReference").asText()))
                    .forEach(items::add);
            send(exchange, 200, JSON.createObjectNode().set("items", items).toString());
            return;
        }
        if (path.endsWith("/events")) {
            String number = path.split("/")[4];
            ObjectNode shipment = SHIPMENTS.get(number);
            if (shipment == null || !partner.equals(shipment.path("partnerId").asText())) {
                send(exchange, 404, "{\"type\":\"urn:trackguard:problem:shipment-not-found\",\"title\":\"Shipment not found\",\"status\":404}");
            } else {
                String owner = mode == Mode.LEAKING_OTHER_TENANT ? "someone-else" : shipment.path("partnerId").asText();
                exchange.getResponseHeaders().set(RelayedPartner.ID_HEADER, owner);
                send(exchange, 200, "[{\"type\":\"ACCEPTED\",\"occurredAt\":\"2026-11-28T10:00:00Z\"}]");
            }
            return;
        }
        String number = path.substring(path.lastIndexOf('/') + 1);
        ObjectNode shipment = SHIPMENTS.get(number);
        boolean visible = shipment != null && (partner.equals(shipment.path("partnerId").asText()) || mode == Mode.LEAKING_OTHER_TENANT);
        if (visible) {
            send(exchange, 200, shipment.toString());
        } else {
            send(exchange, 404, "{\"type\":\"urn:trackguard:problem:shipment-not-found\",\"title\":\"Shipment not found\",\"status\":404}");
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", status >= 400 ? "application/problem+json" : "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
