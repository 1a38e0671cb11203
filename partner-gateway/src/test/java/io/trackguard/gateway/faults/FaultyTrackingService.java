package io.trackguard.gateway.faults;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.trackguard.gateway.shipment.RelayedPartner;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for tracking-service that a fault test stops (its port closed: connections refused,
 * open ones cut), starts again on the same port, and freezes: connections are accepted and the
 * requests read, and no answer comes until it is thawed, as with a hung process. Every shipment it
 * is asked for exists and belongs to the partner that asks. It also serves the gateway's token
 * (a frozen tracking-service is not a frozen Keycloak); the gateway keeps that token for its life.
 */
public class FaultyTrackingService implements QuarkusTestResourceLifecycleManager {

    /** Calls of the shipment API that reached this stand-in (a breaker that is open lets none through). */
    public static final AtomicInteger calls = new AtomicInteger();

    private static final ExecutorService HANDLERS = Executors.newCachedThreadPool();
    private static volatile HttpServer server;
    private static volatile int port;
    private static volatile CountDownLatch frozen;

    @Override
    public Map<String, String> start() {
        try {
            listen(0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        String base = "http://127.0.0.1:" + port;
        return Map.of("quarkus.rest-client.tracking-service.url", base, "quarkus.oidc-client.auth-server-url", base);
    }

    private static void listen(int on) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", on), 50);
        s.createContext("/api/v1/shipments", FaultyTrackingService::shipment);
        s.createContext("/token", FaultyTrackingService::token);
        s.setExecutor(HANDLERS);
        s.start();
        port = s.getAddress().getPort();
        server = s;
    }

    /** Stops at once: the port is closed and the connections of the moment are cut, as a crash does. */
    public static void crash() {
        server.stop(0);
    }

    /** Starts again on the same port. */
    public static void restart() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                listen(port);
                return;
            } catch (BindException stillClosing) {
                if (System.nanoTime() > deadline) {
                    throw stillClosing;
                }
                Thread.sleep(100);
            }
        }
    }

    /** From now on, every request to the shipment API waits, unanswered, until {@link #thaw()}. */
    public static void freeze() {
        frozen = new CountDownLatch(1);
    }

    public static void thaw() {
        CountDownLatch latch = frozen;
        frozen = null;
        if (latch != null) {
            latch.countDown();
        }
    }

    private static void shipment(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            calls.incrementAndGet();
            CountDownLatch latch = frozen;
            if (latch != null) {
                try {
                    latch.await(2, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            String path = exchange.getRequestURI().getPath();
            String partner = exchange.getRequestHeaders().getFirst(RelayedPartner.ID_HEADER);
            String number = path.substring(path.lastIndexOf('/') + 1);
            send(exchange, 200, "{\"trackingNumber\":\"" + number + "\",\"partnerId\":\"" + partner + "\",\"status\":\"IN_TRANSIT\"}");
        }
    }

    private static void token(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            send(exchange, 200, "{\"access_token\":\"fault-test-gateway-token\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void stop() {
        thaw();
        if (server != null) {
            server.stop(0);
        }
    }
}
