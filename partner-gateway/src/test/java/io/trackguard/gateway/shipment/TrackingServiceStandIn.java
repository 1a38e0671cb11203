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
 * A stand-in for tracking-service on a free port: keeps shipments per partner like the real
 * one (tenant from the propagated token), and can be told to fail, be slow, or leak.
 */
public class TrackingServiceStandIn implements QuarkusTestResourceLifecycleManager {

    public enum Mode { NORMAL, FAILING, SLOW, LEAKING_OTHER_TENANT, CREATE_THEN_SLOW }

    public static volatile Mode mode = Mode.NORMAL;
    public static final AtomicInteger calls = new AtomicInteger();
    public static final List<String> authorizations = new CopyOnWriteArrayList<>();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, ObjectNode> SHIPMENTS = new ConcurrentHashMap<>();
    private static final AtomicInteger NEXT = new AtomicInteger(100);

    private HttpServer server;

    public static void reset() {
        mode = Mode.NORMAL;
        calls.set(0);
        authorizations.clear();
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/api/v1/shipments", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        return Map.of("quarkus.rest-client.tracking-service.url", "http://127.0.0.1:" + server.getAddress().getPort());
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
        try (exchange) {
            switch (mode) {
                case FAILING -> send(exchange, 500, "{\"status\":500,\"title\":\"Internal Server Error\"}");
                case SLOW -> {
                    sleep(1500);
                    send(exchange, 404, "{}");
                }
                default -> route(exchange, partnerOf(authorization));
            }
        }
    }

    private void route(HttpExchange exchange, String partner) throws IOException {
        String path = exchange.getRequestURI().getPath();
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
            ObjectNode body = (ObjectNode) JSON.readTree(exchange.getRequestBody());
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

    private static String partnerOf(String authorization) throws IOException {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return "";
        }
        String payload = authorization.substring(7).split("\\.")[1];
        return JSON.readTree(Base64.getUrlDecoder().decode(payload)).path("partner_id").asText();
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
