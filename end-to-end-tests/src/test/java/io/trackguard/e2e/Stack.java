package io.trackguard.e2e;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts the whole suite once per test run: the real Keycloak (scripts/keycloak.sh, clean
 * realm) and the three packaged services on ports of their own, against the *_e2e databases,
 * each cleaned at start. Stopped when the run ends.
 */
public class Stack implements BeforeAllCallback, ExtensionContext.Store.CloseableResource {

    public static final Path ROOT = Path.of(System.getProperty("e2e.root", "..")).toAbsolutePath().normalize();
    public static final int KEYCLOAK_PORT = Integer.getInteger("e2e.keycloak.port", 18180);
    public static final int TRACKING_PORT = Integer.getInteger("e2e.tracking.port", 18080);
    public static final int GATEWAY_PORT = Integer.getInteger("e2e.gateway.port", 18081);
    public static final int NOTIFICATION_PORT = Integer.getInteger("e2e.notification.port", 18082);
    /** Management interfaces: health, metrics, OpenAPI; never the public ports. */
    public static final int TRACKING_MANAGEMENT_PORT = Integer.getInteger("e2e.tracking.management.port", 19080);
    public static final int GATEWAY_MANAGEMENT_PORT = Integer.getInteger("e2e.gateway.management.port", 19081);
    public static final int NOTIFICATION_MANAGEMENT_PORT = Integer.getInteger("e2e.notification.management.port", 19082);
    public static final String KEYCLOAK = "http://127.0.0.1:" + KEYCLOAK_PORT;
    public static final String ISSUER = KEYCLOAK + "/realms/trackguard";
    public static final String TRACKING = "http://127.0.0.1:" + TRACKING_PORT;
    public static final String GATEWAY = "http://127.0.0.1:" + GATEWAY_PORT;
    public static final String NOTIFICATION = "http://127.0.0.1:" + NOTIFICATION_PORT;

