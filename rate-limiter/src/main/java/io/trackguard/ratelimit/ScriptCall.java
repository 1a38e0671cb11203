package io.trackguard.ratelimit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A Lua script call to run in the same round trip as a limiter decision. Sent as EVALSHA,
 * and as EVAL when Redis does not have the script cached (first use, or after a restart).
 * Like the limiter's own, a script should touch the keys of one hash slot only.
 */
public record ScriptCall(Script script, List<String> keys, List<String> args) {

    /** A script and its SHA-1, computed once. */
    public record Script(String source, String sha) {
        public static Script of(String source) {
            return new Script(source, sha1(source));
        }
    }

    static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
