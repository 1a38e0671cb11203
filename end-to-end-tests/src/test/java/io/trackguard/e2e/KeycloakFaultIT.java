package io.trackguard.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.http.ContentType;
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
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The real Keycloak frozen with SIGSTOP, then stopped, while a partner with a token it already
 * holds reads through the gateway. Verification needs no Keycloak (each service keeps the keys it
 * fetched), so reads go on while the gateway's own service token (quarkus-oidc-client) lasts. For
 * the test, that token lives 10 s (the client's lifespan is shortened through the admin API and
 * the gateway restarted to take a first one), so each outage outlasts it: then the gateway
 * cannot call tracking-service and answers 503 with Retry-After, never a 500 or a 401, within
 * its fault-tolerance bounds. A new partner token cannot be had meanwhile (client-side). After
 * Keycloak is back, the gateway gets a new token by itself and every read is answered.
 * Keycloak starts again from the suite's clean template (same realm, same keys), which also
 * undoes the shortened lifespan.
 */
@ExtendWith(Stack.class)
class KeycloakFaultIT {

    /** Generous on purpose: the suite shares 2 cores with Keycloak, three services and other builds. */
    private static final Duration MARGIN = Duration.ofSeconds(4);
    private static final Duration RECOVERY = Duration.ofSeconds(40);
    private static final int GATEWAY_TOKEN_SECONDS = 10;
    private static final Path KEYCLOAK_DIR = Stack.ROOT.resolve("end-to-end-tests/target/stack/keycloak");
    private static final String CLIENT = "io.trackguard.gateway.shipment.TrackingServiceClient";
    private static final Set<String> UNAVAILABLE = Set.of("urn:trackguard:problem:tracking-unavailable",
            "urn:trackguard:problem:temporarily-unavailable");

    @Test
    void partnersWithTokensReadOnWhileTheGatewayTokenLastsThen503AndRecoveryAfterKeycloakIsBack() throws Exception {
        Duration bound = gatewayReadBound().plus(MARGIN);
        String token = Tokens.acme(); // premium plan: the load stays far below its rate
        String number = Shipments.createThroughGateway(token);
        shortenGatewayTokens();
        Stack.restartService("partner-gateway");

        PhasedLoad load = new PhasedLoad("before", bound.multipliedBy(2));
        boolean newTokenWhileFrozen;
        boolean newTokenWhileStopped;
        boolean frozen = false;
        boolean stopped = false;
        try (load) {
            load.add("read", 2, 50, () -> HttpRequest.newBuilder(URI.create(Stack.GATEWAY + "/api/v1/shipments/" + number))
                    .header("Authorization", "Bearer " + token));
            load.awaitAnswers("read", 20, Duration.ofSeconds(30));

            load.phase("frozen");
            signalKeycloak("-STOP");
            frozen = true;
            newTokenWhileFrozen = newTokenCanBeHad();
            // once the gateway's token runs out, a read needs a new one from the frozen Keycloak
            load.awaitAnswer("read", a -> a.status() == 503, Duration.ofSeconds(GATEWAY_TOKEN_SECONDS).plus(bound).plusSeconds(10));
            // frozen for longer than the bound: a read that waited for Keycloak would be counted as too slow
            long until = System.nanoTime() + bound.plusSeconds(2).toNanos();
            while (System.nanoTime() < until) {
                Thread.sleep(100);
            }
            signalKeycloak("-CONT");
            frozen = false;
            load.phase("frozen-recovering");
            load.awaitAnswer("read", a -> a.status() == 200, RECOVERY);
            load.phase("after-freeze");
            load.awaitAnswers("read", 20, Duration.ofSeconds(30));

            load.phase("stopped");
            keycloak("stop");
            stopped = true;
            newTokenWhileStopped = newTokenCanBeHad();
            load.awaitAnswer("read", a -> a.status() == 503, Duration.ofSeconds(GATEWAY_TOKEN_SECONDS).plus(bound).plusSeconds(10));
            keycloak("start", String.valueOf(Stack.KEYCLOAK_PORT));
            stopped = false;
            load.phase("stopped-recovering");
            load.awaitAnswer("read", a -> a.status() == 200, RECOVERY);
            load.phase("after-stop");
            load.awaitAnswers("read", 20, Duration.ofSeconds(30));
        } finally {
            // the rest of the suite needs Keycloak as it was
            if (frozen) {
                signalKeycloak("-CONT");
            }
            if (stopped) {
                keycloak("start", String.valueOf(Stack.KEYCLOAK_PORT));
            }
        }
        Map<String, Map<String, Map<Integer, Long>>> counts = load.counts();
        List<PhasedLoad.Answer> answers = load.answers();
        long slow = answers.stream().filter(a -> a.millis() > bound.toMillis()).count();
        System.out.printf("KeycloakFaultIT answers per phase %s; slower than %d ms: %d; slowest %d ms%n",
                counts, bound.toMillis(), slow, load.slowest());

        for (String p : List.of("before", "after-freeze", "after-stop")) {
            assertEquals(Set.of(200), load.counts(p, "read").keySet(), p + ": every read answered " + counts);
        }
        assertTrue(load.counts("frozen", "read").getOrDefault(200, 0L) > 0, "reads on while the gateway's token lasts: " + counts);
        assertTrue(answers.stream().allMatch(a -> a.status() == 200 || a.status() == 503), "only 200 or 503 (no 500, no 401): " + counts);
        assertTrue(answers.stream().filter(a -> a.status() == 503).allMatch(a -> UNAVAILABLE.contains(a.type()) && a.retryAfter() != null),
                "every 503 says unavailable, with Retry-After");
        assertEquals(0, slow, "answers slower than " + bound.toMillis() + " ms");
        assertTrue(!newTokenWhileFrozen && !newTokenWhileStopped, "no new token from a frozen or stopped Keycloak");
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

    /** The gateway's client tokens live 10 s from now on (until Keycloak starts again from its template). */
    @SuppressWarnings("unchecked")
    private static void shortenGatewayTokens() {
        String admin = KeycloakAdmin.adminToken();
        String url = Stack.KEYCLOAK + "/admin/realms/trackguard/clients/" + KeycloakAdmin.clientUuid("partner-gateway");
        Map<String, Object> client = given().auth().oauth2(admin).get(url).then().statusCode(200).extract().as(Map.class);
        ((Map<String, Object>) client.get("attributes")).put("access.token.lifespan", String.valueOf(GATEWAY_TOKEN_SECONDS));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(client).put(url).then().statusCode(204);
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

    /** SIGSTOP or SIGCONT to Keycloak's process and every process under it. */
    private static void signalKeycloak(String signal) throws IOException, InterruptedException {
        long pid = Long.parseLong(Files.readString(KEYCLOAK_DIR.resolve("keycloak.pid")).trim());
        List<String> command = new ArrayList<>(List.of("kill", signal, String.valueOf(pid)));
        ProcessHandle.of(pid).ifPresent(p -> p.descendants().forEach(d -> command.add(String.valueOf(d.pid()))));
        assertEquals(0, new ProcessBuilder(command).inheritIO().start().waitFor(), String.join(" ", command));
    }

    /** scripts/keycloak.sh stop|start on the suite's Keycloak (start copies the clean template again). */
    private static void keycloak(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Stack.ROOT.resolve("scripts/keycloak.sh").toString(), args[0], KEYCLOAK_DIR.toString()));
        command.addAll(List.of(args).subList(1, args.length));
        Process p = new ProcessBuilder(command).inheritIO().start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES) && p.exitValue() == 0, String.join(" ", command));
    }
}