    private static final Path WORK = ROOT.resolve("end-to-end-tests/target/stack");
    /** Each run its own Redis keys, so blocks and limits of an earlier run never leak into this one. */
    private static final String RUN = "tg:e2e:" + java.util.UUID.randomUUID() + ":";
    /**
     * The suite stands where an ingress would: 127.0.0.1 is a trusted proxy, so each test
     * acts as its own client through X-Forwarded-For (Clients), as real visitors do.
     */
    private static final Map<String, String> TRACKING_ENV = Map.of(
            "TRACKGUARD_TRACKING_TRUSTED_PROXIES", "127.0.0.1/32",
            // the same burst of 20, but refilled slowly, so that a slow machine still reaches the limit
            "TRACKGUARD_LIMITS_LOOKUPS_PER_CLIENT_PERIOD", "10m",
            "TRACKGUARD_RATELIMIT_KEY_PREFIX", RUN + "rl:",
            // the flags (a disabled partner) are shared with the gateway: the same prefix
            "TRACKGUARD_RATELIMIT_FLAG_PREFIX", RUN + "flag:",
            "TRACKGUARD_ABUSE_KEY_PREFIX", RUN + "abuse:",
            "TRACKGUARD_ABUSE_STREAM", RUN + "security-events",
            "TRACKGUARD_RECIPIENT_SPENT_LINK_PREFIX", RUN + "link:",
            // the access records' stream of this run; a killed replica's entries are claimed after 5 s, not 30
            "TRACKGUARD_AUDIT_STREAM", auditStream(),
            "TRACKGUARD_AUDIT_CLAIM_IDLE", "5s");
    private static final Map<String, String> GATEWAY_ENV = Map.of(
            "QUARKUS_REST_CLIENT_TRACKING_SERVICE_URL", TRACKING,
            "QUARKUS_REST_CLIENT_NOTIFICATION_SERVICE_URL", NOTIFICATION,
            "QUARKUS_REST_CLIENT_KEYCLOAK_URL", KEYCLOAK,
            "QUARKUS_OIDC_CLIENT_AUTH_SERVER_URL", ISSUER,
            "TRACKGUARD_RATELIMIT_KEY_PREFIX", RUN + "gw-rl:",
            "TRACKGUARD_RATELIMIT_FLAG_PREFIX", RUN + "flag:");
    /**
     * notification-service reads the same stream tracking-service writes (its client secret and
     * mail settings come from scripts/demo-env, as in the local stack) and sends its notices to the
     * suite's own SMTP server (MailServer). The waits after a crash or a refused message are
     * shortened so the fault tests take seconds, not minutes: a crashed sender's lease, the pause
     * while the mail server is away, and the first backoff.
     */
    private static final Map<String, String> NOTIFICATION_ENV = Map.ofEntries(
            Map.entry("QUARKUS_REST_CLIENT_TRACKING_SERVICE_URL", TRACKING),
            Map.entry("QUARKUS_REST_CLIENT_PARTNER_GATEWAY_URL", GATEWAY),
            Map.entry("QUARKUS_MAILER_PORT", String.valueOf(MailServer.PORT)),
            Map.entry("TRACKGUARD_NOTIFY_EVENTS_STREAM", RUN + "security-events"),
            Map.entry("TRACKGUARD_RATELIMIT_KEY_PREFIX", RUN + "nt-rl:"),
            Map.entry("TRACKGUARD_NOTIFY_DELIVERY_PUBLIC_BASE_URL", TRACKING),
            Map.entry("TRACKGUARD_NOTIFY_DELIVERY_LEASE", "10s"),
            Map.entry("TRACKGUARD_NOTIFY_DELIVERY_SERVER_DOWN_RETRY", "2s"),
            Map.entry("TRACKGUARD_NOTIFY_DELIVERY_BACKOFF", "1s"),
            // webhooks to the suite's own HTTPS receiver (WebhooksIT): test-only loopback and its self-signed certificate
            Map.entry("TRACKGUARD_WEBHOOKS_ALLOW_LOOPBACK", "true"),
            Map.entry("TRACKGUARD_WEBHOOKS_TEST_TRUSTED_CERTIFICATE", WebhookReceiver.certificatePem()));
    private static final Map<String, Process> SERVICES = new LinkedHashMap<>();

