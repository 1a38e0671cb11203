package io.trackguard.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.http.ContentType;
import io.trackguard.testsupport.PhasedLoad;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The suite's real Keycloak frozen with SIGSTOP, then stopped and started again (with its own
 * database, as a production restart: same keys, clients and sessions), under load: a partner
 * reading through the gateway with a token it already holds, a privacy officer reading
 * notification-service's incidents API with hers, and the three readiness endpoints.
 *
 * <p>Every service verifies tokens with the keys it fetched, so tokens already issued keep working
 * while Keycloak is away. What needs a new token cannot be had: the gateway's own service token
 * (quarkus-oidc-client) to call tracking-service. For the test that token lives 10 s (the client's
 * lifespan through the admin API, the gateway restarted to take a first short one), so each outage
 * outlasts it. Counted per phase: no 500, no 401 for the valid partner, every 503 typed with
 * Retry-After, none slower than the gateway's own read bound, readiness UP throughout (by design,
 * docs/dependency-failures.md), every read answered again after Keycloak is back with nothing else
 * restarted, and no answered read without its access record.
 *
 * <p>It disturbs nothing after it: Keycloak keeps its database over the restart, the lifespan is
 * put back, and the tokens other tests cache are renewed before they expire (Tokens).
 */
@ExtendWith(Stack.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeycloakFaultIT {

    /** Generous on purpose: the suite shares 2 cores with Keycloak, three services and other builds. */
    private static final Duration MARGIN = Duration.ofSeconds(4);
    private static final Duration RECOVERY = Duration.ofSeconds(40);
    private static final int GATEWAY_TOKEN_SECONDS = 10;
    private static final Path KEYCLOAK_DIR = Stack.ROOT.resolve("end-to-end-tests/target/stack/keycloak");
    private static final String CLIENT = "io.trackguard.gateway.shipment.TrackingServiceClient";
    private static final Set<String> UNAVAILABLE = Set.of("urn:trackguard:problem:tracking-unavailable",
            "urn:trackguard:problem:temporarily-unavailable");
    private static final List<String> SERVICES = List.of("tracking-service", "partner-gateway", "notification-service");

    private static String originalLifespan;

    /** The gateway's service tokens live 10 s from now on, and it holds a short one (restarted). */
    @BeforeAll
    static void shortGatewayTokens() throws Exception {
        originalLifespan = setGatewayTokenLifespan(String.valueOf(GATEWAY_TOKEN_SECONDS));
        Stack.restartService("partner-gateway");
    }

    /** The lifespan as it was: the gateway's next token is a normal one (Keycloak kept its database). */
    @AfterAll
    static void restoreGatewayTokens() {
        setGatewayTokenLifespan(originalLifespan);
    }

    /**
     * The gateway asks for its next token 5 s before this one expires
     * ({@code quarkus.oidc-client.refresh-token-time-skew}): without it, it sent a token for up to a
     * second after tracking-service had started refusing it, and relayed that 401 to the partner.
     * Reads across two lifetimes of the gateway's 10 s token (a new token every 5 s with the skew,
     * two expiries of one token without it): every one answered 200. It was four lifetimes; each
     * expiry without the skew gave about a second of 401s to reads sent every 50 ms, so two prove
     * it as well, in 20 s less.
     */
    @Test
    @Order(1)
    void aPartnerNeverSeesA401WhenTheGatewaysOwnTokenRollsOver() throws Exception {
        String token = Tokens.fresh("partner-acme");
        String number = Shipments.createThroughGateway(token);
        PhasedLoad load = new PhasedLoad("rollovers", gatewayReadBound().plus(MARGIN).multipliedBy(2));
        try (load) {
            load.add("read", 2, 50, () -> HttpRequest.newBuilder(URI.create(Stack.GATEWAY + "/api/v1/shipments/" + number))
                    .header("Authorization", "Bearer " + token));
            // a load over a span of token lifetimes, not a timed assertion
            Thread.sleep(TimeUnit.SECONDS.toMillis(2L * GATEWAY_TOKEN_SECONDS + 2));
        }
        System.out.printf("KeycloakFaultIT rollovers: %s%n", load.counts());
        assertTrue(load.counts("rollovers", "read").getOrDefault(200, 0L) >= 40, "the load ran: " + load.counts());
        assertEquals(Set.of(200), load.counts("rollovers", "read").keySet(), "every read across the rollovers answered 200: " + load.counts());
    }

    @Test
    @Order(2)
    void tokensAlreadyIssuedKeepWorkingWhatNeedsANewOneIs503AndAllRecoversWhenKeycloakIsBack() throws Exception {
        Duration bound = gatewayReadBound().plus(MARGIN);
        String acme = Tokens.fresh("partner-acme"); // premium plan: the load stays far below its rate
        String number = Shipments.createThroughGateway(acme);
        Instant loadStart = Instant.now();
        // tokens held by the callers for the whole outage; taken anew once Keycloak is back after the freeze
        String[] held = {acme, Officer.fresh()};

        PhasedLoad load = new PhasedLoad("before", bound.multipliedBy(2));
        boolean newTokenWhileFrozen;
        boolean newTokenWhileStopped;
        boolean frozen = false;
        boolean stopped = false;
        try (load) {
            load.add("read", 2, 50, () -> HttpRequest.newBuilder(URI.create(Stack.GATEWAY + "/api/v1/shipments/" + number))
                    .header("Authorization", "Bearer " + held[0]));
            load.add("incidents", 1, 200, () -> HttpRequest.newBuilder(URI.create(Stack.NOTIFICATION + "/api/v1/incidents?size=5"))
                    .header("Authorization", "Bearer " + held[1]));
            for (String service : SERVICES) {
                load.add("ready " + service, 1, 500, () -> HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + Stack.managementPortOf(service) + "/q/health/ready")));
            }
            load.awaitAnswers("read", 20, Duration.ofSeconds(30));

            load.phase("frozen");
            signalKeycloak("-STOP");
            frozen = true;
            newTokenWhileFrozen = newTokenCanBeHad();
            // once the gateway's token runs out, a read needs a new one from the frozen Keycloak
            load.awaitAnswer("read", a -> a.status() == 503, Duration.ofSeconds(GATEWAY_TOKEN_SECONDS).plus(bound).plusSeconds(10));
            // frozen for longer than the bound: a call that waited on Keycloak would be counted as too slow
            Thread.sleep(bound.plusSeconds(2).toMillis());
            signalKeycloak("-CONT");
            frozen = false;
            load.phase("frozen-recovering");
            load.awaitAnswer("read", a -> a.status() == 200, RECOVERY);
            load.phase("after-freeze");
            load.awaitAnswers("read", 20, Duration.ofSeconds(30));
            held[0] = Tokens.fresh("partner-acme");
            held[1] = Officer.fresh();

            load.phase("stopped");
            keycloak("stop");
            stopped = true;
            newTokenWhileStopped = newTokenCanBeHad();
            load.awaitAnswer("read", a -> a.status() == 503, Duration.ofSeconds(GATEWAY_TOKEN_SECONDS).plus(bound).plusSeconds(10));
            keycloak("start", String.valueOf(Stack.KEYCLOAK_PORT), "--keep");
            stopped = false;
            load.phase("stopped-recovering");
            load.awaitAnswer("read", a -> a.status() == 200, RECOVERY);
            load.phase("after-stop");
            load.awaitAnswers("read", 20, Duration.ofSeconds(30));
        } finally {
            // the rest of the suite needs Keycloak
            if (frozen) {
                signalKeycloak("-CONT");
            }
            if (stopped) {
                keycloak("start", String.valueOf(Stack.KEYCLOAK_PORT), "--keep");
            }
        }
        Map<String, Map<String, Map<Integer, Long>>> counts = load.counts();
        List<PhasedLoad.Answer> answers = load.answers();
        long slow = answers.stream().filter(a -> a.millis() > bound.toMillis()).count();
        long answeredReads = answers.stream().filter(a -> a.kind().equals("read") && a.status() == 200).count();
        long records = awaitDisclosures(number, loadStart, answeredReads);
        System.out.printf("KeycloakFaultIT answers per phase %s; slower than %d ms: %d; slowest %d ms; reads answered %d, access records %d%n",
                counts, bound.toMillis(), slow, load.slowest(), answeredReads, records);

        List<org.junit.jupiter.api.function.Executable> checks = new ArrayList<>();
        for (String p : List.of("before", "after-freeze", "after-stop")) {
            checks.add(() -> assertEquals(Set.of(200), load.counts(p, "read").keySet(), p + ": every read answered " + counts));
        }
        checks.add(() -> assertTrue(load.counts("frozen", "read").getOrDefault(200, 0L) > 0,
                "reads go on while the gateway's token lasts: " + counts));
        checks.add(() -> assertTrue(answers.stream().filter(a -> a.kind().equals("read")).allMatch(a -> a.status() == 200 || a.status() == 503),
                "reads: only 200 or 503 (no 500, no 401 for a valid partner): " + counts));
        checks.add(() -> assertTrue(answers.stream().filter(a -> a.status() == 503)
                .allMatch(a -> UNAVAILABLE.contains(a.type()) && a.retryAfter() != null), "every 503 says unavailable, with Retry-After"));
        checks.add(() -> assertTrue(answers.stream().filter(a -> a.kind().equals("incidents")).allMatch(a -> a.status() == 200),
                "the officer's token kept working throughout (verified locally): " + counts));
        checks.add(() -> assertTrue(answers.stream().filter(a -> a.kind().startsWith("ready ")).allMatch(a -> a.status() == 200),
                "readiness UP throughout: Keycloak away takes no replica out: " + counts));
        checks.add(() -> assertEquals(0, slow, "answers slower than " + bound.toMillis() + " ms"));
        checks.add(() -> assertTrue(records >= answeredReads, "every answered read has its access record: " + answeredReads
                + " reads answered, " + records + " records"));
        checks.add(() -> assertTrue(!newTokenWhileFrozen && !newTokenWhileStopped, "no new token from a frozen or stopped Keycloak"));
        assertAll("KeycloakFaultIT", checks);
    }

    /** What one read may take by the gateway's own settings: every attempt's timeout, and the waits between them. */
    private static Duration gatewayReadBound() throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(Stack.ROOT.resolve("partner-gateway/src/main/resources/application.properties"))) {
            p.load(r);
        }
        long timeout = Long.parseLong(p.getProperty("quarkus.fault-tolerance.\"" + CLIENT + "/get\".timeout.value"));
        int retries = Integer.parseInt(p.getProperty("quarkus.fault-tolerance.\"" + CLIENT + "\".retry.max-retries"));
        long delay = Long.parseLong(p.getProperty("quarkus.fault-tolerance.\"" + CLIENT + "\".retry.delay"));
        long jitter = Long.parseLong(p.getProperty("quarkus.fault-tolerance.\"" + CLIENT + "\".retry.jitter"));
        return Duration.ofMillis((retries + 1) * timeout + retries * (delay + jitter));
    }

    /** Sets the lifespan of partner-gateway's tokens (null: the realm's); answers the one it had. */
    @SuppressWarnings("unchecked")
    private static String setGatewayTokenLifespan(String seconds) {
        String admin = KeycloakAdmin.adminToken();
        String url = Stack.KEYCLOAK + "/admin/realms/trackguard/clients/" + KeycloakAdmin.clientUuid("partner-gateway");
        Map<String, Object> client = given().auth().oauth2(admin).get(url).then().statusCode(200).extract().as(Map.class);
        Map<String, Object> attributes = (Map<String, Object>) client.get("attributes");
        String before = (String) attributes.get("access.token.lifespan");
        attributes.put("access.token.lifespan", seconds == null ? "" : seconds);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(client).put(url).then().statusCode(204);
        return before;
    }

    /** A partner asks Keycloak for a new token, waiting at most 3 s. */
    private static boolean newTokenCanBeHad() {
        String basic = Base64.getEncoder().encodeToString("partner-ocs:demo-only-partner-ocs-secret".getBytes(StandardCharsets.UTF_8));
        try {
            HttpResponse<String> r = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build().send(
                    HttpRequest.newBuilder(URI.create(Stack.ISSUER + "/protocol/openid-connect/token")).timeout(Duration.ofSeconds(3))
                            .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Access records in PostgreSQL of disclosures of the shipment since the load began. */
    private static long disclosures(String number, Instant since) throws Exception {
        return Long.parseLong(run("psql", "-At", "-h", "127.0.0.1", "-U", "tracking", "-d", "tracking_e2e", "-c",
                "SELECT count(*) FROM access_record a JOIN shipment s ON s.id = a.shipment_id WHERE s.tracking_number = '" + number
                        + "' AND a.outcome = 'DISCLOSED' AND a.occurred_at >= '" + since + "'").strip());
    }

    /** Waits (polling, at most 60 s) until the records reached PostgreSQL from the stream; answers how many there are. */
    private static long awaitDisclosures(String number, Instant since, long expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        long n = disclosures(number, since);
        while (n < expected && System.nanoTime() < deadline) {
            Thread.sleep(500);
            n = disclosures(number, since);
        }
        return n;
    }

    /** SIGSTOP or SIGCONT to Keycloak's process and every process under it. */
    private static void signalKeycloak(String signal) throws IOException, InterruptedException {
        long pid = Long.parseLong(Files.readString(KEYCLOAK_DIR.resolve("keycloak.pid")).trim());
        List<String> command = new ArrayList<>(List.of("kill", signal, String.valueOf(pid)));
        ProcessHandle.of(pid).ifPresent(p -> p.descendants().forEach(d -> command.add(String.valueOf(d.pid()))));
        assertEquals(0, new ProcessBuilder(command).inheritIO().start().waitFor(), String.join(" ", command));
    }

    /** scripts/keycloak.sh stop|start on the suite's Keycloak. */
    private static void keycloak(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Stack.ROOT.resolve("scripts/keycloak.sh").toString(), args[0], KEYCLOAK_DIR.toString()));
        command.addAll(List.of(args).subList(1, args.length));
        Process p = new ProcessBuilder(command).inheritIO().start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES) && p.exitValue() == 0, String.join(" ", command));
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }
}
