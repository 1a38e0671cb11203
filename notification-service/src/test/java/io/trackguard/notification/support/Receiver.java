package io.trackguard.notification.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A partner's webhook endpoint, over HTTPS with a self-signed certificate for {@code localhost}
 * made by keytool at start (the service trusts it through its test-only setting). Each path
 * answers from a script the test writes: a status (with Retry-After), {@code HANG} (answers
 * nothing for longer than the service waits) or {@code CLOSE} (drops the connection); when the
 * script is used up, 200. Every request is recorded.
 */
public class Receiver implements QuarkusTestResourceLifecycleManager {

    /** One request as it arrived. */
    public record Request(String path, Map<String, List<String>> headers, String body, Instant at) {
        public String header(String name) {
            List<String> v = headers.get(name.toLowerCase());
            return v == null || v.isEmpty() ? null : v.get(0);
        }
    }

    public static final List<Request> REQUESTS = java.util.Collections.synchronizedList(new ArrayList<>());
    private static final Map<String, Deque<String>> SCRIPTS = new ConcurrentHashMap<>();
    private static volatile int port;
    private HttpsServer server;

    private static final Map<String, java.util.concurrent.CountDownLatch> HOLDS = new ConcurrentHashMap<>();
    private static final Map<String, java.util.concurrent.atomic.AtomicInteger> IN_FLIGHT = new ConcurrentHashMap<>();
    private static final Map<String, java.util.concurrent.atomic.AtomicInteger> MOST_IN_FLIGHT = new ConcurrentHashMap<>();

    /**
     * Requests to the path are held open until {@link #release} (at most 1.5 s, below the tests'
     * attempt timeout, so a forgotten release does not turn into timeouts), then answered from the script.
     */
    public static void hold(String path) {
        HOLDS.put(path, new java.util.concurrent.CountDownLatch(1));
    }

    public static void release(String path) {
        java.util.concurrent.CountDownLatch gate = HOLDS.remove(path);
        if (gate != null) {
            gate.countDown();
        }
    }

    /** Requests to the path being answered right now. */
    public static int inFlight(String path) {
        return IN_FLIGHT.computeIfAbsent(path, k -> new java.util.concurrent.atomic.AtomicInteger()).get();
    }

    /** The most requests to the path that were open at the same time. */
    public static int mostInFlight(String path) {
        return MOST_IN_FLIGHT.computeIfAbsent(path, k -> new java.util.concurrent.atomic.AtomicInteger()).get();
    }

    /** The URL of a path on this receiver. */
    public static String url(String path) {
        return "https://localhost:" + port + path;
    }

    /** What the path answers next, in order: "500", "429 2" (Retry-After 2 s), "HANG", "CLOSE"; then 200. */
    public static void script(String path, String... answers) {
        SCRIPTS.put(path, new ConcurrentLinkedDeque<>(List.of(answers)));
    }

    public static List<Request> at(String path) {
        List<Request> out = new ArrayList<>();
        synchronized (REQUESTS) {
            for (Request r : REQUESTS) {
                if (r.path().equals(path)) {
                    out.add(r);
                }
            }
        }
        return out;
    }

    @Override
    public Map<String, String> start() {
        try {
            Path dir = Files.createTempDirectory("receiver");
            Path store = dir.resolve("receiver.p12");
            Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-genkeypair", "-alias", "receiver", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                    "-dname", "CN=localhost", "-ext", "san=dns:localhost", "-storetype", "PKCS12",
                    "-keystore", store.toString(), "-storepass", "receiver-test", "-keypass", "receiver-test")
                    .redirectErrorStream(true).start();
            String out = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (keytool.waitFor() != 0) {
                throw new IllegalStateException("keytool failed: " + out);
            }
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = new FileInputStream(store.toFile())) {
                ks.load(in, "receiver-test".toCharArray());
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, "receiver-test".toCharArray());
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(kmf.getKeyManagers(), null, null);
            server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(tls));
            server.createContext("/", this::handle);
            server.setExecutor(Executors.newCachedThreadPool());
            server.start();
            port = server.getAddress().getPort();
            Certificate cert = ks.getCertificate("receiver");
            String pem = "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(cert.getEncoded()) + "\n-----END CERTIFICATE-----\n";
            return Map.of("trackguard.webhooks.test-trusted-certificate", pem);
        } catch (Exception e) {
            throw new IllegalStateException("the test receiver could not start", e);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private void handle(HttpExchange x) throws IOException {
        String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, List<String>> headers = new ConcurrentHashMap<>();
        x.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), List.copyOf(v)));
        String path = x.getRequestURI().getPath();
        java.util.concurrent.atomic.AtomicInteger open = IN_FLIGHT.computeIfAbsent(path, k -> new java.util.concurrent.atomic.AtomicInteger());
        int now = open.incrementAndGet();
        MOST_IN_FLIGHT.computeIfAbsent(path, k -> new java.util.concurrent.atomic.AtomicInteger()).accumulateAndGet(now, Math::max);
        try {
            REQUESTS.add(new Request(path, headers, body, Instant.now()));
            java.util.concurrent.CountDownLatch gate = HOLDS.get(path);
            if (gate != null) {
                try {
                    gate.await(1500, java.util.concurrent.TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            answer(x, path);
        } finally {
            open.decrementAndGet();
        }
    }

    private void answer(HttpExchange x, String path) throws IOException {
        Deque<String> script = SCRIPTS.get(path);
        String answer = script == null ? null : script.poll();
        if (answer == null) {
            answer = "200";
        }
        if (answer.equals("HANG")) {
            try {
                Thread.sleep(6_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            x.close();
            return;
        }
        if (answer.equals("CLOSE")) {
            x.close(); // no answer at all
            return;
        }
        if (answer.equals("REDIRECT")) {
            x.getResponseHeaders().set("Location", url(path + "/moved-to"));
            x.sendResponseHeaders(302, -1);
            x.close();
            return;
        }
        if (answer.equals("ENDLESS")) {
            // 200, then a body that does not end for 10 s: the sender must stop reading after its few KB
            x.sendResponseHeaders(200, 0);
            byte[] chunk = new byte[8192];
            java.util.Arrays.fill(chunk, (byte) 'x');
            long until = System.nanoTime() + 10_000_000_000L;
            try {
                while (System.nanoTime() < until) {
                    x.getResponseBody().write(chunk);
                    x.getResponseBody().flush();
                    Thread.sleep(50);
                }
            } catch (IOException | InterruptedException e) {
                // the sender closed the connection: what we wanted
            }
            x.close();
            return;
        }
        String[] parts = answer.split(" ");
        if (parts.length > 1) {
            x.getResponseHeaders().set("Retry-After", parts[1]);
        }
        byte[] reply = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
        x.sendResponseHeaders(Integer.parseInt(parts[0]), reply.length);
        x.getResponseBody().write(reply);
        x.close();
    }
}