    /** The Redis stream tracking-service appends its access records to in this run. */
    public static String auditStream() {
        return RUN + "access-records";
    }
    private static boolean started;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        synchronized (Stack.class) {
            if (started) {
                return;
            }
            started = true;
            context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(Stack.class.getName(), this);
            Files.createDirectories(WORK);
            run(ROOT.resolve("scripts/infra.sh").toString());
            run(ROOT.resolve("scripts/keycloak.sh").toString(), "start", WORK.resolve("keycloak").toString(), String.valueOf(KEYCLOAK_PORT));
            MailServer.start();
            startService("tracking-service", TRACKING_PORT, "tracking_e2e", TRACKING_ENV);
            startService("partner-gateway", GATEWAY_PORT, "gateway_e2e", GATEWAY_ENV);
            startService("notification-service", NOTIFICATION_PORT, "notification_e2e", NOTIFICATION_ENV);
            for (Map.Entry<String, Process> s : SERVICES.entrySet()) {
                awaitReady(s.getKey(), s.getValue(), managementPortOf(s.getKey()));
            }
            // the DEMO-ONLY partners ocs and acme, as the local stack records them (never a production migration)
            run("psql", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-U", "gateway", "-d", "gateway_e2e", "-f",
                    ROOT.resolve("partner-gateway/src/main/resources/db/demo/R__demo_partners.sql").toString());
        }
    }

    /** Stops one service (the fault-tolerance test stops tracking-service) and says whether it was running. */
    public static void stopService(String name) throws InterruptedException {
        Process p = SERVICES.get(name);
        if (p != null && p.isAlive()) {
            p.destroy();
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** Kills one service as a crash does (SIGKILL: no shutdown hook, nothing flushed, no lease given back). */
    public static void killService(String name) throws InterruptedException {
        Process p = SERVICES.get(name);
        if (p != null && p.isAlive()) {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }

    public static void restartService(String name) throws Exception {
        stopService(name);
        Map<String, String> extra = switch (name) {
            case "partner-gateway" -> GATEWAY_ENV;
            case "tracking-service" -> TRACKING_ENV;
            default -> NOTIFICATION_ENV;
        };
        String db = switch (name) {
            case "tracking-service" -> "tracking_e2e";
            case "partner-gateway" -> "gateway_e2e";
            default -> "notification_e2e";
        };
        startService(name, portOf(name), db, extra, false);
        awaitReady(name, SERVICES.get(name), managementPortOf(name));
    }

    private static int portOf(String name) {
        return switch (name) {
            case "tracking-service" -> TRACKING_PORT;
            case "partner-gateway" -> GATEWAY_PORT;
            default -> NOTIFICATION_PORT;
        };
    }

    public static int managementPortOf(String name) {
        return switch (name) {
            case "tracking-service" -> TRACKING_MANAGEMENT_PORT;
            case "partner-gateway" -> GATEWAY_MANAGEMENT_PORT;
            default -> NOTIFICATION_MANAGEMENT_PORT;
        };
    }

    /** The DEMO-ONLY settings the local stack gives a service (scripts/demo-env/NAME.env): its secrets, above all. */
    public static Map<String, String> demoEnvironment(String name) throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : Files.readAllLines(ROOT.resolve("scripts/demo-env/" + name + ".env"))) {
            String l = line.strip();
            int eq = l.indexOf('=');
            if (!l.isEmpty() && !l.startsWith("#") && eq > 0) {
                String value = l.substring(eq + 1);
                // as the shell reads it: a value with spaces is written in double quotes
                env.put(l.substring(0, eq), value.length() > 1 && value.startsWith("\"") && value.endsWith("\"")
                        ? value.substring(1, value.length() - 1) : value);
            }
        }
        return env;
    }

    /** The command that runs a service's packaged jar, as the suite and the local stack run it. */
    public static ProcessBuilder serviceProcess(String name) {
        Path jar = ROOT.resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: run the suite through `./mvnw verify`, which packages it first");
        }
        return new ProcessBuilder(javaBin(), "-Xmx256m", "-jar", jar.toString());
    }

    private static void startService(String name, int port, String database, Map<String, String> extra) throws IOException {
        startService(name, port, database, extra, true);
    }

    private static void startService(String name, int port, String database, Map<String, String> extra, boolean clean) throws IOException {
        ProcessBuilder pb = serviceProcess(name);
        Map<String, String> env = pb.environment();
        env.putAll(demoEnvironment(name));
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("QUARKUS_MANAGEMENT_PORT", String.valueOf(managementPortOf(name)));
        env.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/" + database);
        env.put("QUARKUS_OIDC_AUTH_SERVER_URL", ISSUER);
        env.put("QUARKUS_FLYWAY_CLEAN_DISABLED", "false");
        env.put("QUARKUS_FLYWAY_CLEAN_AT_START", String.valueOf(clean));
        env.putAll(extra);
        File log = WORK.resolve(name + ".log").toFile();
        pb.redirectErrorStream(true).redirectOutput(clean ? ProcessBuilder.Redirect.to(log) : ProcessBuilder.Redirect.appendTo(log));
        SERVICES.put(name, pb.start());
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void awaitReady(String name, Process process, int port) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited; see " + WORK.resolve(name + ".log"));
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " was not ready in 90 s; see " + WORK.resolve(name + ".log"));
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).inheritIO().start();
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed");
        }
    }

    @Override
    public void close() throws Exception {
        for (String name : SERVICES.keySet()) {
            stopService(name);
        }
        run(ROOT.resolve("scripts/keycloak.sh").toString(), "stop", WORK.resolve("keycloak").toString());
        MailServer.stop();
    }
}
