package io.trackguard.e2e;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A privacy officer's access token, as the officers get one: DEMO-ONLY user {@code priya.officer}
 * signs in to Keycloak's login page through the public client {@code tracking-web} (authorization
 * code flow with PKCE; the realm allows no password grant). The redirect is never followed: the
 * code is read from its Location and exchanged at the token endpoint.
 */
final class Officer {

    private static final String CLIENT = "tracking-web";
    /** A redirect URI the realm registers for tracking-web (the local stack's notification-service). */
    private static final String REDIRECT = "http://127.0.0.1:8082/officer/callback";
    private static final Pattern LOGIN_FORM = Pattern.compile("action=\"([^\"]*login-actions/authenticate[^\"]*)\"");
    private static String token;
    private static long expiresAt;

    private Officer() {
    }

    /** priya.officer's token, signed in again a minute before the last one expires. */
    static synchronized String token() {
        if (token == null || System.currentTimeMillis() > expiresAt - 60_000) {
            signIn();
        }
        return token;
    }

    /** A new sign-in, for a test that holds the token for minutes (KeycloakFaultIT, while Keycloak is away). */
    static synchronized String fresh() {
        signIn();
        return token;
    }

    private static void signIn() {
        try {
            String verifier = random();
            String challenge = Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
            HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
            String auth = Stack.ISSUER + "/protocol/openid-connect/auth?" + form(Map.of("client_id", CLIENT, "response_type", "code",
                    "scope", "openid", "redirect_uri", REDIRECT, "state", random(), "code_challenge", challenge,
                    "code_challenge_method", "S256"));
            HttpResponse<String> loginPage = http.send(HttpRequest.newBuilder(URI.create(auth)).build(), HttpResponse.BodyHandlers.ofString());
            String page = loginPage.body();
            // Keycloak marks its session cookies Secure, which Java's CookieManager keeps off plain http: sent by hand
            String cookies = loginPage.headers().allValues("Set-Cookie").stream().map(c -> c.split(";", 2)[0])
                    .collect(Collectors.joining("; "));
            Matcher m = LOGIN_FORM.matcher(page);
            if (!m.find()) {
                throw new IllegalStateException("no login form on Keycloak's page");
            }
            HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(m.group(1).replace("&amp;", "&")))
                    .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", cookies)
                    .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("username", "priya.officer", "password", "demo-only-officer",
                            "credentialId", ""))))
                    .build(), HttpResponse.BodyHandlers.ofString());
            String location = login.headers().firstValue("Location").orElseThrow(() -> new IllegalStateException(
                    "Keycloak did not sign priya.officer in (" + login.statusCode() + ")"));
            Matcher code = Pattern.compile("[?&]code=([^&]+)").matcher(location);
            if (!location.startsWith(REDIRECT) || !code.find()) {
                throw new IllegalStateException("no code in the redirect");
            }
            Response r = given().formParam("grant_type", "authorization_code").formParam("client_id", CLIENT)
                    .formParam("code", code.group(1)).formParam("redirect_uri", REDIRECT).formParam("code_verifier", verifier)
                    .post(Stack.ISSUER + "/protocol/openid-connect/token");
            r.then().statusCode(200);
            token = r.path("access_token");
            expiresAt = System.currentTimeMillis() + 1000L * r.<Integer>path("expires_in");
        } catch (NoSuchAlgorithmException | IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String random() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static String form(Map<String, String> values) {
        return values.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
