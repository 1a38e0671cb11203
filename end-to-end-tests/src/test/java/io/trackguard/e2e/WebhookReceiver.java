package io.trackguard.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A partner's webhook endpoint in the test JVM: HTTPS with a self-signed certificate for
 * {@code localhost} made by keytool when the class loads, so that Stack can hand its PEM to
 * notification-service (its test-only trusted certificate) before the services start. Answers
 * 200 and records every request.
 */
final class WebhookReceiver {

    record Request(String path, Map<String, String> headers, String body) {
    }

    private static final List<Request> REQUESTS = java.util.Collections.synchronizedList(new ArrayList<>());
    private static final String PEM;
    private static final int PORT;

    static {
        try {
            Path store = Files.createTempDirectory("e2e-receiver").resolve("receiver.p12");
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
            HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(tls));
            server.createContext("/", WebhookReceiver::handle);
            server.setExecutor(Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "e2e-webhook-receiver");
                t.setDaemon(true);
                return t;
            }));
            server.start();
            PORT = server.getAddress().getPort();
            PEM = "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(ks.getCertificate("receiver").getEncoded()) + "\n-----END CERTIFICATE-----\n";
        } catch (Exception e) {
            throw new IllegalStateException("the webhook receiver could not start", e);
        }
    }

    private WebhookReceiver() {
    }

    /** The certificate notification-service is told to trust (test-only setting). */
    static String certificatePem() {
        return PEM;
    }

    static String url(String path) {
        return "https://localhost:" + PORT + path;
    }

    static List<Request> at(String path) {
        synchronized (REQUESTS) {
            return REQUESTS.stream().filter(r -> r.path().equals(path)).toList();
        }
    }

    private static void handle(HttpExchange x) throws IOException {
        String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> headers = new ConcurrentHashMap<>();
        x.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
        REQUESTS.add(new Request(x.getRequestURI().getPath(), headers, body));
        x.sendResponseHeaders(204, -1);
        x.close();
    }
}
