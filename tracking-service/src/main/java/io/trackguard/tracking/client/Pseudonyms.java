package io.trackguard.tracking.client;

import io.trackguard.tracking.config.TrackingConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed hashes that stand for what must not be stored: client addresses (IPv6 grouped by its
 * /64, the usual allocation to one customer) and tracking numbers that were tried but match
 * nothing. Without the key they cannot be reversed or recomputed.
 */
@ApplicationScoped
public class Pseudonyms {

    /** One keyed Mac per thread: every lookup computes two or three of these, so no provider lookup each time. */
    private final ThreadLocal<Mac> macs;
    /** The keys that were current before, still accepted where a pseudonym is compared (recipient sessions). */
    private final List<ThreadLocal<Mac>> previous;

    public Pseudonyms(TrackingConfig config) {
        if (config.previousPseudonymKeys().containsKey(config.pseudonymKeyId())) {
            throw new IllegalStateException("trackguard.tracking.previous-pseudonym-keys names the current key id " + config.pseudonymKeyId());
        }
        this.macs = keyed(config.pseudonymKey());
        this.previous = config.previousPseudonymKeys().values().stream().map(Pseudonyms::keyed).toList();
    }

    private static ThreadLocal<Mac> keyed(String secret) {
        SecretKeySpec key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        return ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(key);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
            }
        });
    }

    /** {@code ip:} and 16 characters: 96 bits of HMAC over the address (or its /64). */
    public String address(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet6Address) {
            bytes = Arrays.copyOf(bytes, 8);
        } else if (!(address instanceof Inet4Address)) {
            throw new IllegalArgumentException("unknown address family");
        }
        return "ip:" + hmac("address", bytes, 12);
    }

    /**
     * {@code net56:} or {@code net48:} and 16 characters: the IPv6 network (a /56 or /48) an
     * address belongs to, for counters that add up the clients of one network.
     */
    public String network(Inet6Address address, int prefixBits) {
        if (prefixBits != 56 && prefixBits != 48) {
            throw new IllegalArgumentException("networks are /56 or /48");
        }
        return "net" + prefixBits + ":" + hmac("network/" + prefixBits, Arrays.copyOf(address.getAddress(), prefixBits / 8), 12);
    }

    /** {@code tn:} and a keyed hash of a canonical tracking number, for misses and limiter keys. */
    public String trackingNumber(String canonical) {
        return "tn:" + hmac("tracking-number", canonical.getBytes(StandardCharsets.US_ASCII), 12);
    }

    /**
     * Whether {@code pseudonym} is the number's pseudonym under the current key or a previous one
     * (a session made before the key was rotated). Compared in constant time.
     */
    public boolean isTrackingNumber(String pseudonym, String canonical) {
        byte[] given = pseudonym.getBytes(StandardCharsets.US_ASCII);
        byte[] number = canonical.getBytes(StandardCharsets.US_ASCII);
        boolean match = MessageDigest.isEqual(given, ("tn:" + hmac(macs, "tracking-number", number, 12)).getBytes(StandardCharsets.US_ASCII));
        for (ThreadLocal<Mac> old : previous) {
            match |= MessageDigest.isEqual(given, ("tn:" + hmac(old, "tracking-number", number, 12)).getBytes(StandardCharsets.US_ASCII));
        }
        return match;
    }

    private String hmac(String purpose, byte[] value, int length) {
        return hmac(macs, purpose, value, length);
    }

    private static String hmac(ThreadLocal<Mac> keyed, String purpose, byte[] value, int length) {
        Mac mac = keyed.get(); // doFinal resets it for the next use
        mac.update(purpose.getBytes(StandardCharsets.US_ASCII));
        mac.update((byte) 0);
        byte[] digest = mac.doFinal(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, length));
    }
}
