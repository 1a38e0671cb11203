package io.trackguard.ratelimit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A Lua script call to run in the same round trip as a limiter decision. Sent as EVALSHA,
 * and as EVAL when Redis does not have the script cached (first use, or after a restart).
 * Like the limiter's own, a script touches only the keys it is given, and those share one hash
 * tag: a Redis Cluster runs a script on one slot only, and the limiter groups calls by tag.
 */
public record ScriptCall(Script script, List<String> keys, List<String> args) {

    public ScriptCall {
        keys = List.copyOf(keys);
        args = List.copyOf(args);
        for (String key : keys) {
            if (!hashTag(key).equals(hashTag(keys.get(0)))) {
                throw new IllegalArgumentException("the keys of one script call must share a hash tag: " + keys);
            }
        }
    }

    /** The part of the first key that picks its Redis Cluster slot; "" for a call without keys. */
    public String slotTag() {
        return keys.isEmpty() ? "" : hashTag(keys.get(0));
    }

    /**
     * What Redis Cluster hashes to find a key's slot: the text between the first '{' and the next
     * '}' when it is not empty, otherwise the whole key. Keys with the same tag share a slot.
     */
    static String hashTag(String key) {
        int open = key.indexOf('{');
        if (open >= 0) {
            int close = key.indexOf('}', open + 1);
            if (close > open + 1) {
                return key.substring(open + 1, close);
            }
        }
        return key;
    }

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
