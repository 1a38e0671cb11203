package io.trackguard.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.response.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The packaged services as production runs them (the default profile): they refuse to start
 * without real secrets, serve health, metrics and OpenAPI on their management port only, and
 * hold partners to the production plans.
 */
@ExtendWith(Stack.class)
class ProductionDefaultsIT {

    static final Map<String, Integer> PUBLIC = Map.of("tracking-service", Stack.TRACKING_PORT, "partner-gateway", Stack.GATEWAY_PORT,
            "notification-service", Stack.NOTIFICATION_PORT);

    /** Runs a service's jar with the local stack's settings changed as given; answers its exit code (-1: still running after 90 s) and output. */
    static Map.Entry<Integer, String> start(String name, String database, Map<String, String> changes, List<String> unset) throws Exception {
        ProcessBuilder pb = Stack.serviceProcess(name);
        Map<String, String> env = pb.environment();
        env.putAll(Stack.demoEnvironment(name));
        env.putAll(Map.of("QUARKUS_HTTP_PORT", "0", "QUARKUS_MANAGEMENT_PORT", "0",
                "QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/" + database, "QUARKUS_OIDC_AUTH_SERVER_URL", Stack.ISSUER));
        env.putAll(changes);
        unset.forEach(env::remove);
        Path log = Files.createTempFile(Stack.ROOT.resolve("end-to-end-tests/target"), name + "-refused-", ".log");
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        Process p = pb.start();
        try {
            boolean exited = p.waitFor(90, TimeUnit.SECONDS);
            return Map.entry(exited ? p.exitValue() : -1, Files.readString(log));
        } finally {
            p.destroyForcibly();
        }
    }

    /** It stopped by itself, with an error. */
    static void assertRefused(Map.Entry<Integer, String> run) {
        assertNotEquals(-1, run.getKey(), "still running: " + run.getValue());
        assertNotEquals(0, run.getKey(), run.getValue());
    }

    @Test
    void demoMissingAndShortSecretsRefuseToStartNamingTheVariable() throws Exception {
        // tracking-service with the local stack's demo secrets, but without the stack's allowance for them
        Map.Entry<Integer, String> demo = start("tracking-service", "tracking_e2e", Map.of(), List.of("TRACKGUARD_SECRETS_ALLOW_DEMO_VALUES"));
        assertRefused(demo);
        for (String variable : List.of("QUARKUS_DATASOURCE_PASSWORD", "QUARKUS_FLYWAY_PASSWORD", "TRACKGUARD_TRACKING_PSEUDONYM_KEY",
                "TRACKGUARD_RECIPIENT_SIGNING_KEY")) {
            assertTrue(demo.getValue().contains(variable + " ") && demo.getValue().contains("is a demo value"), variable + "\n" + demo.getValue());
        }
        assertFalse(demo.getValue().contains("demo-only-recipient-signing-key"), "the message never shows the value");

        // partner-gateway without its own client secret
        Map.Entry<Integer, String> missing = start("partner-gateway", "gateway_e2e", Map.of(), List.of("QUARKUS_OIDC_CLIENT_CREDENTIALS_SECRET"));
        assertRefused(missing);
        assertTrue(missing.getValue().contains("QUARKUS_OIDC_CLIENT_CREDENTIALS_SECRET (quarkus.oidc-client.credentials.secret) is not set"),
                missing.getValue());

        // notification-service with a short database password (a real one, not demo: the allowance does not help)
        Map.Entry<Integer, String> shortOne = start("notification-service", "notification_e2e",
                Map.of("QUARKUS_DATASOURCE_PASSWORD", "0123456789"), List.of());
        assertRefused(shortOne);
        assertTrue(shortOne.getValue().contains("QUARKUS_DATASOURCE_PASSWORD (quarkus.datasource.password) is shorter than 16 characters"),
                shortOne.getValue());

        // tracking-service without its signing key at all
        Map.Entry<Integer, String> noKey = start("tracking-service", "tracking_e2e", Map.of(), List.of("TRACKGUARD_RECIPIENT_SIGNING_KEY"));
        assertRefused(noKey);
        assertTrue(noKey.getValue().contains("trackguard.recipient.signing-key"), noKey.getValue());
    }

    @Test
    void theRealmChecksItsSecretsBeforeImport() throws Exception {
        Process check = new ProcessBuilder(Stack.ROOT.resolve("deploy/keycloak/require-env.sh").toString()).redirectErrorStream(true).start();
        String out = new String(check.getInputStream().readAllBytes());
        assertTrue(check.waitFor(30, TimeUnit.SECONDS));
        assertEquals(1, check.exitValue(), out);
        assertTrue(out.contains("TRACKGUARD_KC_PARTNER_GATEWAY_SECRET is not set"), out);
        String realm = Files.readString(Stack.ROOT.resolve("deploy/keycloak/trackguard-realm.json"));
        assertFalse(realm.contains("demo-only"), "the deployment's realm carries no demo secret");
    }

    @Test
    void healthMetricsAndOpenApiAreOnTheManagementPortsOnly() {
        for (Map.Entry<String, Integer> service : PUBLIC.entrySet()) {
            String publicBase = "http://127.0.0.1:" + service.getValue();
            String management = "http://127.0.0.1:" + Stack.managementPortOf(service.getKey());
            for (String path : List.of("/q/health/ready", "/q/metrics", "/q/openapi", "/q/swagger-ui/")) {
                Response outside = given().get(publicBase + path);
                assertEquals(404, outside.statusCode(), service.getKey() + " public " + path);
                assertEquals("no-store", outside.header("Cache-Control"));
                assertEquals(200, given().get(management + path).statusCode(), service.getKey() + " management " + path);
            }
        }
        String partnerDocument = given().get(Stack.GATEWAY + "/api/v1/openapi.json").then().statusCode(200).extract().asString();
        assertTrue(partnerDocument.contains("/api/v1/shipments:batch"));
        assertFalse(partnerDocument.contains("/internal/") || partnerDocument.contains("/admin/"), "the partner document is the partners' only");
        assertTrue(given().get("http://127.0.0.1:" + Stack.TRACKING_MANAGEMENT_PORT + "/q/openapi").asString().contains("/internal/v1/exposures"));
    }

    @Test
    void partnersAreHeldToTheProductionPlansAndAPartnerWithoutRecordToStandard() {
        String premium = "\"quota-premium\";q=100;w=1, \"daily-premium\";q=2000000;w=86400";
        String standard = "\"quota-standard\";q=20;w=1, \"daily-standard\";q=100000;w=86400";
        given().auth().oauth2(Tokens.acme()).get(Stack.GATEWAY + "/api/v1/shipments?limit=1").then().statusCode(200)
                .header("RateLimit-Policy", premium);
        given().auth().oauth2(Tokens.ocs()).get(Stack.GATEWAY + "/api/v1/shipments?limit=1").then().statusCode(200)
                .header("RateLimit-Policy", standard);
        String unrecorded = KeycloakAdmin.partnerToken(300, List.of("trackguard-gateway"));
        given().auth().oauth2(unrecorded).get(Stack.GATEWAY + "/api/v1/shipments?limit=1").then().statusCode(200)
                .header("RateLimit-Policy", standard);
    }
}
