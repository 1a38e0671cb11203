package io.trackguard.notification.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signatures: {@code v1,} and the base64 HMAC-SHA256 of
 * {@code {webhook-id}.{webhook-timestamp}.{body}}, keyed with the secret's bytes (base64 after
 * {@code whsec_}). With several secrets (a rotation's overlap) the header carries one signature
 * per secret, space-separated, and a receiver accepts any one it can verify.
 */
public final class Signatures {

    private static final String PREFIX = "whsec_";

    private Signatures() {
    }

    public static String header(String id, long timestamp, String body, List<String> secrets) {
        return secrets.stream().map(s -> "v1," + sign(id, timestamp, body, s)).collect(Collectors.joining(" "));
    }

    static String sign(String id, long timestamp, String body, String secret) {
        byte[] key = Base64.getDecoder().decode(secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] signed = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
